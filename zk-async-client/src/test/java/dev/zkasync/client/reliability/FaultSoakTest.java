package dev.zkasync.client.reliability;

import dev.zkasync.client.KazooClient;
import dev.zkasync.client.handler.DirectHandler;
import dev.zkasync.client.handler.Handler;
import dev.zkasync.client.handler.SequentialThreadingHandler;
import dev.zkasync.client.handler.SequentialVirtualThreadHandler;
import dev.zkasync.client.retry.KazooRetry;
import dev.zkasync.test.FaultProxy;
import dev.zkasync.test.ZooKeeperExtension;
import dev.zkasync.test.ZooKeeperServerOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.fail;

/**
 * A seeded random sequence of network faults through the fault proxy against live mixed traffic
 * from three clients (one per handler kind), checking throughout that no request waits past its
 * deadline plus a second and that state changes are legal, and at the end that every acknowledged
 * write reads back, that threads, heap and direct memory did not grow, and that Netty's leak
 * detector at PARANOID reported nothing.
 *
 * <p>{@code -Dzk.async.soak.seed} replays a run (the seed is printed at the start and in every
 * failure, with the command line); {@code -Dzk.async.soak.episodes} sets the length (default 1,000).
 * Tagged {@code reliability}: it runs in its own JVM, where the leak detector can be installed
 * before Netty's first buffer.
 */
@Tag("reliability")
@Timeout(value = 3, unit = TimeUnit.HOURS)
class FaultSoakTest {

    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.perClass(ZooKeeperServerOptions.builder()
            .maxHeap("1g") // a long run leaves a million nodes
            .build());

    private static final int DEFAULT_EPISODES = 1_000;
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(4);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(1500);
    /** Long episodes last this to half as long again: past the request timeout, around the dead-connection limit. */
    private static final Duration LONG_EPISODE = Duration.ofSeconds(2);
    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(60);
    private static final int RECOVERY_CHECK_EVERY = 100;
    private static final int WORKERS_PER_CLIENT = 2;
    private static final int THREAD_SLACK = 8;
    private static final long HEAP_GROWTH_LIMIT = 64L << 20;
    private static final long DIRECT_GROWTH_LIMIT = 32L << 20;

    private final long seed = Long.getLong("zk.async.soak.seed", ThreadLocalRandom.current().nextLong());
    private final int episodes = Integer.getInteger("zk.async.soak.episodes", DEFAULT_EPISODES);
    private final SoakViolations violations = new SoakViolations();
    private final List<KazooClient> clients = new ArrayList<>();
    private final List<LegalStates> states = new ArrayList<>();
    private final List<SoakWorker> workers = new ArrayList<>();
    private final RequestDeadlines deadlines = new RequestDeadlines(REQUEST_TIMEOUT, violations::add);
    private String lastEpisode = "before the first episode";
    private LagProbe lag;

    @BeforeAll
    static void detectLeaks() {
        LeakReports.install();
    }

