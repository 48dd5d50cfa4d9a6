package dev.zkasync.benchmarks.harness;

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
 * A bounded run of the real harness (every client, a few workloads, sub-second windows, its own
 * server), so the harness cannot rot between full runs. Not a measurement: the figures of such
 * short windows mean nothing, only that each client did work and every output was written.
 */
class HarnessSmokeTest {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyClientCompletesOperationsAndEveryOutputIsWritten(@TempDir Path out) throws Exception {
        List<Workload> workloads = List.of(Workload.GET_16, Workload.CREATE_DELETE_256, Workload.SYNC_GET);
        BenchConfig config = new BenchConfig(Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofMillis(300), 1,
                List.of(ClientKind.values()), workloads, 2, 0, 100, 100, 64, 100, out, null, Duration.ofSeconds(20),
                BenchConfig.ServerConnections.NIO, 0.1, 1);

        Harness.Outcome outcome = Harness.run(config);

        for (ClientKind client : ClientKind.values()) {
            for (Workload w : workloads) {
                Summary s = outcome.summaries().get(Report.key(client, w));
                assertThat(s).as("%s on %s", client.id(), w.id()).isNotNull();
                assertThat(s.ops()).as("%s completed %s operations (%s)", client.id(), w.id(), s.firstError())
                        .isPositive();
                assertThat(s.errors()).as("%s errors on %s: %s", client.id(), w.id(), s.firstError()).isZero();
                assertThat(s.cpuMicrosPerOp()).as("%s CPU on %s", client.id(), w.id()).isPositive();
                assertThat(s.allocatedBytesPerOp()).as("%s allocation on %s", client.id(), w.id()).isPositive();
                assertThat(s.stolenCores()).as("%s steal time on %s (/proc/stat)", client.id(), w.id())
                        .isNotNaN().isNotNegative();
            }
        }

        List<String> csv = Files.readAllLines(out.resolve(Report.RESULTS_CSV));
        assertThat(csv).hasSize(1 + ClientKind.values().length * workloads.size());
        assertThat(csv.get(0)).startsWith("client,workload,").endsWith(",other_cores,stolen_cores");
        List<String> trials = Files.readAllLines(out.resolve(Report.TRIALS_CSV));
        assertThat(trials).hasSize(csv.size());
        assertThat(trials.get(0)).contains(",stolen_cores,attempts,");
        String md = Files.readString(out.resolve(Report.RESULTS_MD));
        assertThat(md).contains("### get-16", "| official-nio |", "| curator-async |", "| zk-async-direct |",
                "| DirectHandler client CPU/op ≤ 0.35× official-nio, get-16 |", "| stolen cores |",
                "| steal | a window that lost more than 0.1 cores", "### Targets (zk-async");
        byte[] png = Files.readAllBytes(out.resolve(Report.CHART_PNG));
        assertThat(png.length).isGreaterThan(1000);
        assertThat(png[1]).isEqualTo((byte) 'P'); // \x89PNG

        assertThat(outcome.serverPid()).isPositive();
        assertThat(ProcessHandle.of(outcome.serverPid()).map(ProcessHandle::isAlive).orElse(false))
                .as("the harness's server is gone").isFalse();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void bigValuesGoThroughEveryBaselineAtItsDefaults(@TempDir Path out) throws Exception {
        List<Workload> workloads = List.of(Workload.BIG_GET, Workload.BIG_SET);
        List<ClientKind> clients = List.of(ClientKind.ZK_ASYNC, ClientKind.OFFICIAL_NIO, ClientKind.CURATOR_ASYNC);
        // Longer windows than above: a cold client on a loaded machine may take a while over its first megabytes.
        BenchConfig config = new BenchConfig(Duration.ofMillis(500), Duration.ZERO, Duration.ofSeconds(1), 1,
                clients, workloads, 2, 0, 100, 100, 64, 100, out, null, Duration.ofSeconds(20),
                BenchConfig.ServerConnections.NIO, 0.1, 0);

        Harness.Outcome outcome = Harness.run(config);

        for (ClientKind client : clients) {
            for (Workload w : workloads) {
                Summary s = outcome.summaries().get(Report.key(client, w));
                assertThat(s.ops()).as("%s completed %s operations (%s)", client.id(), w.id(), s.firstError())
                        .isPositive();
                assertThat(s.errors()).as("%s errors on %s: %s", client.id(), w.id(), s.firstError()).isZero();
                // A read hands the caller the value as a new byte[]; a write may send the caller's own.
                assertThat(s.allocatedBytesPerOp()).as("%s allocation on %s", client.id(), w.id())
                        .isGreaterThan(w == Workload.BIG_GET ? Fixtures.BIG_BYTES : 0);
            }
        }
        assertThat(Files.readString(out.resolve(Report.RESULTS_MD)))
                .contains("### get-1m-4", "### set-1m-4", "allocation/op ≤ 1.2× the payload, get-1m-4");
    }
}
