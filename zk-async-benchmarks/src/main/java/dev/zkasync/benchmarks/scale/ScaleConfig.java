package dev.zkasync.benchmarks.scale;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The scale scenarios' settings, from {@code key=value} arguments or system properties:
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><td>{@code scale.scenarios}</td><td>comma-separated: {@code tree-cache}, {@code watch-restore},
 *       {@code sessions}, or {@code all} (default)</td></tr>
 *   <tr><td>{@code scale.nodes}</td><td>znodes of the cached tree and one-shot watches (default 100000)</td></tr>
 *   <tr><td>{@code scale.persistentWatches}</td><td>persistent recursive watches of watch-restore (default 1000)</td></tr>
 *   <tr><td>{@code scale.updateRate}</td><td>setData per second from the writer during tree-cache (default 5000)</td></tr>
 *   <tr><td>{@code scale.updateFor}</td><td>how long the writer writes (default 30s)</td></tr>
 *   <tr><td>{@code scale.sessions}</td><td>idle sessions per client of the sessions scenario (default 2000)</td></tr>
 *   <tr><td>{@code scale.sessionTimeout}</td><td>session timeout of every client (default 30s)</td></tr>
 *   <tr><td>{@code bench.out}</td><td>output directory (default {@code results})</td></tr>
 * </table>
 */
public record ScaleConfig(List<Scenario> scenarios, int nodes, int persistentWatches, int updateRate,
                          Duration updateFor, int sessions, Duration sessionTimeout, Path outDir) {

    /** The scenarios, in run order. Ids are the CSV's keys. */
    public enum Scenario {
        TREE_CACHE("tree-cache"),
        WATCH_RESTORE("watch-restore"),
        SESSIONS("sessions");

        private final String id;

        Scenario(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        static List<Scenario> parse(String list) {
            if (list == null || list.isBlank() || list.strip().equals("all")) {
                return List.of(values());
            }
            return Arrays.stream(list.split(",")).filter(s -> !s.isBlank()).map(Scenario::byId).toList();
        }

        private static Scenario byId(String id) {
            return Arrays.stream(values()).filter(s -> s.id.equals(id.strip())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + id + "'; known: "
                            + Arrays.stream(values()).map(Scenario::id).toList()));
        }
    }

    public ScaleConfig {
        scenarios = List.copyOf(scenarios);
        if (scenarios.isEmpty() || nodes < 2 || persistentWatches < 0 || persistentWatches > nodes || updateRate < 1
                || sessions < 1) {
            throw new IllegalArgumentException("scale settings out of range: " + scenarios + ", nodes " + nodes
                    + ", persistent watches " + persistentWatches + ", rate " + updateRate + ", sessions " + sessions);
        }
    }

    public static ScaleConfig from(Properties p) {
        return new ScaleConfig(
                Scenario.parse(p.getProperty("scale.scenarios", "all")),
                Integer.parseInt(p.getProperty("scale.nodes", "100000")),
                Integer.parseInt(p.getProperty("scale.persistentWatches", "1000")),
                Integer.parseInt(p.getProperty("scale.updateRate", "5000")),
                dev.zkasync.benchmarks.harness.BenchConfig.duration(p.getProperty("scale.updateFor", "30s")),
                Integer.parseInt(p.getProperty("scale.sessions", "2000")),
                dev.zkasync.benchmarks.harness.BenchConfig.duration(p.getProperty("scale.sessionTimeout", "30s")),
                Path.of(p.getProperty("bench.out", "results")));
    }
}
