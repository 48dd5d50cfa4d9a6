package dev.zkasync.benchmarks.harness;

import one.profiler.AsyncProfiler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Profiles exactly the measured windows with async-profiler (from Maven Central, loaded in-process),
 * when {@code -Dbench.profile=<event>} is set: {@code cpu} (perf_events, kernel frames included),
 * {@code alloc}, {@code wall} or {@code lock}; {@code bench.profile.interval} tunes it (async-profiler's
 * own units) and {@code bench.profile.options} is added to the dump ({@code total} weighs allocation
 * samples by bytes). Writes {@code <out>/profiles/<workload>-<client>-r<round>.<event>.collapsed} (folded stacks,
 * for scripts) and {@code .html} (a flame graph) per trial.
 */
final class WindowProfiler {
    private final String event;
    private final String interval;
    private final String dumpOptions;
    private final Path dir;
    private AsyncProfiler profiler;

    private WindowProfiler(String event, String interval, String dumpOptions, Path dir) {
        this.event = event;
        this.interval = interval;
        this.dumpOptions = dumpOptions == null || dumpOptions.isBlank() ? "" : "," + dumpOptions.strip();
        this.dir = dir;
    }

    /** A profiler if {@code bench.profile} is set, else null. */
    static WindowProfiler fromSystemProperties(Path outDir) {
        String event = System.getProperty("bench.profile");
        if (event == null || event.isBlank()) {
            return null;
        }
        return new WindowProfiler(event.strip(), System.getProperty("bench.profile.interval"),
                System.getProperty("bench.profile.options"), outDir.resolve("profiles"));
    }

    void start() {
        try {
            if (profiler == null) {
                profiler = AsyncProfiler.getInstance();
                Files.createDirectories(dir);
            }
            profiler.execute("start,event=" + event + (interval != null ? ",interval=" + interval : ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void stop(ClientKind client, Workload workload, int round) {
        String base = dir.resolve(workload.id() + "-" + client.id() + "-r" + round + "." + event).toString();
        try {
            profiler.execute("stop");
            profiler.execute("collapsed,file=" + base + ".collapsed" + dumpOptions);
            profiler.execute("flamegraph,file=" + base + ".html" + dumpOptions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
