package dev.zkasync.benchmarks.harness;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Writes the run's CSVs, Markdown table and throughput chart. */
public final class Report {
    public static final String RESULTS_CSV = "results.csv";
    public static final String TRIALS_CSV = "trials.csv";
    public static final String RESULTS_MD = "results.md";
    public static final String CHART_PNG = "throughput.png";

    private final BenchConfig config;
    private final Map<String, Summary> summaries;
    private final String serverDescription;
    private final ZonedDateTime date = ZonedDateTime.now(ZoneOffset.UTC);

    Report(BenchConfig config, Map<String, Summary> summaries, String serverDescription) {
        this.config = config;
        this.summaries = summaries;
        this.serverDescription = serverDescription;
    }

    static String key(ClientKind c, Workload w) {
        return c.id() + "/" + w.id();
    }

    Summary get(ClientKind c, Workload w) {
        return summaries.get(key(c, w));
    }

    void write(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(RESULTS_CSV), resultsCsv());
            Files.writeString(dir.resolve(TRIALS_CSV), trialsCsv());
            Files.writeString(dir.resolve(RESULTS_MD), markdown());
            chart(dir.resolve(CHART_PNG));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ CSV

    String resultsCsv() {
        StringBuilder sb = new StringBuilder("client,workload,concurrency,rounds,ops,errors,ops_per_s,ops_per_s_min,"
                + "ops_per_s_max,p50_us,p99_us,p999_us,client_cpu_us_per_op,alloc_bytes_per_op,gc_per_window,"
                + "gc_ms_per_window,client_cores,server_cores,server_cpu_us_per_op,other_cores,stolen_cores\n");
        for (Workload w : config.workloads()) {
            for (ClientKind c : config.clients()) {
                Summary s = get(c, w);
                if (s == null) {
                    continue;
                }
                sb.append(String.join(",", c.id(), w.id(), Integer.toString(concurrency(w)),
                        Integer.toString(s.rounds()), Long.toString(s.ops()), Long.toString(s.errors()),
                        f(s.opsPerSecond(), 1), f(s.minOpsPerSecond(), 1), f(s.maxOpsPerSecond(), 1),
                        f(s.latencyMicros(50), 1), f(s.latencyMicros(99), 1), f(s.latencyMicros(99.9), 1),
                        f(s.cpuMicrosPerOp(), 2), f(s.allocatedBytesPerOp(), 0), f(s.gcPerWindow(), 1),
                        f(s.gcMillisPerWindow(), 1), f(s.clientCores(), 3), f(s.serverCores(), 3),
                        f(s.serverCpuMicrosPerOp(), 2), f(s.otherCores(), 3), f(s.stolenCores(), 3))).append('\n');
            }
        }
        return sb.toString();
    }

    String trialsCsv() {
        StringBuilder sb = new StringBuilder("round,client,workload,ops,errors,wall_ms,ops_per_s,client_cpu_ms,"
                + "alloc_bytes,gc_count,gc_ms,server_cpu_ms,other_cores,stolen_cores,attempts,p50_us,p99_us,p999_us,first_error\n");
        List<TrialResult> all = new ArrayList<>();
        summaries.values().forEach(s -> all.addAll(s.trials()));
        all.sort((a, b) -> a.round() != b.round() ? Integer.compare(a.round(), b.round())
                : a.workload() != b.workload() ? a.workload().compareTo(b.workload())
                : a.client().compareTo(b.client()));
        for (TrialResult t : all) {
            sb.append(String.join(",", Integer.toString(t.round()), t.client().id(), t.workload().id(),
                    Long.toString(t.ops()), Long.toString(t.errors()), f(t.wallNanos() / 1e6, 1),
                    f(t.opsPerSecond(), 1), f(t.cpuNanos() / 1e6, 1), Long.toString(t.allocatedBytes()),
                    Long.toString(t.gcCount()), Long.toString(t.gcMillis()),
                    t.serverCpuNanos() < 0 ? "" : f(t.serverCpuNanos() / 1e6, 1), f(t.otherCores(), 3),
                    f(t.stolenCores(), 3), Integer.toString(t.attempts()),
                    f(t.latency().getValueAtPercentile(50) / 1e3, 1), f(t.latency().getValueAtPercentile(99) / 1e3, 1),
                    f(t.latency().getValueAtPercentile(99.9) / 1e3, 1),
                    t.firstError() == null ? "" : '"' + t.firstError().replace('"', '\'') + '"')).append('\n');
        }
        return sb.toString();
    }

