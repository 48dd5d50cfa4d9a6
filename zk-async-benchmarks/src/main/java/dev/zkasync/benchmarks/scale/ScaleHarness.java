package dev.zkasync.benchmarks.scale;

import dev.zkasync.benchmarks.harness.Harness;
import dev.zkasync.client.KazooClient;
import dev.zkasync.test.ZooKeeperProcess;
import dev.zkasync.test.ZooKeeperServerOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The scale scenarios, side by side with the official client and Curator, against a server of its
 * own (ZooKeeper 3.9.4, own JVM, NIO connections): a cache of a large tree, restoring many watches
 * after a server restart, and many idle sessions through a restart. Writes {@code scale.csv},
 * {@code scale.md} and {@code scale.png}. Settings: {@link ScaleConfig}.
 *
 * <pre>{@code
 * zk-async-benchmarks/run.sh scale                               # every scenario at full size
 * zk-async-benchmarks/run.sh scale scale.scenarios=sessions scale.sessions=500
 * }</pre>
 */
public final class ScaleHarness {

    /** What a run produced. */
    public record Outcome(List<Measurement> rows, Path outDir, long serverPid, String markdown) {
    }

    private ScaleHarness() {
    }

    public static void main(String[] args) throws Exception {
        Properties props = Harness.settings(args, "scale.nodes=10000");
        Outcome outcome = run(ScaleConfig.from(props));
        System.out.println();
        System.out.println(outcome.markdown());
        System.out.println("Written to " + outcome.outDir().toAbsolutePath());
        System.exit(0); // the official clients' threads must not keep a finished run alive
    }

    /** Runs the selected scenarios; the server it started is gone when this returns. */
    public static Outcome run(ScaleConfig config) throws Exception {
        long begin = System.nanoTime();
        try (ZooKeeperProcess server = ZooKeeperProcess.start(ZooKeeperServerOptions.builder()
                .maxHeap("768m")
                .jvmArgs("-XX:TieredStopAtLevel=4")
                .startTimeout(Duration.ofSeconds(90))
                .maxClientConnections(0)
                .build())) {
            log("server %s (pid %d)", server.connectString(), server.pid());
            ZnodeTree tree = new ZnodeTree("/zkscale/tree", config.nodes());
            if (config.scenarios().contains(ScaleConfig.Scenario.TREE_CACHE)
                    || config.scenarios().contains(ScaleConfig.Scenario.WATCH_RESTORE)) {
                try (KazooClient zk = ScaleClients.zkAsync(server.connectString(), config.sessionTimeout())) {
                    tree.create(zk);
                }
                log("tree: %,d nodes of %d B in %d levels", tree.size(), ZnodeTree.DATA_BYTES, tree.levels());
            }
            List<Measurement> rows = new ArrayList<>();
            List<ScaleReport.Target> targets = new ArrayList<>();
            for (ScaleConfig.Scenario scenario : config.scenarios()) {
                switch (scenario) {
                    case TREE_CACHE -> {
                        rows.addAll(new TreeCacheScenario(config, server.connectString(), tree, server.pid()).run());
                        targets.add(new ScaleReport.Target(TreeCacheScenario.ID, "load_ms", "curator", 0.5, true));
                        targets.add(new ScaleReport.Target(TreeCacheScenario.ID, "heap_per_node", "curator", 0.5,
                                true));
                        targets.add(new ScaleReport.Target(TreeCacheScenario.ID, "lag_p99_us", "curator", 1.0, true));
                    }
                    case WATCH_RESTORE -> {
                        rows.addAll(new WatchRestoreScenario(config, server, tree).run());
                        targets.add(new ScaleReport.Target(WatchRestoreScenario.ID, "restore_from_reconnect_ms",
                                "official-nio", 0.5, true));
                    }
                    case SESSIONS -> {
                        rows.addAll(new SessionsScenario(config, server).run());
                        targets.add(new ScaleReport.Target(SessionsScenario.ID, "threads_per_session",
                                "official-nio", 0.05, true));
                        targets.add(new ScaleReport.Target(SessionsScenario.ID, "heap_per_session", "official-nio",
                                0.25, true));
                    }
                }
            }
            ScaleReport report = new ScaleReport(rows, targets, setting(config));
            report.write(config.outDir());
            log("done in %d s", (System.nanoTime() - begin) / 1_000_000_000L);
            return new Outcome(rows, config.outDir(), server.pid(), report.markdown());
        }
    }

    private static String setting(ScaleConfig c) {
        return String.format(Locale.ROOT, "Server: Apache ZooKeeper %s standalone, own JVM (C2, -Xmx768m), NIO "
                        + "connections, on 127.0.0.1. Client JVM: %s %s, %d cores. Tree: %,d nodes of %d B in %d "
                        + "levels; %,d persistent recursive watches; %,d setData/s for %d s; %,d sessions; session "
                        + "timeout %d s. Clients at their defaults (zk-async's default handler, except the "
                        + "virtual-thread handler in sessions).",
                ZooKeeperProcess.serverVersion(), System.getProperty("java.vm.name"), Runtime.version(),
                Runtime.getRuntime().availableProcessors(), c.nodes(), ZnodeTree.DATA_BYTES,
                new ZnodeTree("/t", c.nodes()).levels(), c.persistentWatches(), c.updateRate(),
                c.updateFor().toSeconds(), c.sessions(), c.sessionTimeout().toSeconds());
    }

    static void log(String format, Object... args) {
        System.out.printf("[scale %tT] %s%n", System.currentTimeMillis(), String.format(format, args));
        System.out.flush();
    }
}
