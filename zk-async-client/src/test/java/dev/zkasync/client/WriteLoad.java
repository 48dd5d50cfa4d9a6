package dev.zkasync.client;

import dev.zkasync.client.exception.ConnectionLossException;
import dev.zkasync.client.exception.RequestDeadlineException;
import dev.zkasync.client.reliability.ReliabilityRecords;
import dev.zkasync.client.state.KazooState;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A steady write load for fault tests: several clients, each creating sequential nodes under its own
 * parent, named {@code <its own counter>-<server sequence>}, with a few creates in flight. Every
 * request's outcome and duration is kept, so that after a fault {@link #verify} can check that every
 * acknowledged write is on the server, that each client's writes were applied in the order it issued
 * them (the server's sequence follows the apply order), that every request completed within its
 * deadline with a value or a connection-loss kind of failure, and that no session was lost.
 */
final class WriteLoad implements AutoCloseable {

    /** Creates each writer keeps in flight, so that FIFO order is tested across pipelined requests. */
    static final int IN_FLIGHT = 4;
    /** Pause between two creates of one writer: a steady load that leaves the shared machine room. */
    private static final long PACE_NANOS = TimeUnit.MILLISECONDS.toNanos(3);
    /** How late a completion may be after its deadline: the timer and the handler thread on a loaded machine. */
    private static final Duration DEADLINE_SLACK = Duration.ofSeconds(2);

    private final String root;
    private final Duration requestTimeout;
    private final List<Writer> writers = new ArrayList<>();

    /**
     * Starts {@code count} writers under {@code root} (created if missing).
     *
     * @param builders one client builder per writer; each gets its request timeout from here
     */
    WriteLoad(String root, List<KazooClientBuilder> builders, Duration requestTimeout) {
        this.root = root;
        this.requestTimeout = requestTimeout;
        try {
            for (KazooClientBuilder builder : builders) {
                KazooClient client = builder.requestTimeout(requestTimeout).build();
                client.start(Duration.ofSeconds(30));
                Writer writer = new Writer(client, root + "/writer-" + writers.size());
                writers.add(writer);
                client.ensurePath(writer.parent);
            }
            writers.forEach(Writer::start);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    List<KazooClient> clients() {
        return writers.stream().map(w -> w.client).toList();
    }

    /** Waits until every writer has had {@code more} writes acknowledged after this call. */
    void awaitProgress(int more, Duration timeout) {
        List<Long> marks = writers.stream().map(w -> w.acknowledged.get()).toList();
        for (int i = 0; i < writers.size(); i++) {
            Writer w = writers.get(i);
            long mark = marks.get(i);
            RealServerTest.await(timeout, w.parent + " acknowledging " + more + " more writes",
                    () -> w.acknowledged.get() >= mark + more);
        }
    }

    /** Stops issuing writes and waits until every request issued has completed. */
    void stop() {
        writers.forEach(Writer::stopIssuing);
        for (Writer w : writers) {
            RealServerTest.await(requestTimeout.plus(DEADLINE_SLACK).plusSeconds(5),
                    "every request of " + w.parent + " completing", () -> w.pending() == 0);
        }
    }

    /**
     * Checks the guarantees and records the figures under {@code scenario}; call after {@link #stop()},
     * once the ensemble has a quorum.
     *
     * @param sessionsKept whether the quorum came back within the session timeout, so no session may be lost
     */
    void verify(String scenario, boolean sessionsKept) {
        long acknowledged = 0;
        long readBack = 0;
        long appliedUnacknowledged = 0;
        long failed = 0;
        long maxCompletionNanos = 0;
        long maxGapNanos = 0;
        int kept = 0;
        for (Writer w : writers) {
            w.client.sync(root);
            Map<Long, Long> applied = new TreeMap<>(); // server sequence -> writer counter
            for (String child : w.client.getChildren(w.parent)) {
                int dash = child.lastIndexOf('-');
                applied.put(Long.parseLong(child.substring(dash + 1)), Long.parseLong(child.substring(0, dash)));
            }
            List<Long> order = List.copyOf(applied.values());
            for (int i = 1; i < order.size(); i++) {
                assertThat(order.get(i)).as("%s: writes applied in the order issued (%s)", w.parent, scenario)
                        .isGreaterThan(order.get(i - 1));
            }
            List<Long> ackTimes = new ArrayList<>();
            for (Outcome o : w.outcomes.values()) {
                maxCompletionNanos = Math.max(maxCompletionNanos, o.endNanos - o.startNanos);
                assertThat(Duration.ofNanos(o.endNanos - o.startNanos))
                        .as("%s write %d completed within its deadline (%s)", w.parent, o.counter, scenario)
                        .isLessThanOrEqualTo(requestTimeout.plus(DEADLINE_SLACK));
                if (o.failure == null) {
                    acknowledged++;
                    ackTimes.add(o.endNanos);
                    assertThat(order).as("%s: acknowledged write %d is on the server (%s)", w.parent, o.counter, scenario)
                            .contains(o.counter);
                    readBack++;
                } else {
                    failed++;
                    assertThat(o.failure).as("%s write %d failed with a connection-loss kind of error", w.parent, o.counter)
                            .isInstanceOfAny(ConnectionLossException.class, RequestDeadlineException.class);
                    if (order.contains(o.counter)) {
                        appliedUnacknowledged++;
                    }
                }
            }
            assertThat(order.size()).as("%s: no write the writer did not issue", w.parent)
                    .isLessThanOrEqualTo(w.outcomes.size());
            ackTimes.sort(null);
            for (int i = 1; i < ackTimes.size(); i++) {
                maxGapNanos = Math.max(maxGapNanos, ackTimes.get(i) - ackTimes.get(i - 1));
            }
            boolean sameSession = w.client.clientId().sessionId() == w.sessionId && !w.states.contains(KazooState.LOST);
            if (sessionsKept) {
                assertThat(w.states).as("%s saw no LOST (%s)", w.parent, scenario).doesNotContain(KazooState.LOST);
                assertThat(w.client.clientId().sessionId()).as("%s kept its session", w.parent).isEqualTo(w.sessionId);
            }
            kept += sameSession ? 1 : 0;
        }
        assertThat(acknowledged).as("writes acknowledged in %s", scenario).isPositive();
        record(scenario, "writers", writers.size());
        record(scenario, "writes acknowledged", acknowledged);
        record(scenario, "acknowledged writes read back", readBack);
        record(scenario, "writes failed (connection loss or deadline)", failed);
        record(scenario, "failed writes found applied", appliedUnacknowledged);
        record(scenario, "max request completion ms", TimeUnit.NANOSECONDS.toMillis(maxCompletionNanos));
        record(scenario, "request timeout ms", requestTimeout.toMillis());
        record(scenario, "outage seen by writers ms (longest gap between acknowledgements)", TimeUnit.NANOSECONDS.toMillis(maxGapNanos));
        record(scenario, "sessions kept", kept + "/" + writers.size());
    }

    static void record(String scenario, String figure, Object value) {
        ReliabilityRecords.record("ensemble", scenario, figure, value);
    }

    @Override
    public void close() {
        writers.forEach(Writer::stopIssuing);
        writers.forEach(w -> w.client.close());
    }

    /** One request's fate: the writer's counter, when it was issued and completed, and its failure if any. */
    private record Outcome(long counter, long startNanos, long endNanos, Throwable failure) {
    }

    /** One client and its thread issuing creates under its own parent. */
    private static final class Writer {
        private final KazooClient client;
        private final String parent;
        private final long sessionId;
        private final List<KazooState> states = new CopyOnWriteArrayList<>();
        private final Semaphore window = new Semaphore(IN_FLIGHT);
        private final Map<Long, Outcome> outcomes = new ConcurrentHashMap<>();
        private final AtomicLong issued = new AtomicLong();
        private final AtomicLong acknowledged = new AtomicLong();
        private volatile boolean stopping;
        private Thread thread;

        Writer(KazooClient client, String parent) {
            this.client = client;
            this.parent = parent;
            this.sessionId = client.clientId().sessionId();
            client.addListener(states::add);
        }

        void start() {
            thread = Thread.ofVirtual().name("write-load " + parent).start(this::issue);
        }

        private void issue() {
            while (!stopping) {
                if (!window.tryAcquire()) {
                    LockSupport.parkNanos(PACE_NANOS);
                    continue;
                }
                long counter = issued.getAndIncrement();
                long start = System.nanoTime();
                client.createAsync(parent + "/" + counter + "-", null, CreateOptions.DEFAULT.sequence()).rawlink(r -> {
                    outcomes.put(counter, new Outcome(counter, start, System.nanoTime(), r.exception()));
                    if (r.successful()) {
                        acknowledged.incrementAndGet();
                    }
                    window.release();
                });
                LockSupport.parkNanos(PACE_NANOS);
            }
        }

        long pending() {
            return issued.get() - outcomes.size();
        }

        void stopIssuing() {
            stopping = true;
            if (thread != null) {
                try {
                    thread.join(Duration.ofSeconds(5));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
