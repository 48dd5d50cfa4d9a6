package dev.zkasync.benchmarks.harness;

import dev.zkasync.test.ZooKeeperProcess;
import dev.zkasync.test.ZooKeeperServerOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The side-by-side load harness. Starts its own ZooKeeper 3.9.4 server in a separate
 * JVM on loopback (or uses {@code -Dzk.connect}), creates the fixtures, then for each round runs
 * every workload with every client, one client at a time, alternating the client order between
 * rounds so drift of the machine cancels out, and writes {@code results.csv}, {@code trials.csv},
 * {@code results.md} and {@code throughput.png}. Settings: {@link BenchConfig}.
 *
 * <pre>{@code
 * zk-async-benchmarks/run.sh                                     # the full run
 * zk-async-benchmarks/run.sh bench.workloads=get-256 bench.clients=zk-async,official-nio
 * }</pre>
 */
public final class Harness {

    /** What a run produced. */
    public record Outcome(Map<String, Summary> summaries, Path outDir, long serverPid, String markdown) {
    }

    private Harness() {
    }

    public static void main(String[] args) throws Exception {
        Properties props = settings(args, "bench.measure=5s");
        Outcome outcome = run(BenchConfig.from(props));
        System.out.println();
        System.out.println(outcome.markdown());
        System.out.println("Written to " + outcome.outDir().toAbsolutePath());
        System.exit(0); // clients' non-daemon threads must not keep a finished run alive
    }

