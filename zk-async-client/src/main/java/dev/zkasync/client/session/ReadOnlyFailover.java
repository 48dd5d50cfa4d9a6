package dev.zkasync.client.session;

import dev.zkasync.client.connect.HostAndPort;
import dev.zkasync.client.state.KeeperState;
import io.netty.channel.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Read-only mode: while the session is connected to a read-only server, looks for a read-write
 * one and moves the session there; and when a read-only server refuses the global session, has
 * the handshake ask it for a local one. The four-letter-word probes run on virtual threads; every
 * decision is taken on the session's event loop.
 */
final class ReadOnlyFailover {
    /** The session's logger: the messages are the session's, wherever its code sits. */
    private static final Logger log = LoggerFactory.getLogger(Session.class);
    private static final long RW_PROBE_FIRST_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long RW_PROBE_MAX_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final Session session;
    private final SessionConfig config;
    private final EventLoop loop;
    private final Connector connector;
    private final Handshake handshake;

    ReadOnlyFailover(Session session, SessionConfig config, EventLoop loop, Connector connector,
                     Handshake handshake) {
        this.session = session;
        this.config = config;
        this.loop = loop;
        this.connector = connector;
        this.handshake = handshake;
    }

    /** The session is now connected read-only on connection {@code attempt}: start looking for a read-write server. */
    void connectedReadOnly(int attempt) {
        scheduleReadWriteProbe(RW_PROBE_FIRST_NANOS, attempt);
    }

    /**
     * While connected to a read-only server, asks the other servers ({@code isro}) whether one of them
     * serves writes again, backing off from 100 ms to a minute; the first that answers {@code rw}
     * gets the session (resumed, when it came from a read-write server).
     */
    private void scheduleReadWriteProbe(long delayNanos, int attempt) {
        loop.schedule(() -> {
            if (!stillReadOnly(attempt)) {
                return;
            }
            HostAndPort current = connector.currentHost();
            List<HostAndPort> others = new ArrayList<>(connector.hosts().hosts());
            others.remove(current);
            int timeoutMillis = (int) Math.min(1000, Math.max(100, config.sessionTimeout().toMillis() / 10));
            Thread.ofVirtual().name("zk-async-rw-probe").start(() -> {
                for (HostAndPort candidate : others) {
                    String answer;
                    try {
                        answer = FourLetterWords.send(config.tls(), candidate, "isro",
                                Duration.ofMillis(timeoutMillis));
                    } catch (RuntimeException unreachable) {
                        continue;
                    }
                    if (answer.trim().equals("rw")) {
                        loop.execute(() -> moveToReadWrite(attempt, candidate));
                        return;
                    }
                }
                loop.execute(() -> scheduleReadWriteProbe(Math.min(RW_PROBE_MAX_NANOS, delayNanos * 2), attempt));
            });
        }, delayNanos, TimeUnit.NANOSECONDS);
    }

    private boolean stillReadOnly(int attempt) {
        return attempt == session.generation() && session.keeperState() == KeeperState.CONNECTED_RO;
    }

    /**
     * ZooKeeper's read-only servers refuse to resume a global session (they just close). When the
     * server that closed on us says it is read-only, ask for a local read-only session instead; the
     * global one is kept and resumed once a read-write server is back.
     */
    void checkReadOnlyRefusal(HostAndPort server) {
        Thread.ofVirtual().name("zk-async-ro-check").start(() -> {
            String answer;
            try {
                answer = FourLetterWords.send(config.tls(), server, "isro", Duration.ofSeconds(1));
            } catch (RuntimeException unreachable) {
                return;
            }
            if (answer.trim().equals("ro")) {
                loop.execute(() -> {
                    if (!session.keeperState().isConnected()) {
                        log.info("{} is read-only and refuses the global session; asking it for a local read-only "
                                + "session until a read-write server is back", server);
                        handshake.refusedAsReadOnly(server);
                    }
                });
            }
        });
    }

    private void moveToReadWrite(int attempt, HostAndPort server) {
        if (!stillReadOnly(attempt)) {
            return;
        }
        log.info("Read-write server {} found; leaving read-only {}", server, connector.server());
        handshake.readWriteFound();
        session.moveTo(server);
    }
}
