package dev.zkasync.benchmarks.harness;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads what a measured window cost, at its two ends.
 *
 * <ul>
 *   <li>client CPU: this JVM's process CPU time ({@code OperatingSystemMXBean.getProcessCpuTime}),
 *       every thread of the process: the client's I/O and callback threads, the harness's own
 *       (tiny) share, JIT and GC;</li>
 *   <li>allocation: {@code com.sun.management.ThreadMXBean.getTotalThreadAllocatedBytes()}, the
 *       JVM's running total of heap bytes allocated by all threads, including threads that have
 *       ended since (virtual threads count on their carriers);</li>
 *   <li>GC: collections and collection time summed over every {@link GarbageCollectorMXBean};</li>
 *   <li>server CPU: {@code utime + stime} of the server JVM from {@code /proc/<pid>/stat}, in
 *       clock ticks ({@code getconf CLK_TCK}, normally 100 per second);</li>
 *   <li>other load: the machine's busy CPU time from {@code /proc/stat} minus the client's and the
 *       server's, i.e. whatever else ran on the machine during the window;</li>
 *   <li>stolen: the {@code steal} time of {@code /proc/stat}, CPU the hypervisor gave to other
 *       guests while this machine had work to run. It moves every figure of the window, CPU per
 *       operation included (the server slows, so replies come fewer per read).</li>
 * </ul>
 */
public final class ProcessMeter {

    /** The state of the counters at one instant. */
    public record Snapshot(long nanos, long cpuNanos, long allocatedBytes, long gcCount, long gcMillis,
                           long serverCpuNanos, long machineCpuNanos, long stolenNanos) {
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final List<GarbageCollectorMXBean> GCS = ManagementFactory.getGarbageCollectorMXBeans();
    private static final long CLOCK_TICKS = clockTicks();

    private final long serverPid;

    /** @param serverPid the server JVM's pid, or -1 when the server is not ours (no server CPU then) */
    public ProcessMeter(long serverPid) {
        this.serverPid = serverPid;
        if (THREADS.isThreadAllocatedMemorySupported() && !THREADS.isThreadAllocatedMemoryEnabled()) {
            THREADS.setThreadAllocatedMemoryEnabled(true);
        }
    }

    public Snapshot snapshot() {
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : GCS) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        long[] machine = machineCpuNanos();
        return new Snapshot(System.nanoTime(), OS.getProcessCpuTime(), THREADS.getTotalThreadAllocatedBytes(),
                gcCount, gcMillis, serverCpuNanos(), machine[0], machine[1]);
    }

    /**
     * From {@code /proc/stat}: the CPU time the machine's own processes spent busy (user, nice,
     * system, irq, softirq; minus the client's and the server's, it shows what else ran meanwhile),
     * and the time stolen from it by the hypervisor; -1 each where unreadable.
     */
    private static long[] machineCpuNanos() {
        try (java.io.BufferedReader r = Files.newBufferedReader(Path.of("/proc/stat"))) {
            String[] f = r.readLine().trim().split("\\s+"); // cpu user nice system idle iowait irq softirq steal
            long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]);
            long tick = 1_000_000_000L / CLOCK_TICKS;
            return new long[] {busy * tick, Long.parseLong(f[8]) * tick};
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }

    /** Whether the server's CPU time is readable. */
    public boolean measuresServer() {
        return serverCpuNanos() >= 0;
    }

    private long serverCpuNanos() {
        if (serverPid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(serverPid), "stat"));
            // Fields after the command name, which is in parentheses and may contain spaces.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
            return ticks * (1_000_000_000L / CLOCK_TICKS);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                long v = Long.parseLong(out);
                if (v > 0) {
                    return v;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