    /**
     * The system properties overridden by {@code key=value} arguments (a leading {@code -D} is
     * allowed); exits with status 2 on an argument that is not a setting.
     */
    public static Properties settings(String[] args, String example) {
        Properties props = new Properties();
        props.putAll(System.getProperties());
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                System.err.println("arguments are key=value settings, e.g. " + example + "; got '" + arg + "'");
                System.exit(2);
            }
            props.setProperty(arg.substring(0, eq).replaceFirst("^-D", ""), arg.substring(eq + 1));
        }
        return props;
    }

    /** Runs the whole benchmark; the server it started is gone when this returns. */
    public static Outcome run(BenchConfig config) throws Exception {
        long begin = System.nanoTime();
        ZooKeeperProcess server = null;
        try {
            String connect;
            long pid;
            String serverDescription;
            if (config.connectString() != null) {
                connect = config.connectString();
                pid = Long.getLong("zk.server.pid", -1L);
                serverDescription = "external server " + connect + (pid > 0 ? " (pid " + pid + ")"
                        : ", CPU not measured");
            } else {
                // The big values need more: the server keeps its last 500 transactions (commitLogCount) in memory.
                String serverHeap = config.workloads().stream().anyMatch(Workload::isBig) ? "1536m" : "512m";
                server = ZooKeeperProcess.start(ZooKeeperServerOptions.builder()
                        .maxHeap(serverHeap)
                        // zk-async-test runs test servers with C1 only; a benchmark wants the server at full speed.
                        .jvmArgs("-XX:TieredStopAtLevel=4")
                        .startTimeout(Duration.ofSeconds(90))
                        .systemProperty("zookeeper.serverCnxnFactory", config.serverConnections().factoryClass())
                        .build());
                connect = server.connectString();
                pid = server.pid();
                serverDescription = "Apache ZooKeeper 3.9.4 standalone, own JVM (" + System.getProperty("java.vm.name")
                        + " " + Runtime.version().feature() + ", -Xmx" + serverHeap + ", Serial GC, C2) on 127.0.0.1, "
                        + "forceSync=no, default globalOutstandingLimit (1000), "
                        + config.serverConnections().name().toLowerCase(Locale.ROOT) + " connections";
            }
            log("server %s (pid %d)", connect, pid);
            Fixtures fixtures = new Fixtures(config.dataNodes(), config.payloadBytes(), config.children());
            fixtures.create(connect, config.workloads().contains(Workload.CHILDREN_10K),
                    config.workloads().stream().anyMatch(Workload::isBig));
            log("fixtures ready");

            ProcessMeter meter = new ProcessMeter(pid);
            TrialRunner runner = new TrialRunner(config, fixtures, connect, meter);
            warmUpServer(runner, config);
            Map<String, Summary> summaries = new LinkedHashMap<>();
            for (int round = 1; round <= config.rounds(); round++) {
                List<ClientKind> order = new ArrayList<>(config.clients());
                if (round % 2 == 0) {
                    Collections.reverse(order);
                }
                for (Workload w : config.workloads()) {
                    for (ClientKind c : order) {
                        TrialResult t = measure(runner, config, c, w, round);
                        summaries.computeIfAbsent(Report.key(c, w), k -> new Summary(c, w)).add(t);
                        log("round %d %-18s %-16s %10.0f ops/s  p99 %8.0f us  cpu %6.1f us/op  alloc %7.0f B/op"
                                        + "  other load %.2f cores  stolen %.2f cores%s",
                                round, w.id(), c.id(), t.opsPerSecond(),
                                t.latency().getTotalCount() == 0 ? Double.NaN
                                        : t.latency().getValueAtPercentile(99) / 1e3,
                                t.ops() == 0 ? Double.NaN : t.cpuNanos() / 1e3 / t.ops(),
                                t.ops() == 0 ? Double.NaN : (double) t.allocatedBytes() / t.ops(), t.otherCores(),
                                t.stolenCores(),
                                t.errors() > 0 || t.firstError() != null
                                        ? "  errors " + t.errors() + " (" + t.firstError() + ")" : "");
                    }
                }
            }
            Report report = new Report(config, summaries, serverDescription);
            report.write(config.outDir());
            log("done in %d s", (System.nanoTime() - begin) / 1_000_000_000L);
            return new Outcome(summaries, config.outDir(), pid, report.markdown());
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /**
     * A server fresh from start serves the first trials at a fraction of its later rate while its JIT
     * compiles (about 0.6 in the runs of 2026-12-02 07:25), whichever client runs them; so before
     * round 1 every selected workload but connect runs for a share of {@code bench.serverWarmup},
     * with the baseline client, unmeasured.
     */
    private static void warmUpServer(TrialRunner runner, BenchConfig config) {
        List<Workload> loads = config.workloads().stream().filter(w -> w.kind() != Workload.Kind.CONNECT).toList();
        if (config.serverWarmup().isZero() || loads.isEmpty()) {
            return;
        }
        Duration each = config.serverWarmup().dividedBy(loads.size());
        for (Workload w : loads) {
            try {
                runner.loadServer(ClientKind.OFFICIAL_NIO, w, each);
            } catch (Exception | LinkageError e) {
                log("server warm-up with %s failed: %s", w.id(), e);
            }
        }
        log("server warmed up (%d ms)", config.serverWarmup().toMillis());
    }

    /**
     * Runs a trial, and again while the hypervisor took more than {@code bench.maxStolen} cores from the
     * machine during its window (up to {@code bench.stealRetries} more times), keeping the window with
     * the least steal. Such a window is not this client's: with the machine short of CPU the server
     * slows down, replies trickle in and every figure moves, CPU per op included.
     */
    private static TrialResult measure(TrialRunner runner, BenchConfig config, ClientKind c, Workload w, int round) {
        TrialResult kept = runTrial(runner, c, w, round);
        int attempts = 1;
        while (attempts <= config.stealRetries() && kept.stolenCores() > config.maxStolenCores()) {
            log("round %d %-18s %-16s %.2f cores stolen during the window: measuring again", round, w.id(), c.id(),
                    kept.stolenCores());
            TrialResult again = runTrial(runner, c, w, round);
            attempts++;
            if (again.errors() <= kept.errors() && !(again.stolenCores() >= kept.stolenCores())) {
                kept = again;
            }
        }
        return kept.attempts(attempts);
    }

    private static TrialResult runTrial(TrialRunner runner, ClientKind c, Workload w, int round) {
        try {
            return runner.run(c, w, round);
        } catch (Exception | LinkageError e) {
            log("round %d %s %s failed: %s", round, w.id(), c.id(), e);
            return new TrialResult(c, w, round, 0, 1, 0, 0, 0, 0, 0, 0, -1, -1, new org.HdrHistogram.Histogram(3),
                    String.valueOf(e), 1);
        }
    }

    static void log(String format, Object... args) {
        System.out.printf("[bench %tT] %s%n", System.currentTimeMillis(), String.format(format, args));
        System.out.flush();
    }
}
