package dev.zkasync.client.session;

import java.util.function.LongSupplier;

/**
 * Decides how long the event loop leaves a connection unread after a read, so that the replies
 * still coming gather on the socket and one wake-up of the I/O and callback threads serves many of
 * them instead of about one each. Only where that is what happens: while many requests are on the
 * wire (the server has plenty queued, so holding back a few replies for a fraction of the round
 * trip does not let it run dry) and while reads made without a pause carry few replies (ZooKeeper's
 * NIO connection layer answers one request at a time: 2 or 3 replies a read at 256 outstanding;
 * its Netty layer already writes them in batches of 8 to 20, and pausing there only makes its
 * arrivals burstier, which cost it up to a fifth of its write throughput).
 *
 * <p>The pause is the configured window, at most an eighth of the smoothed round trip, so that by
 * Little's law only a small share of the requests in flight is ever waiting at the client. The
 * round trip is sampled one request at a time; replies per unpaused read are smoothed, and while
 * pausing every {@value #SAMPLE_EVERY}th read goes without a pause to sample them again. Event
 * loop only.
 */
final class ReplyBatching {
    /** Requests on the wire from which reads may pause: the bound from which requests ride on the next read. */
    static final int MIN_IN_FLIGHT = RequestPipeline.AT_READ_MIN_IN_FLIGHT;
    /** Shorter pauses save less than the two epoll updates and the timer they cost. */
    private static final long MIN_PAUSE_NANOS = 20_000;
    /** The pause's share of the round trip: 1/8. */
    private static final int RTT_SHIFT = 3;
    /** Unpaused reads carrying fewer replies than this, on average, are worth batching. */
    static final int FEW_REPLIES_PER_READ = 6;
    /** While pausing, one read in this many goes without a pause, to see whether it is still worth it. */
    static final int SAMPLE_EVERY = 16;
    /** Replies per unpaused read are averaged in sixteenths, with weight 1/4. */
    private static final int FIXED_POINT = 4;

    private final long windowNanos;
    private final LongSupplier clock;
    private long smoothedRttNanos;
    private boolean timing;
    private int timedXid;
    private long timedSentNanos;
    /** Smoothed replies per read made without a pause before it, times 16; -1 before the first. */
    private int repliesPerRead16 = -1;
    private boolean lastReadPaused;
    private int pausedReads;

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

    /**
     * A read ended, having carried {@code replies} frames, with {@code inFlight} requests still on
     * the wire: how long to leave the connection unread now; 0 for not at all.
     */
    long afterRead(int replies, int inFlight) {
        if (!lastReadPaused) {
            int sample = replies << FIXED_POINT;
            repliesPerRead16 = repliesPerRead16 < 0 ? sample : repliesPerRead16 + ((sample - repliesPerRead16) >> 2);
        }
        long pause = pauseFor(inFlight);
        if (pause > 0 && ++pausedReads % SAMPLE_EVERY == 0) {
            pause = 0; // let the next read show how many replies come unbatched
        }
        lastReadPaused = pause > 0;
        return pause;
    }

    private long pauseFor(int inFlight) {
        if (windowNanos == 0 || inFlight < MIN_IN_FLIGHT || repliesPerRead16 < 0
                || repliesPerRead16 >= FEW_REPLIES_PER_READ << FIXED_POINT) {
            return 0;
        }
        long pause = Math.min(windowNanos, smoothedRttNanos >> RTT_SHIFT);
        return pause >= MIN_PAUSE_NANOS ? pause : 0;
    }

    /** A new connection: its round trip and its replies per read are measured afresh. */
    void reset() {
        timing = false;
        smoothedRttNanos = 0;
        repliesPerRead16 = -1;
        lastReadPaused = false;
        pausedReads = 0;
    }

    /** The smoothed round trip so far, 0 before the first sample. */
    long smoothedRttNanos() {
        return smoothedRttNanos;
    }
}
