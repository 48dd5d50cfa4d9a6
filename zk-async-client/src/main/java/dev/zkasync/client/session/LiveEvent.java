package dev.zkasync.client.session;

import dev.zkasync.client.handler.DirectHandler;
import dev.zkasync.client.state.StartEvent;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** The "connected" flag with waiters; a lock, not a monitor, so virtual threads can wait on it. */
final class LiveEvent implements StartEvent {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile boolean set;
    private long terminalGeneration;

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
        lock.lock();
        try {
            set = value;
            if (terminal) {
                terminalGeneration++;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean await(Duration timeout) {
        if (!set && timeout.isPositive()) {
            DirectHandler.requireBlockingAllowed("StartEvent.await(timeout)");
        }
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            long generation = terminalGeneration;
            while (!set && generation == terminalGeneration && remaining > 0) {
                remaining = changed.awaitNanos(remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        return set;
    }

    @Override
    public boolean isSet() {
        return set;
    }
}
