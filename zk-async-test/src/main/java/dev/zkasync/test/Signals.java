package dev.zkasync.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** SIGSTOP and SIGCONT, which Java has no API for, sent with the {@code kill} command. */
final class Signals {

    private static final Duration STATE_TIMEOUT = Duration.ofSeconds(5);

    private Signals() {
    }

    static void stop(long pid) {
        send("-STOP", pid);
        // Delivery is asynchronous; wait until the kernel reports the process stopped ("T").
        awaitState(pid, true);
    }

    static void resume(long pid) {
        send("-CONT", pid);
        awaitState(pid, false);
    }

    private static void send(String signal, long pid) {
        ProcessBuilder builder = new ProcessBuilder("kill", signal, Long.toString(pid)).redirectErrorStream(true);
        try {
            Process kill = builder.start();
            kill.getOutputStream().close();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " " + pid + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill " + signal + " " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted sending " + signal + " to " + pid, e);
        }
    }

    private static void awaitState(long pid, boolean stopped) {
        if (procState(pid).isEmpty()) {
            return; // no /proc (e.g. macOS): trust kill's exit status
        }
        Poll.until(STATE_TIMEOUT, () -> procState(pid).map(state -> state.equals("T") == stopped).orElse(true),
                () -> "process " + pid + " did not become " + (stopped ? "stopped" : "running"));
    }

    /** The state letter from {@code /proc/<pid>/stat}, whose command field may contain spaces and parentheses. */
    private static Optional<String> procState(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
            int end = stat.lastIndexOf(')');
            return end < 0 ? Optional.empty() : Optional.of(stat.substring(end + 2, end + 3));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
