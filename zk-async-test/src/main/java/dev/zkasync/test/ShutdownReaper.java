package dev.zkasync.test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Kills every server process still alive when this JVM exits, then deletes leftover directories,
 * so that a test that forgets {@code close()} (or a JVM that exits mid-test) leaks nothing.
 */
final class ShutdownReaper {

    private static final Set<Process> PROCESSES = ConcurrentHashMap.newKeySet();
    private static final Set<Path> DIRECTORIES = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ShutdownReaper::reap, "zk-async-shutdown-reaper"));
    }

    private ShutdownReaper() {
    }

    static void registerProcess(Process process) {
        PROCESSES.add(process);
    }

    static void unregisterProcess(Process process) {
        PROCESSES.remove(process);
    }

    static void registerDirectory(Path dir) {
        DIRECTORIES.add(dir);
    }

    static void unregisterDirectory(Path dir) {
        DIRECTORIES.remove(dir);
    }

    private static void reap() {
        List<Process> processes = List.copyOf(PROCESSES);
        // SIGKILL also ends a SIGSTOPped process, so paused servers need no SIGCONT here.
        processes.forEach(Process::destroyForcibly);
        for (Process process : processes) {
            try {
                process.waitFor(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        List.copyOf(DIRECTORIES).forEach(TempDirs::delete);
    }
}
