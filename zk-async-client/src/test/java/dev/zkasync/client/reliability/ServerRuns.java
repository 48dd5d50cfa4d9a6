package dev.zkasync.client.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which server release passed how many tests, read from the surefire reports of the client's last
 * run: one directory per execution ({@code surefire-reports} for the default release,
 * {@code surefire-reports-3.9.5} and the like for the server matrix), as records of the
 * {@code servers} area.
 */
final class ServerRuns {
    private static final Pattern SUITE = Pattern.compile("<testsuite [^>]*>");
    private static final Pattern SERVER_JAR = Pattern.compile("/org/apache/zookeeper/zookeeper/([^/]+)/");

    private ServerRuns() {
    }

    static List<String> records(Path target) throws IOException {
        List<String> records = new ArrayList<>();
        if (!Files.isDirectory(target)) {
            return records;
        }
        List<Path> runs;
        try (Stream<Path> dirs = Files.list(target)) {
            runs = dirs.filter(d -> d.getFileName().toString().startsWith("surefire-reports")).sorted().toList();
        }
        for (Path run : runs) {
            long[] counts = new long[4]; // tests, failures, errors, skipped
            long newest = 0;
            try (Stream<Path> reports = Files.list(run)) {
                for (Path report : reports.filter(r -> r.getFileName().toString().startsWith("TEST-")).toList()) {
                    Matcher suite = SUITE.matcher(Files.readString(report, StandardCharsets.UTF_8));
                    if (suite.find()) {
                        String[] names = {"tests", "failures", "errors", "skipped"};
                        for (int i = 0; i < names.length; i++) {
                            counts[i] += attribute(suite.group(), names[i]);
                        }
                        newest = Math.max(newest, Files.getLastModifiedTime(report).toMillis());
                    }
                }
            }
            if (counts[0] == 0) {
                continue;
            }
            String instant = java.time.Instant.ofEpochMilli(newest).toString();
            String scenario = scenario(run.getFileName().toString(), target);
            long failed = counts[1] + counts[2];
            records.add(String.join("\t", instant, scenario, "tests passed", String.valueOf(counts[0] - failed - counts[3])));
            records.add(String.join("\t", instant, scenario, "tests failed", String.valueOf(failed)));
            records.add(String.join("\t", instant, scenario, "tests skipped", String.valueOf(counts[3])));
        }
        return records;
    }

    /** The release of one execution: named by its directory, else the default zk-async-zookeeper-runtime ships. */
    private static String scenario(String directory, Path target) {
        String suffix = directory.substring("surefire-reports".length()).replaceFirst("^-", "");
        if (suffix.matches("\\d+\\.\\d+\\.\\d+")) {
            return "ZooKeeper " + suffix + ", the server-matrix tests";
        }
        String what = suffix.isEmpty() ? "the client's tests" : "the " + suffix + " execution";
        return "ZooKeeper " + defaultRelease(target) + ", " + what;
    }

    private static String defaultRelease(Path target) {
        Path list = target.toAbsolutePath().getParent().resolveSibling("zk-async-zookeeper-runtime")
                .resolve("target/classes/META-INF/zk-async/zookeeper-server.classpath");
        try {
            Matcher jar = SERVER_JAR.matcher(Files.exists(list) ? Files.readString(list) : "");
            return jar.find() ? jar.group(1) : "(default release)";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long attribute(String tag, String name) {
        Matcher m = Pattern.compile(" " + name + "=\"(\\d+)\"").matcher(tag);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