    @Test
    void faultEpisodesAgainstLiveTraffic() throws Exception {
        System.out.println("FaultSoakTest: seed " + seed + ", " + episodes + " episodes; replay with " + replayCommand());
        long startNanos = System.nanoTime();
        Map<FaultEpisode.Kind, Integer> kinds = new EnumMap<>(FaultEpisode.Kind.class);
        JvmResources before;
        JvmResources after;
        long verified = 0;
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", zk.server().port());
             KazooClient reader = KazooClient.builder().hosts(zk.connectString()).build()) {
            reader.start(Duration.ofSeconds(30));
            reader.ensurePath("/");
            startTraffic(proxy, reader);
            lag = new LagProbe(clients);
            awaitProgress("warm-up");
            before = JvmResources.measure();

            Random random = new Random(seed);
            for (int i = 0; i < episodes; i++) {
                FaultEpisode episode = FaultEpisode.next(i, random, LONG_EPISODE);
                lastEpisode = episode.toString();
                kinds.merge(episode.kind(), 1, Integer::sum);
                episode.apply(proxy);
                hold(episode.duration());
                proxy.clearFaults();
                hold(Duration.ofMillis(random.nextInt(20)));
                deadlines.checkOutstanding();
                if ((i + 1) % RECOVERY_CHECK_EVERY == 0) {
                    awaitProgress("after " + lastEpisode);
                }
                failOnViolations();
            }
            lastEpisode = "after the last episode";
            awaitProgress("at the end");
            deadlines.checkOutstanding();
            after = awaitThreadsWithin(before.threads() + THREAD_SLACK);
            for (SoakWorker worker : workers) {
                worker.stop();
            }
            SoakVerifier verifier = new SoakVerifier(reader, violations::add);
            for (SoakWorker worker : workers) {
                verified += verifier.verify(worker);
            }
            clients.forEach(KazooClient::close); // before the proxy goes, so each ends CONNECTED -> LOST
        } finally {
            if (lag != null) {
                lag.close();
            }
            workers.forEach(SoakWorker::halt);
            clients.forEach(KazooClient::close);
        }
        List<String> leaks = LeakReports.flush();
        leaks.forEach(leak -> violations.add("Netty reported a leak: " + leak));
        long past = deadlines.maxPastDeadline().toMillis();
        record(kinds, verified, past, leaks.size(), before, after, Duration.ofNanos(System.nanoTime() - startNanos));
        check(after.heapBytes() - before.heapBytes() <= HEAP_GROWTH_LIMIT, () -> "heap grew from " + before + " to " + after);
        check(after.directBytes() - before.directBytes() <= DIRECT_GROWTH_LIMIT
                        && after.nettyDirectBytes() - before.nettyDirectBytes() <= DIRECT_GROWTH_LIMIT,
                () -> "direct memory grew from " + before + " to " + after);
        failOnViolations();
    }

    private void startTraffic(FaultProxy proxy, KazooClient setup) {
        List<Supplier<Handler>> handlers = List.of(SequentialThreadingHandler::new, SequentialVirtualThreadHandler::new,
                DirectHandler::new);
        for (int c = 0; c < handlers.size(); c++) {
            KazooClient client = KazooClient.builder()
                    .hosts(proxy.connectString(zk.chroot()))
                    .sessionTimeout(SESSION_TIMEOUT)
                    .connectionTimeout(Duration.ofSeconds(1))
                    .requestTimeout(REQUEST_TIMEOUT)
                    .connectionRetry(KazooRetry.forever().withDelay(Duration.ofMillis(10)).withMaxDelay(Duration.ofMillis(250)))
                    .handler(handlers.get(c).get())
                    .build();
            clients.add(client);
            LegalStates legal = new LegalStates("client " + c, violations::add);
            client.addListener(legal);
            states.add(legal);
            client.start(Duration.ofSeconds(30));
            for (int w = 0; w < WORKERS_PER_CLIENT; w++) {
                SoakWorker worker = new SoakWorker(client, "/w" + c + w, seed + c * 31L + w, deadlines, violations::add);
                workers.add(worker);
                worker.start(setup);
            }
        }
    }

    /** Every client connected and every worker with new acknowledged requests, within the recovery timeout. */
    private void awaitProgress(String when) {
        long[] acked = workers.stream().mapToLong(SoakWorker::acknowledged).toArray();
        long deadline = System.nanoTime() + RECOVERY_TIMEOUT.toNanos();
        while (true) {
            boolean connected = clients.stream().allMatch(KazooClient::connected);
            boolean progressed = true;
            for (int i = 0; i < workers.size(); i++) {
                progressed &= workers.get(i).acknowledged() >= acked[i] + 10;
            }
            if (connected && progressed) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                violations.add("no recovery within " + RECOVERY_TIMEOUT.toSeconds() + " s " + when + ": clients "
                        + clients.stream().map(KazooClient::clientState).toList() + ", workers' acknowledged requests "
                        + workers.stream().map(SoakWorker::acknowledged).toList());
                failOnViolations();
            }
            hold(Duration.ofMillis(20));
        }
    }

    /** Threads of closed connections end a moment after the connection; waits for them, up to the recovery timeout. */
    private JvmResources awaitThreadsWithin(int limit) {
        long deadline = System.nanoTime() + RECOVERY_TIMEOUT.toNanos();
        while (true) {
            JvmResources now = JvmResources.measure();
            if (now.threads() <= limit || System.nanoTime() - deadline > 0) {
                check(now.threads() <= limit, () -> now.threads() + " threads at the end, more than " + limit);
                return now;
            }
            hold(Duration.ofMillis(200));
        }
    }

    /** Lets a fault (or the healthy gap after it) last its time: the sequence's timing is the stimulus here, not a wait for a condition. */
    private static void hold(Duration duration) {
        try {
            TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void check(boolean condition, Supplier<String> violation) {
        if (!condition) {
            violations.add(violation.get());
        }
    }

    private void failOnViolations() {
        if (violations.count() > 0) {
            // Late requests' outcomes tell a deadline enforced late from one never enforced: wait a little for them.
            long until = System.nanoTime() + RECOVERY_TIMEOUT.toNanos() / 6;
            while (deadlines.lateStillWaiting() > 0 && System.nanoTime() - until < 0) {
                hold(Duration.ofMillis(20));
            }
            fail("FaultSoakTest seed " + seed + " failed, " + lastEpisode + ": " + violations.count() + " violation(s):\n  "
                    + String.join("\n  ", violations.first()) + "\n" + (lag == null ? "" : lag.worstRecently() + "\n")
                    + "Replay: " + replayCommand());
        }
    }

    private String replayCommand() {
        return "./mvnw -B -ntp test -pl zk-async-zookeeper-runtime,zk-async-test,zk-async-client -Dtest=FaultSoakTest "
                + "-Dsurefire.failIfNoSpecifiedTests=false -Dzk.async.soak.seed=" + seed + " -Dzk.async.soak.episodes=" + episodes;
    }

    private void record(Map<FaultEpisode.Kind, Integer> kinds, long verified, long pastDeadlineMillis, int leaks,
            JvmResources before, JvmResources after, Duration took) {
        String scenario = "fault soak, " + episodes + " episodes, " + clients.size() + " clients x " + WORKERS_PER_CLIENT
                + " workers";
        ReliabilityRecords.record("soak", scenario, "seed", seed);
        ReliabilityRecords.record("soak", scenario, "episodes", episodes);
        kinds.forEach((kind, n) -> ReliabilityRecords.record("soak", scenario, "episodes " + kind, n));
        ReliabilityRecords.record("soak", scenario, "requests sent", deadlines.submittedCount());
        ReliabilityRecords.record("soak", scenario, "requests acknowledged",
                workers.stream().mapToLong(SoakWorker::acknowledged).sum());
        ReliabilityRecords.record("soak", scenario, "requests failed by faults",
                workers.stream().mapToLong(w -> w.failed.sum()).sum());
        ReliabilityRecords.record("soak", scenario, "watch events", workers.stream().mapToLong(w -> w.watchEvents.sum()).sum());
        ReliabilityRecords.record("soak", scenario, "acknowledged writes verified", verified);
        ReliabilityRecords.record("soak", scenario, "max wait past deadline ms", pastDeadlineMillis);
        ReliabilityRecords.record("soak", scenario, "leaks reported", leaks);
        ReliabilityRecords.record("soak", scenario, "state changes", states.stream().map(LegalStates::transitions).toList());
        ReliabilityRecords.record("soak", scenario, "resources before", before);
        ReliabilityRecords.record("soak", scenario, "resources after", after);
        ReliabilityRecords.record("soak", scenario, "duration s", took.toSeconds());
        ReliabilityRecords.record("soak", scenario, "scheduling lag at the end", lag.worstRecently());
    }
}
