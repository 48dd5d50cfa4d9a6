package dev.zkasync.test;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/** The fault switches every connection of a {@link FaultProxy} consults before forwarding bytes. */
final class ProxyControls {

    private boolean stalled;
    private boolean blackholed;
    private boolean dropToServer;
    private boolean dropToClient;
    private long latencyNanos;
    private long bytesPerSecond;
    private boolean closed;

    synchronized void stalled(boolean value) {
        stalled = value;
        notifyAll();
    }

    synchronized boolean stalled() {
        return stalled;
    }

    synchronized void blackholed(boolean value) {
        blackholed = value;
        notifyAll();
    }

    synchronized boolean blackholed() {
        return blackholed;
    }

    synchronized void blackholed(FaultProxy.Direction direction, boolean value) {
        if (direction == FaultProxy.Direction.TO_SERVER) {
            dropToServer = value;
        } else {
            dropToClient = value;
        }
        notifyAll();
    }

    /** Whether bytes going {@code direction} are dropped: by the whole black hole or by the one-way one. */
    synchronized boolean drops(FaultProxy.Direction direction) {
        return blackholed || (direction == FaultProxy.Direction.TO_SERVER ? dropToServer : dropToClient);
    }

    synchronized void latencyNanos(long nanos) {
        latencyNanos = nanos;
        notifyAll();
    }

    synchronized long latencyNanos() {
        return latencyNanos;
    }

    synchronized void bytesPerSecond(long rate) {
        bytesPerSecond = rate;
        notifyAll();
    }

    /** The bandwidth cap per connection and direction; 0 means none. */
    synchronized long bytesPerSecond() {
        return bytesPerSecond;
    }

    /** Turns every switch off: bytes flow at once, at full speed, both ways. */
    synchronized void clear() {
        stalled = false;
        blackholed = false;
        dropToServer = false;
        dropToClient = false;
        latencyNanos = 0;
        bytesPerSecond = 0;
        notifyAll();
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }

    /** Wakes pumps waiting in {@link #awaitFlowing} so they notice their connection closed. */
    synchronized void wakeAll() {
        notifyAll();
    }

    /**
     * Blocks while stalled.
     *
     * @param connectionClosed checked on every wake-up
     * @return false if the proxy or the connection closed meanwhile
     */
    synchronized boolean awaitFlowing(BooleanSupplier connectionClosed) throws InterruptedException {
        while (stalled && !closed && !connectionClosed.getAsBoolean()) {
            wait();
        }
        return !closed && !connectionClosed.getAsBoolean();
    }

    /**
     * Blocks until the deadline (a {@link System#nanoTime()} value), asked again on every wake-up so
     * that a switch turned off meanwhile ends the wait, or until the proxy or the connection closes.
     *
     * @return false if the proxy or the connection closed meanwhile
     */
    synchronized boolean awaitUntil(LongSupplier deadlineNanos, BooleanSupplier connectionClosed) throws InterruptedException {
        while (!closed && !connectionClosed.getAsBoolean()) {
            long left = deadlineNanos.getAsLong() - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            wait(Math.max(1, left / 1_000_000), 0);
        }
        return false;
    }
}
