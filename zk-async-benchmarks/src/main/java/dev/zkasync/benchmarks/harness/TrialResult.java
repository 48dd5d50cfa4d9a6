package dev.zkasync.benchmarks.harness;

import org.HdrHistogram.Histogram;

/**
 * One measured window of one client on one workload.
 *
 * @param latency nanoseconds per operation, recorded by the thread that saw the completion
 * @param errors   failed requests in the whole trial (warm-up included); a healthy run has none
 * @param attempts how many times the trial was measured to get this window (see {@code bench.maxStolen})
 */
public record TrialResult(ClientKind client, Workload workload, int round, long ops, long errors, long wallNanos,
                          long cpuNanos, long allocatedBytes, long gcCount, long gcMillis, long serverCpuNanos, long machineCpuNanos,
                          long stolenNanos, Histogram latency, String firstError, int attempts) {

    /** This window, counted as the last of {@code n} attempts. */
    public TrialResult attempts(int n) {
        return new TrialResult(client, workload, round, ops, errors, wallNanos, cpuNanos, allocatedBytes, gcCount,
                gcMillis, serverCpuNanos, machineCpuNanos, stolenNanos, latency, firstError, n);
    }

    /** Cores of CPU used during the window by processes other than the client and the server, or NaN. */
    public double otherCores() {
        if (machineCpuNanos < 0 || serverCpuNanos < 0 || wallNanos <= 0) {
            return Double.NaN;
        }
        return Math.max(0, machineCpuNanos - cpuNanos - serverCpuNanos) / (double) wallNanos;
    }

    /** Cores of CPU the hypervisor took from this machine during the window (steal time), or NaN. */
    public double stolenCores() {
        return stolenNanos < 0 || wallNanos <= 0 ? Double.NaN : stolenNanos / (double) wallNanos;
    }

    public double opsPerSecond() {
        return wallNanos <= 0 ? 0 : ops * 1e9 / wallNanos;
    }
}
