package dev.zkasync.client.reliability;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Netty's leak detector at PARANOID, with every leak it reports counted. Netty creates a buffer
 * type's detector once, when the type is first used, so {@link #install()} must run before any
 * Netty buffer exists in the JVM: the reliability tests run in their own JVM for that. A canary
 * buffer leaked on purpose proves the counting detector is the live one, and leaking another one
 * and waiting for its report is how {@link #flush()} makes sure earlier leaks were reported too.
 */
final class LeakReports {

    private static final String CANARY = "zk-async leak canary";
    private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(30);

    private static final List<String> leaks = new ArrayList<>();
    private static int canariesReported;
    private static int canariesLeaked;
    private static boolean installed;

    private LeakReports() {
    }

    /**
     * Sets PARANOID and the counting detectors, then checks with a canary that they are live.
     *
     * @throws IllegalStateException if Netty's buffers were in use before: the JVM keeps its old detector
     */
    static synchronized void install() {
        if (installed) {
            return;
        }
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new CountingFactory());
        installed = true;
        if (!flushWithin(FLUSH_TIMEOUT)) {
            throw new IllegalStateException("Netty's leak detector is not the counting one: buffers were in use "
                    + "before the test installed it. Run the reliability tests in their own JVM (the client's "
                    + "'reliability' surefire execution does).");
        }
    }

    /**
     * Makes the detector report every buffer leaked so far, and returns the reports apart from the
     * canaries.
     *
     * @throws IllegalStateException if the canary's report did not come within 30 s
     */
    static List<String> flush() {
        if (!flushWithin(FLUSH_TIMEOUT)) {
            throw new IllegalStateException("the leak canary was not reported within " + FLUSH_TIMEOUT);
        }
        synchronized (LeakReports.class) {
            return List.copyOf(leaks);
        }
    }

    /**
     * Leaks a canary and collects garbage until it is reported: a detector finds leaks only when a
     * buffer is tracked after the collector cleared the leaked ones, so each round allocates one.
     */
    private static boolean flushWithin(Duration timeout) {
        int expected;
        synchronized (LeakReports.class) {
            expected = ++canariesLeaked;
        }
        leakCanary(expected);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            System.gc();
            ByteBufAllocator.DEFAULT.buffer(8).release();
            synchronized (LeakReports.class) {
                if (canariesReported >= expected) {
                    return true;
                }
            }
            try {
                Thread.sleep(20); // a polling interval: the collector decides when the canary is found
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** Each canary is numbered: the detector reports a leak whose records it has seen before only once. */
    private static void leakCanary(int number) {
        ByteBuf canary = ByteBufAllocator.DEFAULT.buffer(8);
        canary.touch(CANARY + " #" + number);
        canary.writeLong(42); // never released: that is the point
    }

    /** Counts a report; true if it was a canary's. */
    private static synchronized boolean reported(String resourceType, String records) {
        if (records.contains(CANARY)) {
            canariesReported++;
            return true;
        }
        leaks.add(resourceType + ": " + records);
        return false;
    }

    private static final class CountingFactory extends ResourceLeakDetectorFactory {
        @Override
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
                long maxActive) {
            return new CountingDetector<>(resource, samplingInterval);
        }
    }

    /** Netty's detector, which also logs each report as usual, with every report counted. */
    private static final class CountingDetector<T> extends ResourceLeakDetector<T> {
        CountingDetector(Class<T> resource, int samplingInterval) {
            super(resource, samplingInterval);
        }

        @Override
        protected boolean needReport() {
            return true; // count leaks even when nothing logs at ERROR
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            if (!reported(resourceType, records)) {
                super.reportTracedLeak(resourceType, records); // a canary is expected: not worth a page of log
            }
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            reported(resourceType, "(untraced)");
            super.reportUntracedLeak(resourceType);
        }
    }
}
