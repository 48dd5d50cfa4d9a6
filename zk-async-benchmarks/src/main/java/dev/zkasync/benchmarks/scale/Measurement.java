package dev.zkasync.benchmarks.scale;

/**
 * One figure of one client in one scenario: a row of {@code scale.csv}.
 *
 * @param scenario the scenario's id
 * @param client   the client's id
 * @param metric   what was measured, e.g. {@code load_ms}
 * @param value    the figure (NaN when it could not be measured)
 * @param unit     its unit, e.g. {@code ms}, {@code B}
 */
public record Measurement(String scenario, String client, String metric, double value, String unit) {
}
