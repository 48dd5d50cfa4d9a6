package dev.zkasync.client.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes the reliability report (markdown) from the last run of the client's tests: the records in
 * {@code target/reliability/<area>.tsv} (see {@link ReliabilityRecords}), the newest value of every
 * scenario's figures; the surefire reports of each execution, for which server release passed how
 * many tests; and a fixed section on what each guarantee rests on. JDK only; run from the root:
 *
 * <pre>{@code
 * java -cp zk-async-client/target/test-classes dev.zkasync.client.reliability.ReliabilityReport \
 *     zk-async-client/target docs/reliability.md
 * }</pre>
 */
public final class ReliabilityReport {
    /** The report's areas in order, with what each is; areas found beyond these follow them. */
    private static final Map<String, String> AREAS = new LinkedHashMap<>();
    /** Rows shown per area at most, so that the report stays short; the TSV keeps the rest. */
    private static final int MAX_ROWS = 60;

    static {
        AREAS.put("servers", "Server versions: the client's tests against each ZooKeeper release, per "
                + "surefire execution, as its XML reports count them (the last run of each test class). A class "
                + "that runs its tests in several parts (nested or parameterized classes) keeps only its last "
                + "part there, so these counts are below the test count Maven prints for the same run.");
        AREAS.put("ensemble", "Ensemble faults: servers killed, paused and cut off while clients write; "
                + "acknowledged writes read back.");
        AREAS.put("soak", "Soak: long runs under load with faults injected.");
        AREAS.put("fuzz", "Fuzzing: reply decoders and the frame reader fed arbitrary bytes.");
        AREAS.put("security", "Security: TLS refusals and port mismatches; secrets kept out of logs, "
                + "exceptions and toString().");
    }

    private static final String GUARANTEES = """
            ## What each guarantee rests on

            | guarantee | rests on | checked by |
            |---|---|---|
            | an acknowledged write is durable | ZooKeeper replies to a write only after a quorum committed it (ZAB); the client completes a write only on that reply | ensemble tests read every acknowledged write back by its sequence after the faults |
            | a session's requests apply and answer in order (FIFO) | one TCP connection per session at a time; one queue drained in order on the session's event loop; ZooKeeper answers a session in order; `RequestPipeline` matches each reply's xid to the oldest outstanding request and drops the connection on a mismatch | `RequestPipelineTest`, `ProtocolFaultTest` (replies out of order) |
            | callbacks run in order, never on the I/O thread | results, watch events and state changes go through one sequential `Handler` | `SequentialHandlerTest`, `DirectHandlerServerTest` |
            | a request in flight when a connection drops is never silently retried | it fails with `ConnectionLossException` (its outcome is unknown); requests made while suspended wait for the reconnect, bounded by their deadline | `SessionTest` |
            | watches survive reconnects | re-registered with SetWatches2 and the last zxid seen, so the server fires what was missed; `CONNECTED` is announced only once they are re-armed | `WatchReRegistrationTest`, `SetWatchesBatchingTest` |
            | a bad or hostile server cannot exhaust memory | frame lengths are checked against `maxFrameSize` before anything is allocated; every length or count in a reply is checked against its frame; outstanding and queued requests are bounded | the fuzz tests above, `FrameReaderTest`, `RequestPipelineTest`, `MisuseTest` (requests over the size limit) |
            | TLS connects only to the server named | Netty's TLS over the JDK's, with the JDK's host name check (on by default) against the host as configured; a refusal by every server ends `start()` at once with `TlsException` | `TlsTest` |
            | secrets stay secret | `toString()` of `TlsConfig`, `SaslConfig`, `ClientId` and auth data leave them out; exception details never hold data or credentials | `SecretsNeverLoggedTest` (every logger at TRACE), the starter's `ZkAsyncSecretsNotShownTests` |
            """;

    private ReliabilityReport() {
    }

    /**
     * Writes the report.
     *
     * @param args the records' directory and the report to write
     */
    public static void main(String[] args) {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ReliabilityReport <client module's target> <report.md>");
        }
        write(Path.of(args[0]), Path.of(args[1]));
    }

    /** Writes the report of the run whose output is in {@code target} to {@code report}. */
    public static void write(Path target, Path report) {
        try {
            Files.createDirectories(report.toAbsolutePath().getParent());
            Files.writeString(report, render(target), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reliability report " + report, e);
        }
    }

    static String render(Path target) throws IOException {
        Path directory = target.resolve("reliability");
        Set<String> areas = new LinkedHashSet<>(AREAS.keySet());
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tsv")).sorted()
                        .forEach(n -> areas.add(n.substring(0, n.length() - 4)));
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("# zk-async reliability report\n\n")
                .append("Generated from the records of the last test run (`target/reliability/*.tsv` in the client")
                .append(" module; the newest value of each figure). How to refresh it: [CONTRIBUTING.md](../CONTRIBUTING.md).")
                .append(" Do not edit by hand.\n\n");
        for (String area : areas) {
            out.append("## ").append(area).append("\n\n");
            if (AREAS.containsKey(area)) {
                out.append(AREAS.get(area)).append("\n\n");
            }
            Path file = directory.resolve(area + ".tsv");
            List<String> lines = new ArrayList<>();
            if (Files.exists(file)) {
                lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
            }
            if (area.equals("servers")) {
                lines.addAll(ServerRuns.records(target));
            }
            section(out, lines, area);
        }
        return out.append(GUARANTEES).toString();
    }

    /** The newest value per scenario and figure, as one table; scenarios in the order first recorded. */
    private static void section(StringBuilder out, List<String> lines, String area) {
        Map<String, Map<String, String[]>> scenarios = new LinkedHashMap<>();
        String first = null;
        String last = null;
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            if (f.length != 4) {
                continue;
            }
            first = first == null || f[0].compareTo(first) < 0 ? f[0] : first;
            last = last == null || f[0].compareTo(last) > 0 ? f[0] : last;
            Map<String, String[]> figures = scenarios.computeIfAbsent(f[1], s -> new LinkedHashMap<>());
            String[] previous = figures.get(f[2]);
            if (previous == null || f[0].compareTo(previous[0]) >= 0) {
                figures.put(f[2], f);
            }
        }
        if (scenarios.isEmpty()) {
            out.append("Not run in this report.\n\n");
            return;
        }
        out.append("Recorded ").append(first).append(" to ").append(last).append(".\n\n")
                .append("| scenario | figure | value |\n|---|---|---|\n");
        List<String[]> rows = new ArrayList<>();
        scenarios.values().forEach(figures -> rows.addAll(figures.values()));
        rows.stream().limit(MAX_ROWS).forEach(r -> out.append("| ").append(cell(r[1])).append(" | ")
                .append(cell(r[2])).append(" | ").append(cell(r[3])).append(" |\n"));
        if (rows.size() > MAX_ROWS) {
            out.append("\n").append(rows.size() - MAX_ROWS).append(" more figures in `target/reliability/")
                    .append(area).append(".tsv`.\n");
        }
        out.append("\n");
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
