package dev.zkasync.client;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No class of the client's main code grows past what a reader takes in: at most 700 lines of code.
 * Javadoc, comments and blank lines are not counted, because every public element must carry
 * Javadoc and the facade's hundred-odd documented methods would otherwise count twice.
 */
class SourceSizeTest {
    private static final int MAX_CODE_LINES = 700;
    private static final Path MAIN = Path.of("src/main/java");

    @Test
    void noMainClassHasMoreThan700LinesOfCode() throws IOException {
        Map<String, Integer> tooLong = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                int code = codeLines(Files.readAllLines(file));
                if (code > MAX_CODE_LINES) {
                    tooLong.put(MAIN.relativize(file).toString(), code);
                }
            }
        }
        assertThat(tooLong).as("classes over %d lines of code", MAX_CODE_LINES).isEmpty();
    }

    @Test
    void javadocCommentsAndBlankLinesAreNotCounted() {
        List<String> source = List.of(
                "/**", " * Javadoc.", " */", "final class A {", "", "    // why", "    /* block", "       more */",
                "    int x = 1; // trailing", "}");
        assertThat(codeLines(source)).isEqualTo(3);
    }

    /** Lines holding code; comment-only and blank lines are skipped (comment markers inside strings are rare enough here). */
    static int codeLines(List<String> lines) {
        int count = 0;
        boolean inBlock = false;
        for (String raw : lines) {
            String line = raw.strip();
            if (inBlock) {
                int end = line.indexOf("*/");
                if (end < 0) {
                    continue;
                }
                inBlock = false;
                line = line.substring(end + 2).strip();
            }
            if (line.startsWith("/*")) {
                int end = line.indexOf("*/", 2);
                if (end < 0) {
                    inBlock = true;
                    continue;
                }
                line = line.substring(end + 2).strip();
            }
            if (!line.isEmpty() && !line.startsWith("//")) {
                count++;
            }
        }
        return count;
    }
}
