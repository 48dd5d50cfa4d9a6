package dev.zkasync.client.session;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The read-pause rule on its own; the behaviour on the wire is tested against a real server. */
class ReplyBatchingTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final int MANY = 500;

    /** The test's clock: moves only when a test moves it. */
    private long now = 1_000_000_000L;

    @Test
    void noPauseBeforeTheFirstRoundTripIsKnown() {
        ReplyBatching b = batching(MS);
        assertThat(b.afterRead(1, MANY)).isZero();
    }

    @Test
    void thePauseIsAnEighthOfTheRoundTripCappedByTheWindow() {
        ReplyBatching b = batching(MS);
        sample(b, 1, 4 * MS);
        assertThat(b.smoothedRttNanos()).isEqualTo(4 * MS);
        assertThat(b.afterRead(2, 64)).isEqualTo(MS / 2);
        ReplyBatching small = batching(MS / 4);
        sample(small, 1, 4 * MS);
        assertThat(small.afterRead(2, 64)).isEqualTo(MS / 4);
        ReplyBatching slow = batching(MS);
        sample(slow, 1, 100 * MS);
        assertThat(slow.afterRead(2, 64)).isEqualTo(MS);
    }

    @Test
    void fewRequestsOnTheWireOrAShortRoundTripMeanNoPause() {
        ReplyBatching b = batching(MS);
        sample(b, 1, 4 * MS);
        assertThat(b.afterRead(1, ReplyBatching.MIN_IN_FLIGHT - 1)).isZero();
        ReplyBatching fast = batching(MS);
        sample(fast, 1, 100_000); // an eighth of 100 us is less than a pause is worth
        assertThat(fast.afterRead(1, MANY)).isZero();
    }

    @Test
    void readsThatAlreadyCarryManyRepliesAreNotPaused() {
        ReplyBatching b = batching(MS);
        sample(b, 1, 4 * MS);
        assertThat(b.afterRead(ReplyBatching.FEW_REPLIES_PER_READ, MANY)).as("a server that batches its replies")
                .isZero();
        assertThat(b.afterRead(20, MANY)).isZero();
        ReplyBatching trickle = batching(MS);
        sample(trickle, 1, 4 * MS);
        assertThat(trickle.afterRead(2, MANY)).as("a server that answers one by one").isPositive();
    }

    @Test
    void whilePausingEverySixteenthReadIsUnpausedAndItsRepliesDecide() {
        ReplyBatching b = batching(MS);
        sample(b, 1, 4 * MS);
        assertThat(b.afterRead(2, MANY)).isPositive();
        int paused = 1;
        // Reads after a pause carry many replies; they must not count as the server's own batching.
        while (b.afterRead(40, MANY) > 0) {
            paused++;
        }
        assertThat(paused).isEqualTo(ReplyBatching.SAMPLE_EVERY - 1);
        // Unpaused reads (one in sixteen) show the server now batches by itself: pausing stops.
        for (int i = 0; i < 100; i++) {
            b.afterRead(12, MANY);
        }
        assertThat(b.afterRead(12, MANY)).isZero();
        // And when replies trickle again, pausing resumes.
        for (int i = 0; i < 100; i++) {
            b.afterRead(1, MANY);
        }
        assertThat(b.afterRead(1, MANY)).isPositive();
    }

    @Test
    void aZeroWindowNeverPausesNorTimes() {
        ReplyBatching off = batching(0);
        sample(off, 1, 4 * MS);
        assertThat(off.smoothedRttNanos()).isZero();
        assertThat(off.afterRead(1, MANY)).isZero();
    }

    @Test
    void theRoundTripIsSmoothedOneSampleAtATimeAndResetPerConnection() {
        ReplyBatching b = batching(MS);
        sample(b, 1, 8 * MS);
        b.sent(2);
        b.sent(3); // a sample is running: not timed
        b.answered(3, now + 100 * MS);
        assertThat(b.smoothedRttNanos()).as("only the timed request ends a sample").isEqualTo(8 * MS);
        b.answered(2, now + 16 * MS);
        assertThat(b.smoothedRttNanos()).as("moves an eighth of the way to 16 ms").isEqualTo(9 * MS);
        assertThat(b.afterRead(1, MANY)).isPositive();
        b.reset();
        assertThat(b.smoothedRttNanos()).isZero();
        assertThat(b.afterRead(1, MANY)).isZero();
    }

    private ReplyBatching batching(long windowNanos) {
        return new ReplyBatching(windowNanos, () -> now);
    }

    /** One timed request of {@code rttNanos}, answered that long after it was sent. */
    private void sample(ReplyBatching b, int xid, long rttNanos) {
        b.sent(xid);
        now += rttNanos;
        b.answered(xid, now);
    }
}
