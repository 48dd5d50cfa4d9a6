package dev.zkasync.client.session;

import dev.zkasync.client.metrics.ClientStats;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The session's counters. Written only on the session's event loop (single writer), read from any
 * thread: plain volatile fields, no atomics needed.
 */
final class SessionStats implements ClientStats {
    private final AtomicInteger queued;
    volatile int inFlight;
    volatile long reconnects;
    volatile long expirations;
    volatile long disconnects;
    volatile long watchEvents;
    volatile long bytesSent;
    volatile long bytesReceived;
    volatile long readPauses;

    SessionStats(AtomicInteger queued) {
        this.queued = queued;
    }

    @Override
    public int inFlightRequests() {
        return inFlight;
    }

    @Override
    public int queuedRequests() {
        return Math.max(0, queued.get());
    }

    @Override
    public long reconnects() {
        return reconnects;
    }

    @Override
    public long sessionExpirations() {
        return expirations;
    }

    @Override
    public long disconnects() {
        return disconnects;
    }

    @Override
    public long watchEventsDelivered() {
        return watchEvents;
    }

    @Override
    public long bytesSent() {
        return bytesSent;
    }

    @Override
    public long bytesReceived() {
        return bytesReceived;
    }

    @Override
    public long readPauses() {
        return readPauses;
    }
}
