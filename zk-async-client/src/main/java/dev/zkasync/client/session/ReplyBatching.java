package dev.zkasync.client.session;

import java.util.function.LongSupplier;

/**
 * Decides how long the event loop leaves a connection unread after a read, so that the replies
 * still coming gather on the socket and one wake-up of the I/O and callback threads serves many of
 * them instead of about one each (a server that answers one request at a time sends replies one by
 * one). Only while many requests are on the wire: then the server has plenty queued, and holding
 * back a few replies for a fraction of the round trip does not let it run dry.
 *
 * <p>The pause is the configured window, at most an eighth of the smoothed round trip, so that by
 * Little's law only a small share of the requests in flight is ever waiting at the client. The
 * round trip is sampled one request at a time. Event loop only.
 */
final class ReplyBatching {
    /** Requests on the wire from which reads may pause; the same bound as riding on the next read. */
    static final int MIN_IN_FLIGHT = 64;
    /** Shorter pauses save less than the two epoll updates and the timer they cost. */
    private static final long MIN_PAUSE_NANOS = 20_000;
    /** The pause's share of the round trip: 1/8. */
    private static final int RTT_SHIFT = 3;

    private final long windowNanos;
    private final LongSupplier clock;
    private long smoothedRttNanos;
    private boolean timing;
    private int timedXid;
    private long timedSentNanos;

    /**
     * @param windowNanos the longest pause; 0 never pauses
     * @param clock       {@link System#nanoTime()}, or a test's clock
     */
    ReplyBatching(long windowNanos, LongSupplier clock) {
        this.windowNanos = windowNanos;
        this.clock = clock;
    }

    /** A request went on the wire; starts a round-trip sample if none is running. */
    void sent(int xid) {
        if (!timing && windowNanos > 0) {
            timing = true;
            timedXid = xid;
            timedSentNanos = clock.getAsLong();
        }
    }

    /** A reply arrived at {@code nowNanos}; ends the sample if it was the timed request. */
    void answered(int xid, long nowNanos) {
        if (timing && xid == timedXid) {
            timing = false;
            long rtt = nowNanos - timedSentNanos;
            // An exponentially weighted mean with weight 1/8, as TCP's SRTT.
            smoothedRttNanos = smoothedRttNanos == 0 ? rtt : smoothedRttNanos + ((rtt - smoothedRttNanos) >> 3);
        }
    }

    /** How long to leave the connection unread after a read, with {@code inFlight} requests on the wire; 0 for not at all. */
    long pauseNanos(int inFlight) {
        if (windowNanos == 0 || inFlight < MIN_IN_FLIGHT) {
            return 0;
        }
        long pause = Math.min(windowNanos, smoothedRttNanos >> RTT_SHIFT);
        return pause >= MIN_PAUSE_NANOS ? pause : 0;
    }

    /** A new connection: its round trip is measured afresh. */
    void reset() {
        timing = false;
        smoothedRttNanos = 0;
    }

    /** The smoothed round trip so far, 0 before the first sample. */
    long smoothedRttNanos() {
        return smoothedRttNanos;
    }
}
