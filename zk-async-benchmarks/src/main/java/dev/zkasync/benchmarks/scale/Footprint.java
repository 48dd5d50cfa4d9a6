package dev.zkasync.benchmarks.scale;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This JVM's platform threads, heap in use after a full GC, and resident set size: what many
 * clients cost, as the difference of two footprints.
 *
 * @param threads  live platform threads (virtual threads are not counted)
 * @param heap     heap bytes in use after {@code System.gc()}
 * @param rss      resident set bytes ({@code VmRSS} of {@code /proc/self/status}), -1 if unreadable
 */
record Footprint(int threads, long heap, long rss) {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    static Footprint now() {
        // Twice: the first collection may leave garbage that finalization-like cleaners free later.
        System.gc();
        System.gc();
        return new Footprint(ManagementFactory.getThreadMXBean().getThreadCount(),
                MEMORY.getHeapMemoryUsage().getUsed(), residentBytes());
    }

    Footprint minus(Footprint before) {
        return new Footprint(threads - before.threads, heap - before.heap,
                rss < 0 || before.rss < 0 ? -1 : rss - before.rss);
    }

    private static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: no RSS
        }
        return -1;
    }
}
