package dev.zkasync.benchmarks.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The harness's settings, from system properties (or {@code key=value} arguments, which set the same
 * properties):
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><td>{@code bench.warmup}</td><td>warm-up per trial, e.g. {@code 3s}, {@code 500ms} (default 3s)</td></tr>
 *   <tr><td>{@code bench.serverWarmup}</td><td>load on the server before round 1, shared among the
 *       workloads and run with the official NIO client, unmeasured, so its JIT has compiled the request
 *       paths before the first trial (default 20s; {@code 0s} for none)</td></tr>
 *   <tr><td>{@code bench.measure}</td><td>measured window per trial (default 5s)</td></tr>
 *   <tr><td>{@code bench.rounds}</td><td>alternations: every client runs every workload this often (default 2)</td></tr>
 *   <tr><td>{@code bench.clients}</td><td>comma-separated client ids, or {@code all}</td></tr>
 *   <tr><td>{@code bench.workloads}</td><td>comma-separated workload ids, or {@code all}</td></tr>
 *   <tr><td>{@code bench.connects}</td><td>connects measured per connect trial (default 20), after 3 unmeasured</td></tr>
 *   <tr><td>{@code bench.children}</td><td>children of the getChildren parent (default 10000)</td></tr>
 *   <tr><td>{@code bench.vthreads}</td><td>virtual threads of the mixed workload (default 10000)</td></tr>
 *   <tr><td>{@code bench.out}</td><td>output directory (default {@code results})</td></tr>
 *   <tr><td>{@code bench.serverConnections}</td><td>how the started server handles connections: {@code nio}
 *       (ZooKeeper's default, one request read per selection) or {@code netty} (default nio)</td></tr>
 *   <tr><td>{@code bench.maxStolen}</td><td>cores the hypervisor may take from the machine during a
 *       measured window (steal time) before the trial is measured again (default 0.1)</td></tr>
 *   <tr><td>{@code bench.stealRetries}</td><td>how often a trial is measured again for that; the window
 *       with the least steal is kept (default 2; 0 keeps every first window)</td></tr>
 *   <tr><td>{@code zk.connect}</td><td>use this server instead of starting one (its CPU is then not measured)</td></tr>
 * </table>
 */
public record BenchConfig(Duration warmup, Duration serverWarmup, Duration measure, int rounds, List<ClientKind> clients,
                          List<Workload> workloads, int connects, int connectWarmups, int children, int vthreads,
                          int dataNodes, int payloadBytes, Path outDir, String connectString, Duration drainTimeout,
                          ServerConnections serverConnections, double maxStolenCores, int stealRetries) {

    /** The connection layer of the server the harness starts. */
    public enum ServerConnections {
        NIO("org.apache.zookeeper.server.NIOServerCnxnFactory"),
        NETTY("org.apache.zookeeper.server.NettyServerCnxnFactory");

        private final String factoryClass;

        ServerConnections(String factoryClass) {
            this.factoryClass = factoryClass;
        }

        /** The value of the server's {@code zookeeper.serverCnxnFactory} system property. */
        public String factoryClass() {
            return factoryClass;
        }

        static ServerConnections parse(String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "nio" -> NIO;
                case "netty" -> NETTY;
                default -> throw new IllegalArgumentException("bench.serverConnections must be nio or netty: " + text);
            };
        }
    }

    public BenchConfig {
        if (serverWarmup.isNegative()) {
            throw new IllegalArgumentException("bench.serverWarmup must not be negative");
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("bench.rounds must be at least 1");
        }
        if (!(maxStolenCores >= 0) || stealRetries < 0) {
            throw new IllegalArgumentException("bench.maxStolen and bench.stealRetries must not be negative");
        }
        if (clients.isEmpty() || workloads.isEmpty()) {
            throw new IllegalArgumentException("no clients or no workloads selected");
        }
        clients = List.copyOf(clients);
        workloads = List.copyOf(workloads);
    }

    public static BenchConfig from(Properties p) {
        return new BenchConfig(
                duration(p.getProperty("bench.warmup", "3s")),
                duration(p.getProperty("bench.serverWarmup", "20s")),
                duration(p.getProperty("bench.measure", "5s")),
                Integer.parseInt(p.getProperty("bench.rounds", "2")),
                ClientKind.parse(p.getProperty("bench.clients", "all")),
                Workload.parse(p.getProperty("bench.workloads", "all")),
                Integer.parseInt(p.getProperty("bench.connects", "20")),
                Integer.parseInt(p.getProperty("bench.connectWarmups", "3")),
                Integer.parseInt(p.getProperty("bench.children", "10000")),
                Integer.parseInt(p.getProperty("bench.vthreads", "10000")),
                64,
                100,
                Path.of(p.getProperty("bench.out", "results")),
                emptyToNull(p.getProperty("zk.connect")),
                duration(p.getProperty("bench.drainTimeout", "30s")),
                ServerConnections.parse(p.getProperty("bench.serverConnections", "nio")),
                Double.parseDouble(p.getProperty("bench.maxStolen", "0.1")),
                Integer.parseInt(p.getProperty("bench.stealRetries", "2")));
    }

    /** {@code 250ms}, {@code 3s}, {@code 2m}, or an ISO-8601 duration. */
    public static Duration duration(String text) {
        String t = text.strip().toLowerCase();
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
        }
        if (t.endsWith("m")) {
            return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)) * 60);
        }
        return Duration.parse(text.strip().toUpperCase());
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
