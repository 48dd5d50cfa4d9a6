package dev.zkasync.benchmarks.scale;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes {@code scale.csv} (one row per figure), {@code scale.md} (a table per scenario, the
 * targets checked) and {@code scale.png} (zk-async's figures as a fraction of the baseline's).
 */
public final class ScaleReport {
    public static final String CSV = "scale.csv";
    public static final String MARKDOWN = "scale.md";
    public static final String CHART = "scale.png";

    /** A target: zk-async's {@code metric} at most (or at least) {@code bound} × the baseline's. */
    record Target(String scenario, String metric, String baseline, double bound, boolean atMost) {
    }

    private final List<Measurement> rows;
    private final List<Target> targets;
    private final String setting;
    private final ZonedDateTime date = ZonedDateTime.now(ZoneOffset.UTC);

    ScaleReport(List<Measurement> rows, List<Target> targets, String setting) {
        this.rows = List.copyOf(rows);
        this.targets = List.copyOf(targets);
        this.setting = setting;
    }

    void write(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(CSV), csv());
            Files.writeString(dir.resolve(MARKDOWN), markdown());
            chart(dir.resolve(CHART));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String csv() {
        StringBuilder b = new StringBuilder("scenario,client,metric,value,unit\n");
        for (Measurement m : rows) {
            b.append(m.scenario()).append(',').append(m.client()).append(',').append(m.metric()).append(',')
                    .append(Double.isNaN(m.value()) ? "" : String.format(Locale.ROOT, "%.3f", m.value()))
                    .append(',').append(m.unit()).append('\n');
        }
        return b.toString();
    }

    String markdown() {
        StringBuilder b = new StringBuilder("## Scale scenarios, ").append(date.toLocalDate()).append(' ')
                .append(date.toLocalTime().withNano(0)).append(" UTC\n\n").append(setting).append("\n");
        for (String scenario : distinct(null, Measurement::scenario)) {
            List<String> clients = distinct(scenario, Measurement::client);
            b.append("\n### ").append(scenario).append("\n\n| metric | unit |");
            clients.forEach(c -> b.append(' ').append(c).append(" |"));
            b.append("\n|---|---|");
            clients.forEach(c -> b.append("---:|"));
            b.append('\n');
            for (String metric : distinct(scenario, Measurement::metric)) {
                b.append("| ").append(metric).append(" | ").append(unit(scenario, metric)).append(" |");
                clients.forEach(c -> b.append(' ').append(format(value(scenario, c, metric))).append(" |"));
                b.append('\n');
            }
        }
        if (!targets.isEmpty()) {
            b.append("\n### Targets (zk-async against the baseline)\n\n| scenario | figure | target | measured | met |\n"
                    + "|---|---|---|---:|---|\n");
            for (Target t : targets) {
                double ratio = ratio(t);
                b.append("| ").append(t.scenario()).append(" | ").append(t.metric()).append(" | ")
                        .append(t.atMost() ? "≤ " : "≥ ").append(t.bound()).append("× ").append(t.baseline())
                        .append(" | ").append(Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.2f×", ratio))
                        .append(" | ").append(Double.isNaN(ratio) ? "not measured"
                                : (t.atMost() ? ratio <= t.bound() : ratio >= t.bound()) ? "yes" : "**no**")
                        .append(" |\n");
            }
        }
        return b.toString();
    }

    /** zk-async's figure over the baseline's, NaN if either is missing. */
    double ratio(Target t) {
        return value(t.scenario(), "zk-async", t.metric()) / value(t.scenario(), t.baseline(), t.metric());
    }

    void chart(Path file) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(520)
                .title("zk-async at scale: its figure as a fraction of the baseline's (lower is better)")
                .xAxisTitle("scenario: figure (baseline)").yAxisTitle("× baseline").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setXAxisLabelRotation(20);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        List<String> names = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (Target t : targets) {
            double r = ratio(t);
            if (!Double.isNaN(r) && !Double.isInfinite(r)) {
                names.add(t.scenario() + ": " + t.metric() + " (" + t.baseline() + ")");
                ratios.add(r);
            }
        }
        if (names.isEmpty()) {
            names.add("nothing measured");
            ratios.add(0.0);
        }
        chart.addSeries("zk-async", names, ratios);
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    double value(String scenario, String client, String metric) {
        return rows.stream().filter(m -> m.scenario().equals(scenario) && m.client().equals(client)
                && m.metric().equals(metric)).mapToDouble(Measurement::value).findFirst().orElse(Double.NaN);
    }

    private String unit(String scenario, String metric) {
        return rows.stream().filter(m -> m.scenario().equals(scenario) && m.metric().equals(metric))
                .map(Measurement::unit).findFirst().orElse("");
    }

    private List<String> distinct(String scenario, java.util.function.Function<Measurement, String> key) {
        Set<String> seen = new LinkedHashSet<>();
        rows.stream().filter(m -> scenario == null || m.scenario().equals(scenario)).map(key).forEach(seen::add);
        return List.copyOf(seen);
    }

    private static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%,d", (long) v)
                : String.format(Locale.ROOT, "%,.2f", v);
    }
}
