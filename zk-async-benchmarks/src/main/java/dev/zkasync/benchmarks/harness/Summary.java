package dev.zkasync.benchmarks.harness;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;

/** Every round of one (client, workload), added up: totals over totals, histograms merged. */
public final class Summary {
    private final ClientKind client;
    private final Workload workload;
    private final List<TrialResult> trials = new ArrayList<>();
    private final Histogram latency = new Histogram(3);

    Summary(ClientKind client, Workload workload) {
        this.client = client;
        this.workload = workload;
    }

    void add(TrialResult t) {
        trials.add(t);
        latency.add(t.latency());
    }

    public ClientKind client() {
        return client;
    }

    public Workload workload() {
        return workload;
    }

    public int rounds() {
        return trials.size();
    }

    public long ops() {
        return trials.stream().mapToLong(TrialResult::ops).sum();
    }

    public long errors() {
        return trials.stream().mapToLong(TrialResult::errors).sum();
    }

    private long wallNanos() {
        return trials.stream().mapToLong(TrialResult::wallNanos).sum();
    }

    public double opsPerSecond() {
        long wall = wallNanos();
        return wall <= 0 ? 0 : ops() * 1e9 / wall;
    }

    public double minOpsPerSecond() {
        return trials.stream().mapToDouble(TrialResult::opsPerSecond).min().orElse(0);
    }

    public double maxOpsPerSecond() {
        return trials.stream().mapToDouble(TrialResult::opsPerSecond).max().orElse(0);
    }

    /** Client process CPU per operation, microseconds. */
    public double cpuMicrosPerOp() {
        long ops = ops();
        return ops == 0 ? Double.NaN : trials.stream().mapToLong(TrialResult::cpuNanos).sum() / 1e3 / ops;
    }

    public double allocatedBytesPerOp() {
        long ops = ops();
        return ops == 0 ? Double.NaN : (double) trials.stream().mapToLong(TrialResult::allocatedBytes).sum() / ops;
    }

    /** GC collections per measured window (mean over rounds). */
    public double gcPerWindow() {
        return trials.stream().mapToLong(TrialResult::gcCount).average().orElse(0);
    }

    public double gcMillisPerWindow() {
        return trials.stream().mapToLong(TrialResult::gcMillis).average().orElse(0);
    }

    /** Cores of CPU the client process used during the windows. */
    public double clientCores() {
        long wall = wallNanos();
        return wall <= 0 ? 0 : (double) trials.stream().mapToLong(TrialResult::cpuNanos).sum() / wall;
    }

    /** Cores of CPU the server used during the windows, or NaN when not measured. */
    public double serverCores() {
        if (trials.stream().anyMatch(t -> t.serverCpuNanos() < 0)) {
            return Double.NaN;
        }
        long wall = wallNanos();
        return wall <= 0 ? 0 : (double) trials.stream().mapToLong(TrialResult::serverCpuNanos).sum() / wall;
    }

    /** Cores used meanwhile by other processes on the machine (mean over rounds), or NaN. */
    public double otherCores() {
        return trials.stream().mapToDouble(TrialResult::otherCores).average().orElse(Double.NaN);
    }

    /** Cores the hypervisor took from the machine during the windows (mean over rounds), or NaN. */
    public double stolenCores() {
        return trials.stream().mapToDouble(TrialResult::stolenCores).average().orElse(Double.NaN);
    }

    public double serverCpuMicrosPerOp() {
        if (trials.stream().anyMatch(t -> t.serverCpuNanos() < 0) || ops() == 0) {
            return Double.NaN;
        }
        return trials.stream().mapToLong(TrialResult::serverCpuNanos).sum() / 1e3 / ops();
    }

    /** Latency percentile in microseconds. */
    public double latencyMicros(double percentile) {
        return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1e3;
    }

    public String firstError() {
        return trials.stream().map(TrialResult::firstError).filter(e -> e != null).findFirst().orElse(null);
    }

    public List<TrialResult> trials() {
        return List.copyOf(trials);
    }
}
