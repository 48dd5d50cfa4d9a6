package dev.zkasync.client.retry;

import dev.zkasync.client.retry.KazooRetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.zkasync.client.exception.ConnectionClosedException;
import dev.zkasync.client.exception.ConnectionLossException;
import dev.zkasync.client.exception.KazooException;
import dev.zkasync.client.exception.KazooInterruptedException;
import dev.zkasync.client.exception.NoNodeException;
import dev.zkasync.client.exception.OperationTimeoutException;
import dev.zkasync.client.exception.ProtocolException;
import dev.zkasync.client.exception.SessionExpiredException;
import dev.zkasync.client.exception.RequestQueueFullException;
import dev.zkasync.client.exception.SessionMovedException;
import dev.zkasync.client.exception.ThrottledOpException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KazooRetryTest {

    private static final long MS = 1_000_000L;

    /** 100 ms, doubling, no jitter, 10 s cap, 10 tries, no deadline. */
    private static KazooRetry exact() {
        return new KazooRetry(10, Duration.ofMillis(100), 2, 0, Duration.ofSeconds(10), false, null, null);
    }

    /** Tiny sleeps for the call tests. */
    private static KazooRetry fast(int tries) {
        return new KazooRetry(tries, Duration.ofMillis(1), 1, 0, Duration.ofMillis(1), false, null, null);
    }

    // ---------------------------------------------------------------- sleepNanos

    @Test
    void sleepGrowsByBackoffPerAttempt() {
        KazooRetry r = exact();
        assertThat(r.sleepNanos(1, 0)).isEqualTo(100 * MS);
        assertThat(r.sleepNanos(2, 0)).isEqualTo(200 * MS);
        assertThat(r.sleepNanos(3, 0)).isEqualTo(400 * MS);
        assertThat(r.sleepNanos(4, 0)).isEqualTo(800 * MS);
        assertThat(r.withBackoff(3).sleepNanos(3, 0)).isEqualTo(900 * MS);
        assertThat(r.withBackoff(1).sleepNanos(9, 0)).isEqualTo(100 * MS);
    }

    @Test
    void sleepIsCappedAtMaxDelay() {
        KazooRetry r = exact().withMaxDelay(Duration.ofMillis(500));
        assertThat(r.sleepNanos(3, 0)).isEqualTo(400 * MS);
        assertThat(r.sleepNanos(4, 0)).isEqualTo(500 * MS);
        assertThat(r.sleepNanos(9, 0)).isEqualTo(500 * MS);
    }

    @Test
    void jitterStaysWithinBounds() {
        KazooRetry r = exact().withMaxJitter(0.4).withMaxTries(-1).withMaxDelay(Duration.ofHours(1));
        for (int attempt = 1; attempt <= 5; attempt++) {
            double base = 100 * MS * Math.pow(2, attempt - 1);
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (int i = 0; i < 2_000; i++) {
                long sleep = r.sleepNanos(attempt, 0);
                assertThat(sleep).isBetween((long) (base * 0.6) - 1, (long) (base * 1.4) + 1);
                min = Math.min(min, sleep);
                max = Math.max(max, sleep);
            }
            // It really is spread: 2,000 draws cover most of the ±40 % band.
            assertThat(max - min).isGreaterThan((long) (base * 0.4));
        }
    }

    @Test
    void jitterNeverPassesMaxDelay() {
        KazooRetry r = exact().withMaxJitter(0.5).withMaxDelay(Duration.ofMillis(150));
        for (int i = 0; i < 1_000; i++) {
            assertThat(r.sleepNanos(1, 0)).isBetween(50 * MS, 150 * MS);
            assertThat(r.sleepNanos(5, 0)).isBetween(0L, 150 * MS);
        }
    }

    @Test
    void jitterIsClampedToZeroAndOne() {
        assertThat(exact().withMaxJitter(-3).maxJitter()).isZero();
        assertThat(exact().withMaxJitter(7).maxJitter()).isEqualTo(1.0);
    }

    @Test
    void noSleepOnceTheTriesAreUsed() {
        KazooRetry r = exact().withMaxTries(3);
        assertThat(r.sleepNanos(1, 0)).isEqualTo(100 * MS);
        assertThat(r.sleepNanos(2, 0)).isEqualTo(200 * MS);
        assertThat(r.sleepNanos(3, 0)).isEqualTo(-1);
        assertThat(r.sleepNanos(4, 0)).isEqualTo(-1);
        assertThat(exact().withMaxTries(1).sleepNanos(1, 0)).isEqualTo(-1);
    }

    @Test
    void minusOneTriesIsUnlimited() {
        KazooRetry r = exact().withMaxTries(-1);
        assertThat(r.sleepNanos(1, 0)).isEqualTo(100 * MS);
        assertThat(r.sleepNanos(1_000, 0)).isEqualTo(10_000 * MS);
        assertThat(r.sleepNanos(Integer.MAX_VALUE, 0)).isEqualTo(10_000 * MS);
    }

    @Test
    void noSleepThatWouldPassTheDeadline() {
        KazooRetry r = exact().withDeadline(Duration.ofSeconds(1));
        assertThat(r.sleepNanos(1, 0)).isEqualTo(100 * MS);
        assertThat(r.sleepNanos(1, 899 * MS)).isEqualTo(100 * MS);
        assertThat(r.sleepNanos(1, 900 * MS)).isEqualTo(-1);
        assertThat(r.sleepNanos(1, 2_000 * MS)).isEqualTo(-1);
        // 400 ms sleep from 0.7 s would end at 1.1 s.
        assertThat(r.sleepNanos(3, 700 * MS)).isEqualTo(-1);
        assertThat(r.sleepNanos(3, 500 * MS)).isEqualTo(400 * MS);
    }

    // ---------------------------------------------------------------- retryable

    @Test
    void retryableErrors() {
        KazooRetry r = exact().withIgnoreExpire(false);
        assertThat(r.retryable(new ConnectionLossException("/a"))).isTrue();
        assertThat(r.retryable(new ProtocolException("xid out of order"))).isTrue();
        assertThat(r.retryable(new OperationTimeoutException("/a"))).isTrue();
        assertThat(r.retryable(new SessionMovedException("/a"))).isTrue();
    }

    @Test
    void busyServerOrClientIsTransient() {
        KazooRetry r = exact().withIgnoreExpire(false);
        assertThat(r.retryable(new ThrottledOpException("/a"))).isTrue();
        assertThat(r.retryable(new RequestQueueFullException(10))).isTrue();
        assertThat(KazooRetry.transientError(new SessionExpiredException("/a"))).isTrue();
        assertThat(KazooRetry.transientError(new ConnectionClosedException("/a"))).isFalse();
        assertThat(KazooRetry.transientError(new NoNodeException("/a"))).isFalse();
    }

    @Test
    void sessionExpiryOnlyWhenIgnoringExpire() {
        assertThat(exact().withIgnoreExpire(true).retryable(new SessionExpiredException("/a"))).isTrue();
        assertThat(exact().withIgnoreExpire(false).retryable(new SessionExpiredException("/a"))).isFalse();
    }

    @Test
    void nonRetryableErrors() {
        for (boolean ignoreExpire : new boolean[] {true, false}) {
            KazooRetry r = exact().withIgnoreExpire(ignoreExpire);
            // ConnectionClosedException is a SessionExpiredException, yet a closed client is never retried.
            assertThat(r.retryable(new ConnectionClosedException("/a"))).isFalse();
            assertThat(r.retryable(new NoNodeException("/a"))).isFalse();
            assertThat(r.retryable(new KazooException("other"))).isFalse();
            assertThat(r.retryable(new IllegalStateException())).isFalse();
        }
    }

    // ---------------------------------------------------------------- call

    @Test
    void callRetriesUntilSuccess() {
        AtomicInteger calls = new AtomicInteger();
        String value = fast(5).call(() -> {
            if (calls.incrementAndGet() <= 2) {
                throw new ConnectionLossException("/a");
            }
            return "done";
        });
        assertThat(value).isEqualTo("done");
        assertThat(calls).hasValue(3);
    }

    @Test
    void callSucceedsAtOnceWithoutSleeping() {
        AtomicInteger calls = new AtomicInteger();
        long start = System.nanoTime();
        KazooRetry slow = exact().withDelay(Duration.ofSeconds(30)).withMaxDelay(Duration.ofSeconds(30));
        assertThat(slow.call(() -> calls.incrementAndGet())).isEqualTo(1);
        assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(5).toNanos());
    }

    @Test
    void callRethrowsNonRetryableErrorsAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        NoNodeException boom = new NoNodeException("/missing");
        assertThatThrownBy(() -> fast(5).call(() -> {
            calls.incrementAndGet();
            throw boom;
        })).isSameAs(boom);
        assertThat(calls).hasValue(1);

        IllegalStateException bug = new IllegalStateException("not a ZooKeeper error");
        assertThatThrownBy(() -> fast(5).call(() -> {
            calls.incrementAndGet();
            throw bug;
        })).isSameAs(bug);
        assertThat(calls).hasValue(2);
    }

    @Test
    void callRethrowsConnectionClosedEvenWhenIgnoringExpire() {
        AtomicInteger calls = new AtomicInteger();
        ConnectionClosedException closed = new ConnectionClosedException("/a");
        assertThatThrownBy(() -> fast(5).withIgnoreExpire(true).call(() -> {
            calls.incrementAndGet();
            throw closed;
        })).isSameAs(closed);
        assertThat(calls).hasValue(1);
    }

    @Test
    void callRetriesSessionExpiryWhenIgnoringExpire() {
        AtomicInteger calls = new AtomicInteger();
        assertThat(fast(5).withIgnoreExpire(true).call(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new SessionExpiredException("/a");
            }
            return calls.get();
        })).isEqualTo(2);
    }

    @Test
    void exhaustionIsWrappedWithTheLastErrorAndAttemptCount() {
        List<ConnectionLossException> thrown = new ArrayList<>();
        KazooRetry.RetryFailedException failed = catchThrowableOfType(KazooRetry.RetryFailedException.class,
                () -> fast(3).call(() -> {
                    ConnectionLossException e = new ConnectionLossException("/a", "attempt " + thrown.size(), null);
                    thrown.add(e);
                    throw e;
                }));
        assertThat(failed).isNotNull().isNotInstanceOf(KazooRetry.InterruptedRetryException.class);
        assertThat(thrown).hasSize(3);
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.getCause()).isSameAs(thrown.get(2));
        assertThat(failed).isInstanceOf(KazooException.class);
    }

    @Test
    void deadlineEndsTheRetries() {
        AtomicInteger calls = new AtomicInteger();
        KazooRetry r = fast(-1).withDeadline(Duration.ofNanos(1));
        KazooRetry.RetryFailedException failed = catchThrowableOfType(KazooRetry.RetryFailedException.class,
                () -> r.call(() -> {
                    calls.incrementAndGet();
                    throw new OperationTimeoutException("/a");
                }));
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.getCause()).isInstanceOf(OperationTimeoutException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void interruptSupplierStopsTheRetries() {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger polls = new AtomicInteger();
        KazooRetry r = fast(10).withInterrupt(() -> polls.incrementAndGet() >= 2);
        List<ConnectionLossException> thrown = new ArrayList<>();
        KazooRetry.InterruptedRetryException stopped = catchThrowableOfType(
                KazooRetry.InterruptedRetryException.class, () -> r.call(() -> {
                    calls.incrementAndGet();
                    ConnectionLossException e = new ConnectionLossException("/a");
                    thrown.add(e);
                    throw e;
                }));
        assertThat(stopped).isNotNull().isInstanceOf(KazooRetry.RetryFailedException.class);
        assertThat(calls).hasValue(2);
        assertThat(stopped.attempts()).isEqualTo(2);
        assertThat(stopped.getCause()).isSameAs(thrown.get(1));
    }

    @Test
    void interruptSupplierIsNotPolledOnSuccess() {
        AtomicInteger polls = new AtomicInteger();
        KazooRetry r = fast(3).withInterrupt(() -> {
            polls.incrementAndGet();
            return true;
        });
        assertThat(r.call(() -> "ok")).isEqualTo("ok");
        assertThat(polls).hasValue(0);
    }

    @Test
    void threadInterruptDuringTheSleepKeepsTheFlag() {
        KazooRetry r = exact().withMaxDelay(Duration.ofSeconds(30)).withDelay(Duration.ofSeconds(30));
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> r.call(() -> {
                throw new ConnectionLossException("/a");
            })).isInstanceOf(KazooInterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    // ---------------------------------------------------------------- construction

    @Test
    void constructorValidation() {
        assertThatThrownBy(() -> exact().withMaxTries(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> exact().withMaxTries(-2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> exact().withBackoff(0.99)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> exact().withDelay(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> exact().withMaxDelay(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> exact().withDelay(null)).isInstanceOf(NullPointerException.class);
        assertThat(exact().withMaxTries(-1).maxTries()).isEqualTo(-1);
        assertThat(exact().withMaxTries(1).maxTries()).isEqualTo(1);
        assertThat(exact().withBackoff(1).backoff()).isEqualTo(1.0);
    }

    @Test
    void defaultsFollowKazoo() {
        KazooRetry d = KazooRetry.DEFAULT;
        assertThat(d.maxTries()).isEqualTo(1);
        assertThat(d.delay()).isEqualTo(Duration.ofMillis(100));
        assertThat(d.backoff()).isEqualTo(2.0);
        assertThat(d.maxJitter()).isEqualTo(0.4);
        assertThat(d.maxDelay()).isEqualTo(Duration.ofSeconds(60));
        assertThat(d.ignoreExpire()).isTrue();
        assertThat(KazooRetry.forever().maxTries()).isEqualTo(-1);
    }

    @Test
    void withersReturnNewPolicies() {
        KazooRetry base = exact();
        KazooRetry changed = base.withMaxTries(4);
        assertThat(changed).isNotSameAs(base);
        assertThat(base.maxTries()).isEqualTo(10);
        assertThat(changed.delay()).isEqualTo(base.delay());
    }
}
