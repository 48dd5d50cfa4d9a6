package dev.zkasync.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Temporary directories for servers: created under java.io.tmpdir, deleted on close or at JVM exit. */
final class TempDirs {

    private static final Logger LOG = LoggerFactory.getLogger(TempDirs.class);

    private TempDirs() {
    }

    static Path create(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix).toAbsolutePath();
            ShutdownReaper.registerDirectory(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Deletes {@code dir} and everything below it; problems are logged, not thrown, as this runs during cleanup. */
    static void delete(Path dir) {
        ShutdownReaper.unregisterDirectory(dir);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    LOG.debug("cannot delete {}", path, e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("cannot delete {}: {}", dir, e.toString());
        }
    }
}
