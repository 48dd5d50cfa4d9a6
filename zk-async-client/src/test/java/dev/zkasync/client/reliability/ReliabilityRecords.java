package dev.zkasync.client.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The figures reliability tests report (faults injected, writes verified, frames fuzzed, server
 * versions passed), kept so that the reliability report can be written from the last run.
 *
 * <p>Each figure is one line, {@code instant TAB scenario TAB figure TAB value}, appended to
 * {@code target/reliability/<area>.tsv}; a reader keeps the newest value per scenario and figure.
 */
public final class ReliabilityRecords {

    /** Where the records go, relative to the module the tests run in. */
    public static final Path DIRECTORY = Path.of(System.getProperty("zk.async.reliability.dir", "target/reliability"));

    private ReliabilityRecords() {
    }

    /**
     * Records one figure of a scenario.
     *
     * @param area the report's section, e.g. {@code ensemble} or {@code soak}; also the file name
     * @param scenario what was run, in words, e.g. {@code leader killed -9 under 4 writers}
     * @param figure what was counted or measured, e.g. {@code acknowledged writes read back}
     * @param value the figure; its {@code toString()} is written, tabs and line breaks as spaces
     */
    public static synchronized void record(String area, String scenario, String figure, Object value) {
        String line = String.join("\t", Instant.now().toString(), clean(scenario), clean(figure), clean(String.valueOf(value))) + "\n";
        try {
            Files.createDirectories(DIRECTORY);
            Files.writeString(DIRECTORY.resolve(clean(area) + ".tsv"), line, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record a reliability figure in " + DIRECTORY, e);
        }
    }

    private static String clean(String text) {
        return text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
