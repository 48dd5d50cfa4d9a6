package dev.zkasync.client.session;

import dev.zkasync.client.handler.DirectHandler;
import dev.zkasync.client.state.StartEvent;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * The "connected" flag with waiters. Waiters share a latch that the first of them makes and the
 * next change releases and drops, so an idle client keeps no lock. A latch, not a monitor, so
 * virtual threads can wait on it.
 */
final class LiveEvent implements StartEvent {
    private static final AtomicReferenceFieldUpdater<LiveEvent, CountDownLatch> WAITERS =
            AtomicReferenceFieldUpdater.newUpdater(LiveEvent.class, CountDownLatch.class, "waiters");

    private volatile boolean set;
    private volatile long terminalGeneration;
    /** Released by the next change; null while nobody waits. */
    private volatile CountDownLatch waiters;

    void set() {
        signal(true, false);
    }

    void clear() {
        signal(false, false);
    }

    /** Not connected, and no connection is coming: wake every waiter. */
    void giveUp() {
        signal(false, true);
    }

    private void signal(boolean value, boolean terminal) {
        synchronized (this) { // held for two writes only, never while waiting
            set = value;
            if (terminal) {
                terminalGeneration++;
            }
        }
        CountDownLatch w = WAITERS.getAndSet(this, null);
        if (w != null) {
            w.countDown();
        }
    }

    @Override
    public boolean await(Duration timeout) {
        if (!set && timeout.isPositive()) {
            DirectHandler.requireBlockingAllowed("StartEvent.await(timeout)");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long generation = terminalGeneration;
        while (!set && generation == terminalGeneration) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            CountDownLatch w = waiters;
            if (w == null) {
                // Installed before the flag is looked at again: a change from now on releases it.
                WAITERS.compareAndSet(this, null, new CountDownLatch(1));
                continue;
            }
            try {
                w.await(remaining, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return set;
    }

    @Override
    public boolean isSet() {
        return set;
    }
}
