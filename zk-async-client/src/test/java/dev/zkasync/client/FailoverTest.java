package dev.zkasync.client;

import dev.zkasync.test.EnsembleMember;
import dev.zkasync.test.ZooKeeperEnsemble;
import dev.zkasync.test.ZooKeeperServerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failover when the leader is paused (SIGSTOP) rather than killed: its kernel still accepts
 * connections, so a client that tries it must not wait out a whole handshake deadline there.
 */
class FailoverTest {
    private static ZooKeeperEnsemble ensemble;

    @BeforeAll
    static void startEnsemble() {
        // A short tick: the followers notice the silent leader after syncLimit (5) ticks.
        ensemble = ZooKeeperEnsemble.start(3, ZooKeeperServerOptions.builder()
                .tickTime(Duration.ofMillis(500)).build());
    }

    @AfterAll
    static void stopEnsemble() {
        ensemble.close();
    }

    /** One writer per client: when its first write started after the pause was acknowledged (nanoTime), or 0. */
    private record Writer(KazooClient client, Thread thread, AtomicLong recovered) {
    }

    @Test
    void clientsWriteAgainWithinASecondOfANewLeaderServingWhenTheLeaderIsPaused() throws Exception {
        EnsembleMember leader = ensemble.leader().orElseThrow();
        List<EnsembleMember> followers = ensemble.members().stream().filter(m -> m != leader).toList();
        List<Writer> writers = new ArrayList<>();
        AtomicLong pausedAt = new AtomicLong(Long.MAX_VALUE);
        try {
            for (EnsembleMember follower : followers) {
                // Each client sits on a follower; its other hosts are the paused leader and the other follower.
                List<String> hosts = new ArrayList<>(List.of(follower.connectString(), leader.connectString()));
                followers.stream().filter(f -> f != follower).forEach(f -> hosts.add(f.connectString()));
                KazooClient c = KazooClient.builder().hosts(String.join(",", hosts)).randomizeHosts(false)
                        .sessionTimeout(Duration.ofSeconds(10)).requestTimeout(Duration.ofMillis(500)).build();
                c.start(Duration.ofSeconds(30));
                String node = "/failover-" + writers.size();
                c.ensurePath(node);
                AtomicLong recovered = new AtomicLong();
                Thread t = Thread.ofVirtual().start(() -> {
                    byte[] data = "w".getBytes(StandardCharsets.UTF_8);
                    while (!Thread.currentThread().isInterrupted() && !c.isClosed()) {
                        long started = System.nanoTime();
                        try {
                            c.set(node, data);
                            if (started > pausedAt.get()) {
                                recovered.compareAndSet(0, System.nanoTime());
                            }
                        } catch (RuntimeException outage) {
                            // connection loss, deadline: keep trying
                        }
                    }
                });
                writers.add(new Writer(c, t, recovered));
            }
            leader.pause();
            long paused = System.nanoTime();
            pausedAt.set(paused);
            // The new leader serves once a follower reports it leads (polled on the live members only).
            long newLeaderAt = 0;
            long limit = paused + TimeUnit.SECONDS.toNanos(60);
            while (newLeaderAt == 0 && System.nanoTime() < limit) {
                for (EnsembleMember f : followers) {
                    if (f.mode().equals("leader")) {
                        newLeaderAt = System.nanoTime();
                    }
                }
            }
            assertThat(newLeaderAt).as("a new leader within 60 s").isPositive();
            long deadline = newLeaderAt + TimeUnit.SECONDS.toNanos(10);
            for (Writer w : writers) {
                RealServerTest.await(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())), "writes again",
                        () -> w.recovered().get() != 0);
            }
            long leaderMs = TimeUnit.NANOSECONDS.toMillis(newLeaderAt - paused);
            for (Writer w : writers) {
                long recoveredMs = TimeUnit.NANOSECONDS.toMillis(w.recovered().get() - paused);
                System.out.printf("failover: new leader at %d ms, %s writes again at %d ms%n", leaderMs,
                        w.client().connectedServer(), recoveredMs);
                assertThat(recoveredMs).as("writes again within 1 s of the new leader (at %d ms)", leaderMs)
                        .isLessThanOrEqualTo(leaderMs + 1000);
            }
        } finally {
            leader.resume();
            for (Writer w : writers) {
                w.thread().interrupt();
                w.client().close();
            }
            ensemble.awaitQuorum(Duration.ofSeconds(60));
        }
    }

}
