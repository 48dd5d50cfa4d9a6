package dev.zkasync.client.reliability;

import dev.zkasync.client.KazooClient;
import dev.zkasync.client.exception.RequestQueueFullException;
import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.metrics.ClientStats;
import dev.zkasync.test.FaultProxy;
import dev.zkasync.test.ZooKeeperExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A producer far faster than the server, which the proxy stalls or slows: the client keeps at
 * most {@code maxInFlight} requests on the wire and {@code maxQueuedRequests} waiting, refuses the
 * rest at once with a {@link RequestQueueFullException} that names the limit, holds its heap flat
 * round after round, and completes every request it accepted once the server keeps up again.
 */
@Tag("reliability")
@Timeout(300)
class BackPressureTest {

    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.perClass();

    private static final int MAX_IN_FLIGHT = 32;
    private static final int MAX_QUEUED = 256;
    private static final int BURST = 4_000;
    private static final int ROUNDS = 4;
    private static final Duration COMPLETION_TIMEOUT = Duration.ofSeconds(60);
    private static final long HEAP_GROWTH_LIMIT = 16L << 20;

    @BeforeAll
    static void detectLeaks() {
        LeakReports.install();
    }

    @Test
    void aProducerFasterThanTheServerStaysWithinTheLimits() throws Exception {
        List<JvmResources> afterRounds = new ArrayList<>();
        long accepted = 0;
        long refused = 0;
        int maxInFlightSeen = 0;
        int maxQueuedSeen = 0;
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", zk.server().port());
             KazooClient client = KazooClient.builder()
                     .hosts(proxy.connectString(zk.chroot()))
                     .sessionTimeout(Duration.ofSeconds(30)) // a stalled burst must not look like a dead server
                     .maxInFlight(MAX_IN_FLIGHT)
                     .maxQueuedRequests(MAX_QUEUED)
                     .requestTimeout(COMPLETION_TIMEOUT.multipliedBy(2))
                     .build()) {
            client.start(Duration.ofSeconds(30));
            client.ensurePath("/");
            for (int round = 0; round < ROUNDS; round++) {
                boolean stalled = round % 2 == 0; // odd rounds: a slow server rather than a silent one
                if (stalled) {
                    proxy.stall();
                } else {
                    proxy.latency(Duration.ofMillis(20));
                }
                ClientStats stats = client.stats();
                List<AsyncResult<String>> taken = new ArrayList<>();
                for (int i = 0; i < BURST; i++) {
                    AsyncResult<String> create = client.createAsync("/r" + round + "-" + i, new byte[64]);
                    maxInFlightSeen = Math.max(maxInFlightSeen, stats.inFlightRequests());
                    maxQueuedSeen = Math.max(maxQueuedSeen, stats.queuedRequests());
                    if (create.ready() && !create.successful()) {
                        assertThat(create.exception()).isInstanceOf(RequestQueueFullException.class)
                                .hasMessageContaining("the limit is " + MAX_QUEUED).hasMessageContaining("maxQueuedRequests");
                        assertThat(((RequestQueueFullException) create.exception()).limit()).isEqualTo(MAX_QUEUED);
                        refused++;
                    } else {
                        taken.add(create);
                    }
                }
                if (stalled) {
                    assertThat(taken).as("a silent server: nothing completes, so at most in flight plus queued are taken")
                            .hasSizeLessThanOrEqualTo(MAX_IN_FLIGHT + MAX_QUEUED);
                }
                assertThat(taken.size()).as("most of the burst is refused").isLessThan(BURST / 2);
                proxy.clearFaults();
                for (AsyncResult<String> create : taken) {
                    assertThat(create.await(COMPLETION_TIMEOUT)).as("an accepted request completes").isTrue();
                    assertThat(create.successful()).as("accepted request %s", create).isTrue();
                }
                accepted += taken.size();
                assertThat(client.getChildren("/")).hasSize((int) accepted);
                afterRounds.add(JvmResources.measure());
            }
            assertThat(maxInFlightSeen).isLessThanOrEqualTo(MAX_IN_FLIGHT).isPositive();
            assertThat(maxQueuedSeen).isLessThanOrEqualTo(MAX_QUEUED).isPositive();
        }
        List<String> leaks = LeakReports.flush();
        long growth = afterRounds.getLast().heapBytes() - afterRounds.get(1).heapBytes();
        String scenario = "back-pressure, " + ROUNDS + " bursts of " + BURST + " creates, maxInFlight " + MAX_IN_FLIGHT
                + ", maxQueuedRequests " + MAX_QUEUED + ", server stalled or 20 ms per chunk";
        ReliabilityRecords.record("soak", scenario, "requests accepted and completed", accepted);
        ReliabilityRecords.record("soak", scenario, "requests refused at once", refused);
        ReliabilityRecords.record("soak", scenario, "max in flight seen", maxInFlightSeen);
        ReliabilityRecords.record("soak", scenario, "max queued seen", maxQueuedSeen);
        ReliabilityRecords.record("soak", scenario, "heap after each round MiB",
                afterRounds.stream().map(r -> String.format(java.util.Locale.ROOT, "%.1f", JvmResources.mib(r.heapBytes()))).toList());
        ReliabilityRecords.record("soak", scenario, "leaks reported", leaks.size());
        assertThat(leaks).as("Netty's leak reports").isEmpty();
        assertThat(growth).as("heap growth from the second round to the last, after GC: " + afterRounds)
                .isLessThanOrEqualTo(HEAP_GROWTH_LIMIT);
    }
}
