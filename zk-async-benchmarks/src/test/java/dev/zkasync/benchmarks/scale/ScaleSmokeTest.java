package dev.zkasync.benchmarks.scale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scale scenarios at a small size (300 nodes, 20 sessions, one second of updates), so they
 * cannot rot between full runs: every client of every scenario gives its figures, every watch and
 * session comes back after the restarts, the outputs are written and the server is gone. The
 * figures of such a small run mean nothing.
 */
class ScaleSmokeTest {

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void everyScenarioMeasuresEveryClientAndWritesItsOutputs(@TempDir Path out) throws Exception {
        ScaleConfig config = new ScaleConfig(List.of(ScaleConfig.Scenario.values()), 300, 10, 200,
                Duration.ofSeconds(1), 20, Duration.ofSeconds(30), out);

        ScaleHarness.Outcome outcome = ScaleHarness.run(config);
        ScaleReport report = new ScaleReport(outcome.rows(), List.of(), "");

        for (String client : TreeCacheScenario.CLIENTS) {
            assertThat(report.value("tree-cache", client, "load_ms")).as(client).isPositive();
            assertThat(report.value("tree-cache", client, "heap_per_node")).as(client).isPositive();
            assertThat(report.value("tree-cache", client, "updates")).isEqualTo(200);
            assertThat(report.value("tree-cache", client, "updates_missed")).as(client).isLessThan(200);
            assertThat(report.value("tree-cache", client, "lag_p99_us")).as(client).isPositive();
        }
        for (String client : WatchRestoreScenario.CLIENTS) {
            double watches = report.value("watch-restore", client, "watches");
            assertThat(watches).as(client).isGreaterThanOrEqualTo(310);
            assertThat(report.value("watch-restore", client, "watches_restored")).as(client).isEqualTo(watches);
            assertThat(report.value("watch-restore", client, "largest_frame")).as(client).isPositive()
                    .isLessThanOrEqualTo(WatchRestoreScenario.JUTE_MAXBUFFER);
            assertThat(report.value("watch-restore", client, "restore_from_server_up_ms")).as(client)
                    .isNotNaN();
        }
        // The official client may lose a session in a restart (seen on a loaded machine): its figures are
        // reported, not asserted.
        assertThat(report.value("sessions", "zk-async", "sessions_back")).isEqualTo(20);
        assertThat(report.value("sessions", "zk-async", "sessions_replaced")).isZero();
        for (String client : SessionsScenario.CLIENTS) {
            assertThat(report.value("sessions", client, "heap_per_session")).as(client).isPositive();
            // 20 reconnects can all land before the first sample: the rate may then read 0, never less.
            assertThat(report.value("sessions", client, "peak_connect_requests_per_s")).as(client).isNotNaN()
                    .isNotNegative();
        }
        assertThat(report.value("sessions", "official-nio", "threads_per_session")).isGreaterThan(1.5);

        List<String> csv = Files.readAllLines(out.resolve(ScaleReport.CSV));
        assertThat(csv.get(0)).isEqualTo("scenario,client,metric,value,unit");
        assertThat(csv).hasSize(1 + outcome.rows().size());
        assertThat(Files.readString(out.resolve(ScaleReport.MARKDOWN)))
                .contains("### tree-cache", "### watch-restore", "### sessions", "| zk-async |", "| curator |",
                        "### Targets");
        byte[] png = Files.readAllBytes(out.resolve(ScaleReport.CHART));
        assertThat(png[1]).isEqualTo((byte) 'P');
        assertThat(ProcessHandle.of(outcome.serverPid()).map(ProcessHandle::isAlive).orElse(false))
                .as("the scale harness's server is gone").isFalse();
    }

    @Test
    void peakRateIsTheLargestIncreaseOverOneSecond() {
        long s = 1_000_000_000L;
        List<long[]> samples = List.of(new long[] {0, 0}, new long[] {s / 2, 10}, new long[] {s, 300},
                new long[] {3 * s / 2, 400}, new long[] {2 * s, 410});
        assertThat(SessionsScenario.peakPerSecond(samples)).isEqualTo(390.0);
    }
}
