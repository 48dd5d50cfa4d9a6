package dev.zkasync.benchmarks.harness;

import dev.zkasync.benchmarks.clients.Driver;
import dev.zkasync.benchmarks.clients.Slot;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one trial: connects the client, runs the workload through a warm-up and a measured window,
 * stops issuing, waits (boundedly) for what is in flight, and closes the client. Every loop is
 * bounded in time; nothing retries without limit.
 */
final class TrialRunner {
    private final BenchConfig config;
    private final Fixtures fixtures;
    private final String connectString;
    private final ProcessMeter meter;
    private final WindowProfiler profiler;

    TrialRunner(BenchConfig config, Fixtures fixtures, String connectString, ProcessMeter meter) {
        this.config = config;
        this.fixtures = fixtures;
        this.connectString = connectString;
        this.meter = meter;
        this.profiler = WindowProfiler.fromSystemProperties(config.outDir());
    }

    TrialResult run(ClientKind client, Workload workload, int round) throws Exception {
        settle();
        if (workload.kind() == Workload.Kind.CONNECT) {
            return connects(client, workload, round);
        }
        try (Driver driver = client.connect(connectString, Duration.ofSeconds(30))) {
            Run run = start(driver, workload);
            try {
                sleep(config.warmup());
                if (profiler != null) {
                    profiler.start();
                }
                ProcessMeter.Snapshot before = meter.snapshot();
                run.measuring = true;
                sleep(config.measure());
                run.measuring = false;
                ProcessMeter.Snapshot after = meter.snapshot();
                if (profiler != null) {
                    profiler.stop(client, workload, round);
                }
                return result(client, workload, round, run.ops.sum(), run.errors.sum(), before, after,
                        run.recorder.getIntervalHistogram(), run.firstError.get());
            } finally {
                run.stop(config.drainTimeout());
            }
        }
    }

    /**
     * Puts {@code workload} on the server with {@code client} for {@code duration}, measuring nothing:
     * before round 1, so that the first trials do not meet a server whose JIT is still compiling.
     */
    void loadServer(ClientKind client, Workload workload, Duration duration) throws Exception {
        try (Driver driver = client.connect(connectString, Duration.ofSeconds(30))) {
            Run run = start(driver, workload);
            try {
                sleep(duration);
            } finally {
                run.stop(config.drainTimeout());
            }
        }
    }

    private Run start(Driver driver, Workload workload) {
        Run run = workload.isAsync() ? new AsyncRun(driver, workload) : new BlockingRun(driver, workload);
        run.start();
        return run;
    }

    /** A GC and a pause between trials, so one trial's garbage is not collected in the next one's window. */
    private static void settle() {
        System.gc();
        sleep(Duration.ofMillis(200));
    }

    private TrialResult connects(ClientKind client, Workload workload, int round) throws Exception {
        for (int i = 0; i < config.connectWarmups(); i++) {
            client.connect(connectString, Duration.ofSeconds(30)).close();
        }
        Histogram latency = new Histogram(3);
        ProcessMeter.Snapshot before = meter.snapshot();
        for (int i = 0; i < config.connects(); i++) {
            long start = System.nanoTime();
            Driver d = client.connect(connectString, Duration.ofSeconds(30));
            latency.recordValue(System.nanoTime() - start);
            d.close();
        }
        ProcessMeter.Snapshot after = meter.snapshot();
        return result(client, workload, round, config.connects(), 0, before, after, latency, null);
    }

    private static TrialResult result(ClientKind client, Workload workload, int round, long ops, long errors,
                                      ProcessMeter.Snapshot before, ProcessMeter.Snapshot after, Histogram latency,
                                      String firstError) {
        long serverCpu = before.serverCpuNanos() < 0 || after.serverCpuNanos() < 0
                ? -1 : after.serverCpuNanos() - before.serverCpuNanos();
        long machineCpu = before.machineCpuNanos() < 0 || after.machineCpuNanos() < 0
                ? -1 : after.machineCpuNanos() - before.machineCpuNanos();
        long stolen = before.stolenNanos() < 0 || after.stolenNanos() < 0
                ? -1 : after.stolenNanos() - before.stolenNanos();
        return new TrialResult(client, workload, round, ops, errors, after.nanos() - before.nanos(),
                after.cpuNanos() - before.cpuNanos(), after.allocatedBytes() - before.allocatedBytes(),
                after.gcCount() - before.gcCount(), after.gcMillis() - before.gcMillis(), serverCpu, machineCpu,
                stolen, latency, firstError, 1);
    }

