package dev.zkasync.test;

import java.util.function.BooleanSupplier;

/** The fault switches every connection of a {@link FaultProxy} consults before forwarding bytes. */
final class ProxyControls {

    private boolean stalled;
    private boolean blackholed;
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
}
