package dev.zkasync.test;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Reads the end of a server log without loading a large file. */
final class LogFile {

    /** Enough for a few hundred lines, including stack traces. */
    private static final int MAX_TAIL_BYTES = 512 * 1024;

    private LogFile() {
    }

    static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The last {@code lines} lines, or a note saying why there are none. */
    static String tail(Path file, int lines) {
        if (lines <= 0) {
            return "";
        }
        String text = readFrom(file, Math.max(0, size(file) - MAX_TAIL_BYTES));
        List<String> all = Arrays.asList(text.split("\r?\n", -1));
        if (!all.isEmpty() && all.get(all.size() - 1).isEmpty()) {
            all = all.subList(0, all.size() - 1);
        }
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** The text from byte {@code offset} to the end; malformed UTF-8 at a cut is replaced, not fatal. */
    static String readFrom(Path file, long offset) {
        if (!Files.exists(file)) {
            return "";
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            long start = Math.min(offset, length);
            byte[] bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 8, length - start)];
            in.seek(start);
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }
}