    static void sleep(Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    /** State shared by both kinds of runs. */
    private abstract static class Run {
        final Recorder recorder = new Recorder(3);
        final LongAdder ops = new LongAdder();
        final LongAdder errors = new LongAdder();
        final AtomicReference<String> firstError = new AtomicReference<>();
        volatile boolean measuring;
        volatile boolean stopping;

        abstract void start();

        /** Stops issuing and waits at most {@code timeout} for what is in flight. */
        abstract void stop(Duration timeout) throws InterruptedException;

        final void record(long startNanos, boolean ok) {
            if (measuring) {
                recorder.recordValue(System.nanoTime() - startNanos);
                ops.increment();
            }
            if (!ok) {
                errors.increment();
            }
        }

        final void error(Throwable t) {
            errors.increment();
            firstError.compareAndSet(null, String.valueOf(t));
        }
    }

    /**
     * A closed loop of {@code workload.concurrency()} outstanding requests: each completion issues
     * the slot's next request from the client's own callback thread, as an application would.
     */
    private final class AsyncRun extends Run {
        private final Driver driver;
        private final Workload workload;
        private final AtomicInteger live = new AtomicInteger();

        AsyncRun(Driver driver, Workload workload) {
            this.driver = driver;
            this.workload = workload;
        }

        private final class RunSlot extends Slot {
            RunSlot(int index) {
                super(index);
            }

            @Override
            public void completed(Object value, boolean ok) {
                AsyncRun.this.completed(this, value, ok);
            }
        }

        @Override
        void start() {
            int n = workload.concurrency();
            live.set(n);
            for (int i = 0; i < n; i++) {
                issue(new RunSlot(i));
            }
        }

        private void issue(RunSlot s) {
            if (stopping) {
                live.decrementAndGet();
                return;
            }
            s.startNanos = System.nanoTime();
            try {
                switch (workload.kind()) {
                    case GET -> driver.getData(fixtures.dataPath(s.index), s);
                    case SET -> driver.setData(fixtures.dataPath(s.index), fixtures.payload(), s);
                    case CREATE_DELETE -> {
                        if (s.step == 0) {
                            driver.createEphemeralSequential(fixtures.sequencePrefix(), fixtures.payload(), s);
                        } else {
                            driver.delete(s.created, s);
                        }
                    }
                    case CHILDREN -> driver.getChildren(fixtures.childrenParent(), s);
                    case BIG_GET -> driver.getData(fixtures.bigPath(), s);
                    case BIG_SET -> driver.setData(fixtures.bigPath(), fixtures.bigPayload(), s);
                    default -> throw new IllegalStateException(workload + " is not asynchronous");
                }
            } catch (RuntimeException e) {
                error(e);
                live.decrementAndGet();
            }
        }

        private void completed(RunSlot s, Object value, boolean ok) {
            record(s.startNanos, ok);
            if (!ok) {
                // A failed slot retires: a broken client must not turn into a hot loop.
                firstError.compareAndSet(null, workload.id() + " request failed");
                live.decrementAndGet();
                return;
            }
            if (workload.kind() == Workload.Kind.CREATE_DELETE) {
                if (s.step == 0) {
                    s.created = (String) value;
                    s.step = 1;
                } else {
                    s.created = null;
                    s.step = 0;
                }
            }
            issue(s);
        }

        @Override
        void stop(Duration timeout) {
            stopping = true;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (live.get() > 0 && System.nanoTime() - deadline < 0) {
                sleep(Duration.ofMillis(5));
            }
            if (live.get() > 0) {
                firstError.compareAndSet(null, live.get() + " requests still in flight after " + timeout);
            }
        }
    }

    /** Threads calling the blocking API in a loop: one platform thread, or many virtual threads. */
    private final class BlockingRun extends Run {
        private final Driver driver;
        private final Workload workload;
        private final List<Thread> threads = new ArrayList<>();

        BlockingRun(Driver driver, Workload workload) {
            this.driver = driver;
            this.workload = workload;
        }

        @Override
        void start() {
            if (workload.kind() == Workload.Kind.SYNC_GET) {
                threads.add(Thread.ofPlatform().name("bench-sync").daemon().start(() -> loop(0)));
            } else {
                int n = config.vthreads();
                for (int i = 0; i < n; i++) {
                    int index = i;
                    threads.add(Thread.ofVirtual().name("bench-vt-", i).start(() -> loop(index)));
                }
            }
        }

        private void loop(int index) {
            String path = fixtures.dataPath(index);
            byte[] payload = fixtures.payload();
            boolean mixed = workload.kind() == Workload.Kind.MIXED;
            while (!stopping) {
                long start = System.nanoTime();
                boolean ok = true;
                try {
                    int dice = mixed ? ThreadLocalRandom.current().nextInt(100) : 0;
                    if (dice < 90) {
                        driver.getDataBlocking(path);
                    } else if (dice < 95) {
                        driver.setDataBlocking(path, payload);
                    } else {
                        driver.existsBlocking(path);
                    }
                } catch (Exception e) {
                    ok = false;
                    firstError.compareAndSet(null, String.valueOf(e));
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // no hot loop on a broken client
                }
                record(start, ok);
            }
        }

        @Override
        void stop(Duration timeout) throws InterruptedException {
            stopping = true;
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Thread t : threads) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                    firstError.compareAndSet(null, "blocking callers still running after " + timeout);
                    break;
                }
            }
        }
    }
}