    private int concurrency(Workload w) {
        return w == Workload.MIXED_VT ? config.vthreads() : w.concurrency();
    }

    // ------------------------------------------------------------------ Markdown

    String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("## Results, ").append(date.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
                .append("\n\n");
        sb.append(environment()).append('\n');
        sb.append("Ratios (×) are against `official-nio` in the same run: ops/s above 1 is faster, CPU, "
                + "allocation and p99 below 1 are cheaper. CPU is the whole client process (I/O, callback, "
                + "JIT and GC threads); allocation is every heap byte the process allocated in the window; "
                + "server cores is the ZooKeeper JVM's CPU over the window; other cores is what the rest of the machine "
                + "used meanwhile (other processes: a busy machine makes every figure noisier); stolen cores is CPU the "
                + "hypervisor gave to other guests meanwhile (steal time: it moves every figure of a window, CPU per op "
                + "included); spread is half the "
                + "range of the rounds' ops/s, relative to the mean.\n\n");
        for (Workload w : config.workloads()) {
            sb.append("### ").append(w.id()).append(": ").append(description(w)).append("\n\n");
            sb.append("| client | ops/s | × | spread | p50 µs | p99 µs | p99.9 µs | × p99 | CPU µs/op | × | "
                    + "alloc B/op | × | GC/window | client cores | server cores | other cores | stolen cores | errors |\n");
            sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            Summary base = get(ClientKind.OFFICIAL_NIO, w);
            for (ClientKind c : config.clients()) {
                Summary s = get(c, w);
                if (s == null) {
                    continue;
                }
                sb.append("| ").append(c.id())
                        .append(" | ").append(f(s.opsPerSecond(), 0))
                        .append(" | ").append(ratio(s, base, Summary::opsPerSecond))
                        .append(" | ").append(spread(s))
                        .append(" | ").append(f(s.latencyMicros(50), 0))
                        .append(" | ").append(f(s.latencyMicros(99), 0))
                        .append(" | ").append(f(s.latencyMicros(99.9), 0))
                        .append(" | ").append(ratio(s, base, x -> x.latencyMicros(99)))
                        .append(" | ").append(f(s.cpuMicrosPerOp(), 1))
                        .append(" | ").append(ratio(s, base, Summary::cpuMicrosPerOp))
                        .append(" | ").append(f(s.allocatedBytesPerOp(), 0))
                        .append(" | ").append(ratio(s, base, Summary::allocatedBytesPerOp))
                        .append(" | ").append(f(s.gcPerWindow(), 1))
                        .append(" | ").append(f(s.clientCores(), 2))
                        .append(" | ").append(f(s.serverCores(), 2))
                        .append(" | ").append(f(s.otherCores(), 2))
                        .append(" | ").append(f(s.stolenCores(), 2))
                        .append(" | ").append(s.errors())
                        .append(" |\n");
            }
            sb.append('\n');
        }
        sb.append(targets());
        return sb.toString();
    }

    private String description(Workload w) {
        String d = w.description();
        if (w == Workload.MIXED_VT && config.vthreads() != 10_000) {
            d = d.replace("10,000", String.format(Locale.ROOT, "%,d", config.vthreads()));
        }
        if (w == Workload.CHILDREN_10K && config.children() != 10_000) {
            d = d.replace("10,000", String.format(Locale.ROOT, "%,d", config.children()));
        }
        if (w == Workload.CONNECT) {
            d += "; ops/s counts connect+close cycles, latency is the connect alone";
        }
        return d;
    }

