package dev.zkasync.client.session;

import dev.zkasync.client.connect.HostAndPort;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Which server to try next, and how long to wait first. Hosts are tried in turn (shuffled once per
 * cycle when randomizing); after a whole cycle without a session the client backs off with jitter,
 * exponentially up to a cap. Confined to the session's event loop.
 */
final class HostCycle {
    private final boolean randomize;
    private final ReconnectPolicy policy;
    private List<HostAndPort> hosts;
    private int index;
    private int attempts;
    private HostAndPort preferred;

    HostCycle(List<HostAndPort> hosts, boolean randomize, ReconnectPolicy policy) {
        this.randomize = randomize;
        this.policy = policy;
        replace(hosts);
    }

    /** New hosts for the next attempts (the current connection, if any, is kept). */
    void replace(List<HostAndPort> newHosts) {
        if (newHosts.isEmpty()) {
            throw new IllegalArgumentException("at least one host is needed");
        }
        // Only a list it shuffles is its own; otherwise the configuration's immutable one is shared.
        hosts = randomize && newHosts.size() > 1 ? new ArrayList<>(newHosts) : List.copyOf(newHosts);
        attempts = 0; // counts were against the old list
        if (hosts instanceof ArrayList) {
            Collections.shuffle(hosts);
        }
        index = 0;
    }

    List<HostAndPort> hosts() {
        return List.copyOf(hosts);
    }

    /** Whether every host is in {@code found}. */
    boolean allIn(Set<HostAndPort> found) {
        return found.containsAll(hosts);
    }

    int size() {
        return hosts.size();
    }

    /** Whole cycles tried since the last session was established. */
    int failedCycles() {
        return attempts / hosts.size();
    }

    /** Nanoseconds to wait before the next attempt: zero inside a cycle, a backoff after a full one. */
    long delayBeforeNextNanos() {
        if (attempts == 0 || attempts % hosts.size() != 0) {
            return 0;
        }
        int cycle = attempts / hosts.size();
        double delay = Math.min(policy.maxDelay().toNanos(),
                policy.delay().toNanos() * Math.pow(policy.backoff(), cycle - 1));
        double jitter = policy.jitter();
        double factor = jitter <= 0 ? 1 : ThreadLocalRandom.current().nextDouble(1 - jitter, 1 + jitter);
        return (long) Math.min(policy.maxDelay().toNanos(), delay * factor);
    }

    /** The next attempt goes to {@code host} (a read-write server found while read-only). */
    void preferNext(HostAndPort host) {
        preferred = host;
    }

    HostAndPort next() {
        if (preferred != null) {
            HostAndPort h = preferred;
            preferred = null;
            return h;
        }
        if (index >= hosts.size()) {
            index = 0;
            if (hosts instanceof ArrayList) {
                Collections.shuffle(hosts);
            }
        }
        attempts++;
        return hosts.get(index++);
    }

    /** A session was established: the next failure starts counting afresh. */
    void connected() {
        attempts = 0;
    }
}
