package dev.zkasync.client;

import dev.zkasync.client.exception.BadVersionException;
import dev.zkasync.client.exception.ConnectionLossException;
import dev.zkasync.client.exception.NoNodeException;
import dev.zkasync.client.exception.NodeExistsException;
import dev.zkasync.client.data.NodeData;
import dev.zkasync.client.watch.Watcher;
import dev.zkasync.client.exception.RequestDeadlineException;
import dev.zkasync.client.watch.EventType;
import dev.zkasync.client.watch.WatchedEvent;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that one-shot watches fire exactly once per change while connections come and go: one
 * client sets a data watch on a fresh node, another then changes that node once, over and over.
 * A watch whose registration failed (connection loss, deadline) may never fire; one that was set
 * must fire once, even if the change happened while its client was reconnecting.
 */
final class WatchProbe implements AutoCloseable {

    private static final Duration RETRY_LIMIT = Duration.ofSeconds(60);

    private final KazooClient watcher;
    private final KazooClient changer;
    private final String root;
    private final List<Probe> set = new CopyOnWriteArrayList<>();
    private final List<Probe> unset = new CopyOnWriteArrayList<>();
    private final List<WatchedEvent> unexpected = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile RuntimeException failure;

    /** One watch: its node and how many change events it received. */
    private record Probe(String path, AtomicInteger changes) {
    }

    WatchProbe(KazooClient watcher, KazooClient changer, String root) {
        this.watcher = watcher;
        this.changer = changer;
        this.root = root;
        changer.ensurePath(root);
        this.thread = Thread.ofVirtual().name("watch-probe " + root).start(this::run);
    }

    private void run() {
        try {
            probe();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    private void probe() {
        for (int i = 0; !stopping; i++) {
            Probe probe = new Probe(root + "/node-" + i, new AtomicInteger());
            retry(() -> {
                try {
                    return changer.create(probe.path());
                } catch (NodeExistsException e) {
                    return probe.path(); // a create whose reply was lost
                }
            });
            Watcher watch = event -> {
                if (event.type() == EventType.CHANGED && probe.path().equals(event.path())) {
                    probe.changes().incrementAndGet();
                } else {
                    unexpected.add(event);
                }
            };
            try {
                // The watcher's server may not have applied the create yet; sync catches it up.
                NodeData seen = null;
                while (seen == null) {
                    watcher.sync(probe.path());
                    try {
                        seen = watcher.get(probe.path(), watch);
                    } catch (NoNodeException e) {
                        // the connection moved to a server further behind between the sync and the read
                    }
                }
                set.add(probe);
            } catch (ConnectionLossException | RequestDeadlineException e) {
                unset.add(probe);
            }
            retry(() -> {
                try {
                    return changer.set(probe.path(), "changed".getBytes(StandardCharsets.UTF_8), 0);
                } catch (BadVersionException e) {
                    return null; // a set whose reply was lost: it was applied
                }
            });
        }
    }

    /** Runs {@code op} until it succeeds, through connection losses and deadlines. */
    private static <T> T retry(Supplier<T> op) {
        long deadline = System.nanoTime() + RETRY_LIMIT.toNanos();
        while (true) {
            try {
                return op.get();
            } catch (ConnectionLossException | RequestDeadlineException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw e;
                }
            }
        }
    }

    /**
     * Stops probing, waits for every set watch to fire, then checks that none fired twice.
     *
     * @param scenario the name the figures are recorded under
     */
    void verify(String scenario) {
        stop();
        RealServerTest.await(Duration.ofSeconds(30), "every watch that was set firing",
                () -> set.stream().allMatch(p -> p.changes().get() >= 1));
        // A duplicate would come on the same road as a late event: one more round trip lets it arrive.
        watcher.sync(root);
        watcher.exists(root);
        assertThat(set).as("watches set during " + scenario).isNotEmpty();
        assertThat(set).allSatisfy(p -> assertThat(p.changes().get()).as("events for %s", p.path()).isEqualTo(1));
        assertThat(unset).allSatisfy(p -> assertThat(p.changes().get()).as("events for %s", p.path()).isLessThanOrEqualTo(1));
        assertThat(unexpected).as("events other than the changes watched").isEmpty();
        WriteLoad.record(scenario, "watches set", set.size());
        WriteLoad.record(scenario, "watches fired exactly once", set.stream().filter(p -> p.changes().get() == 1).count());
        WriteLoad.record(scenario, "watch registrations failed (connection loss)", unset.size());
    }

    private void stop() {
        stopping = true;
        try {
            thread.join(RETRY_LIMIT.multipliedBy(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(thread.isAlive()).as("the watch probe ended").isFalse();
        assertThat(failure).as("the watch probe's failure").isNull();
    }

    @Override
    public void close() {
        stopping = true;
    }
}