    String environment() {
        List<String> gcs = ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList();
        return "| | |\n|---|---|\n"
                + "| machine | " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
                + memory() + "; client and server share the cores |\n"
                + "| OS | " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " |\n"
                + "| client JVM | " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + ", " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                        .filter(a -> a.startsWith("-X") && !a.startsWith("-XX:+EnableDynamicAgentLoading")).toList())
                + " (GC: " + String.join(", ", gcs) + ") |\n"
                + "| server | " + serverDescription + " |\n"
                + "| windows | server warmed up for " + config.serverWarmup().toMillis() + " ms before round 1;"
                + " per trial warm-up " + config.warmup().toMillis() + " ms, measured " + config.measure().toMillis()
                + " ms, " + config.rounds() + " rounds (client order reversed every other round), a new client"
                + " per trial |\n"
                + "| steal | a window that lost more than " + config.maxStolenCores() + " cores to the hypervisor was"
                + " measured again, up to " + config.stealRetries() + " times, keeping the least stolen: "
                + remeasured() + " |\n";
    }

    /** How many trials were measured more than once for steal, and how many attempts that took. */
    private String remeasured() {
        List<TrialResult> all = summaries.values().stream().flatMap(s -> s.trials().stream()).toList();
        long again = all.stream().filter(t -> t.attempts() > 1).count();
        int extra = all.stream().mapToInt(t -> t.attempts() - 1).sum();
        return again + " of " + all.size() + " trials, " + extra + " extra windows";
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    private static String memory() {
        long bytes = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return Math.round(bytes / (1024.0 * 1024 * 1024)) + " GiB RAM";
    }

    /** (max - min) / mean of the rounds' ops/s: how far apart the rounds were. */
    private static String spread(Summary s) {
        if (s.rounds() < 2 || !(s.opsPerSecond() > 0)) {
            return "";
        }
        return "±" + f((s.maxOpsPerSecond() - s.minOpsPerSecond()) / s.opsPerSecond() / 2 * 100, 0) + "%";
    }

    private static String ratio(Summary s, Summary base, ToDoubleFunction<Summary> metric) {
        if (base == null) {
            return "";
        }
        double b = metric.applyAsDouble(base);
        double v = metric.applyAsDouble(s);
        if (!(b > 0) || Double.isNaN(v)) {
            return "";
        }
        return f(v / b, 2);
    }

    // ------------------------------------------------------------------ targets

    private record Target(String what, String measured, Boolean met) {
    }

    String targets() {
        List<Target> targets = new ArrayList<>();
        ClientKind zk = ClientKind.ZK_ASYNC;
        ClientKind nio = ClientKind.OFFICIAL_NIO;
        boolean netty = config.serverConnections() == BenchConfig.ServerConnections.NETTY;
        // At 16 in flight each reply pays the hand-off to the callback thread, which the official
        // client pays too; the NIO server layer answers one request per selector round.
        double get16 = netty ? 0.5 : 0.65;
        targets.add(compare("client CPU/op ≤ " + get16 + "× official-nio, get-16", zk, nio, Workload.GET_16,
                Summary::cpuMicrosPerOp, get16, false));
        for (Workload w : List.of(Workload.GET_256, Workload.GET_1024)) {
            targets.add(compare("client CPU/op ≤ 0.33× official-nio, " + w.id(), zk, nio, w,
                    Summary::cpuMicrosPerOp, 0.33, false));
        }
        targets.add(compare("DirectHandler client CPU/op ≤ 0.35× official-nio, get-16", ClientKind.ZK_ASYNC_DIRECT,
                nio, Workload.GET_16, Summary::cpuMicrosPerOp, 0.35, false));
        for (Workload w : List.of(Workload.GET_256, Workload.SET_256, Workload.CREATE_DELETE_256)) {
            targets.add(compare("allocation/op ≤ 0.25× official-nio, " + w.id(), zk, nio, w,
                    Summary::allocatedBytesPerOp, 0.25, false));
        }
        // On the NIO layer the server is the ceiling at 256 in flight; the Netty layer (which TLS needs) is not.
        double get256 = netty ? 2.0 : 1.1;
        targets.add(compare("ops/s ≥ " + get256 + "× official-nio, get-256", zk, nio, Workload.GET_256,
                Summary::opsPerSecond, get256, true));
        targets.add(compare("ops/s ≥ " + get256 + "× curator-async, get-256", zk, ClientKind.CURATOR_ASYNC,
                Workload.GET_256, Summary::opsPerSecond, get256, true));
        targets.add(compare("ops/s ≥ 2× official-nio, children-10k", zk, nio, Workload.CHILDREN_10K,
                Summary::opsPerSecond, 2.0, true));
        targets.add(compare("p99 ≤ official-nio, get-256", zk, nio, Workload.GET_256,
                s -> s.latencyMicros(99), 1.0, false));
        targets.add(compare("sync round trip ops/s ≥ 0.95× official-nio, sync-get", zk, nio, Workload.SYNC_GET,
                Summary::opsPerSecond, 0.95, true));
        targets.add(compare("metrics on ≥ 0.95× metrics off ops/s, get-256", ClientKind.ZK_ASYNC_METRICS, zk,
                Workload.GET_256, Summary::opsPerSecond, 0.95, true));
        // Observations are opt-in (tracing): their cost is shown, the target is the default's.
        Target observation = compare("observation per request against metrics off ops/s (no target), get-256",
                ClientKind.ZK_ASYNC_OBSERVATION, zk, Workload.GET_256, Summary::opsPerSecond, 0.95, true);
        targets.add(new Target(observation.what(), observation.measured(), null));
        targets.add(compare("virtual-thread handler ≥ 0.90× threading ops/s, get-256", ClientKind.ZK_ASYNC_VIRTUAL,
                zk, Workload.GET_256, Summary::opsPerSecond, 0.90, true));
        for (Workload w : List.of(Workload.BIG_GET, Workload.BIG_SET)) {
            targets.add(compare("ops/s ≥ official-nio, " + w.id(), zk, nio, w, Summary::opsPerSecond, 1.0, true));
            targets.add(ofPayload("allocation/op ≤ 1.2× the payload, " + w.id(), get(zk, w), 1.2));
        }
        StringBuilder sb = new StringBuilder("### Targets (zk-async with the default handler unless named)\n\n"
                + "| target | measured | met |\n|---|---:|:---:|\n");
        for (Target t : targets) {
            sb.append("| ").append(t.what()).append(" | ").append(t.measured()).append(" | ")
                    .append(t.met() == null ? "n/a" : t.met() ? "yes" : "**no**").append(" |\n");
        }
        return sb.append('\n').toString();
    }

    /** The allocation per op of {@code s} against the big node's size. */
    private static Target ofPayload(String what, Summary s, double bound) {
        if (s == null || Double.isNaN(s.allocatedBytesPerOp())) {
            return new Target(what, "not run", null);
        }
        double r = s.allocatedBytesPerOp() / Fixtures.BIG_BYTES;
        return new Target(what, f(r, 2) + "×", r <= bound);
    }

    private Target compare(String what, ClientKind a, ClientKind b, Workload w, ToDoubleFunction<Summary> metric,
                           double bound, boolean atLeast) {
        Summary sa = get(a, w);
        Summary sb = get(b, w);
        if (sa == null || sb == null) {
            return new Target(what, "not run", null);
        }
        double va = metric.applyAsDouble(sa);
        double vb = metric.applyAsDouble(sb);
        if (!(vb > 0) || Double.isNaN(va)) {
            return new Target(what, "no data", null);
        }
        double r = va / vb;
        return new Target(what, f(r, 2) + "×", atLeast ? r >= bound : r <= bound);
    }

    // ------------------------------------------------------------------ chart

    void chart(Path file) throws IOException {
        List<Workload> gets = config.workloads().stream().filter(w -> w.kind() == Workload.Kind.GET).toList();
        XYChart chart = new XYChartBuilder().width(900).height(560)
                .title("getData throughput against outstanding requests (" + date.toLocalDate() + ", "
                        + Runtime.getRuntime().availableProcessors() + " cores, server on the same host)")
                .xAxisTitle("outstanding requests").yAxisTitle("ops/s").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setXAxisLogarithmic(gets.size() > 1);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setDecimalPattern("#,###");
        Map<ClientKind, double[][]> series = new LinkedHashMap<>();
        for (ClientKind c : config.clients()) {
            List<double[]> points = new ArrayList<>();
            for (Workload w : gets) {
                Summary s = get(c, w);
                if (s != null) {
                    points.add(new double[] {w.concurrency(), s.opsPerSecond()});
                }
            }
            if (!points.isEmpty()) {
                double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
                double[] y = points.stream().mapToDouble(p -> p[1]).toArray();
                series.put(c, new double[][] {x, y});
            }
        }
        if (series.isEmpty()) {
            chart.addSeries("no getData workload in this run", new double[] {1}, new double[] {0});
        }
        series.forEach((c, xy) -> chart.addSeries(c.id(), xy[0], xy[1]).setMarker(SeriesMarkers.CIRCLE));
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    static String f(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
