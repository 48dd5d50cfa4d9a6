package dev.zkasync.client.retry;

import dev.zkasync.client.exception.ConnectionClosedException;
import dev.zkasync.client.exception.ConnectionLossException;
import dev.zkasync.client.exception.KazooException;
import dev.zkasync.client.exception.KazooInterruptedException;
import dev.zkasync.client.exception.OperationTimeoutException;
import dev.zkasync.client.exception.RequestQueueFullException;
import dev.zkasync.client.exception.RequestTimeoutException;
import dev.zkasync.client.exception.SessionExpiredException;
import dev.zkasync.client.exception.SessionMovedException;
import dev.zkasync.client.exception.ThrottledOpException;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Kazoo's retry policy: call an operation until it succeeds, a non-retryable error comes, the
 * attempts run out or the deadline passes. Retryable: the {@linkplain #transientError transient}
 * errors ({@code ConnectionLossException} and so protocol errors, {@code OperationTimeoutException},
 * {@code SessionMovedException}, {@code RequestTimeoutException} (the server's code, and its subclass
 * {@code RequestDeadlineException}, the client's own deadline: no answer came, as with a lost
 * connection), {@code ThrottledOpException},
 * {@code RequestQueueFullException}), {@code SessionExpiredException} only when
 * {@link #ignoreExpire()} is on. A closed client is never retried.
 *
 * <p>The sleep before attempt {@code n+1} is {@code delay * backoff^(n-1)}, spread by
 * ±{@code maxJitter} (a fraction) and capped at {@code maxDelay}. Immutable; the policy keeps no
 * counters, so one instance serves any number of calls.
 *
 * @param maxTries    total attempts; -1 for no limit
 * @param delay       sleep before the second attempt
 * @param backoff     multiplier per attempt (at least 1)
 * @param maxJitter   relative jitter, 0 to 1
 * @param maxDelay    cap on one sleep
 * @param ignoreExpire retry on session expiry (a new session will come)
 * @param deadline    give up once this much time has passed since the first attempt; null for none
 * @param interrupt   polled before every sleep; true stops with {@link InterruptedRetryException}; may be null
 */
public record KazooRetry(int maxTries, Duration delay, double backoff, double maxJitter, Duration maxDelay,
                         boolean ignoreExpire, Duration deadline, BooleanSupplier interrupt) {

    /** Kazoo's defaults: one try, 0.1 s delay, backoff 2, jitter 0.4, 60 s max delay, retry on expiry. */
    public static final KazooRetry DEFAULT = new KazooRetry(1, Duration.ofMillis(100), 2, 0.4,
            Duration.ofSeconds(60), true, null, null);

    /** Checks the settings. */
    public KazooRetry {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxTries == 0 || maxTries < -1) {
            throw new IllegalArgumentException("maxTries must be -1 (no limit) or at least 1, not " + maxTries);
        }
        if (backoff < 1) {
            throw new IllegalArgumentException("backoff must be at least 1, not " + backoff);
        }
        maxJitter = Math.max(0, Math.min(1, maxJitter));
        if (delay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("delays cannot be negative");
        }
    }

    /**
     * Retries forever with the default pacing, as Kazoo's client does for its own retries.
     *
     * @return an unlimited policy with the default pacing
     */
    public static KazooRetry forever() {
        return DEFAULT.withMaxTries(-1).withMaxDelay(Duration.ofSeconds(3600));
    }

    /**
     * {@return a copy with {@code maxTries} set}
     *
     * @param tries attempts in all, -1 for no limit
     */
    public KazooRetry withMaxTries(int tries) {
        return new KazooRetry(tries, delay, backoff, maxJitter, maxDelay, ignoreExpire, deadline, interrupt);
    }

    /**
     * {@return a copy with {@code delay} set}
     *
     * @param d the delay before the second attempt
     */
    public KazooRetry withDelay(Duration d) {
        return new KazooRetry(maxTries, d, backoff, maxJitter, maxDelay, ignoreExpire, deadline, interrupt);
    }

    /**
     * {@return a copy with {@code backoff} set}
     *
     * @param b the factor the delay grows by per attempt
     */
    public KazooRetry withBackoff(double b) {
        return new KazooRetry(maxTries, delay, b, maxJitter, maxDelay, ignoreExpire, deadline, interrupt);
    }

    /**
     * {@return a copy with {@code maxJitter} set}
     *
     * @param j the largest random share added to a delay
     */
    public KazooRetry withMaxJitter(double j) {
        return new KazooRetry(maxTries, delay, backoff, j, maxDelay, ignoreExpire, deadline, interrupt);
    }

    /**
     * {@return a copy with {@code maxDelay} set}
     *
     * @param d the longest delay
     */
    public KazooRetry withMaxDelay(Duration d) {
        return new KazooRetry(maxTries, delay, backoff, maxJitter, d, ignoreExpire, deadline, interrupt);
    }

    /**
     * {@return a copy with {@code ignoreExpire} set}
     *
     * @param ignore whether a session expiry is retried
     */
    public KazooRetry withIgnoreExpire(boolean ignore) {
        return new KazooRetry(maxTries, delay, backoff, maxJitter, maxDelay, ignore, deadline, interrupt);
    }

    /**
     * {@return a copy with {@code deadline} set}
     *
     * @param d the time all attempts together may take, or null for none
     */
    public KazooRetry withDeadline(Duration d) {
        return new KazooRetry(maxTries, delay, backoff, maxJitter, maxDelay, ignoreExpire, d, interrupt);
    }

    /**
     * {@return a copy with {@code interrupt} set}
     *
     * @param i asked before each attempt; true stops the retries, or null for none
     */
    public KazooRetry withInterrupt(BooleanSupplier i) {
        return new KazooRetry(maxTries, delay, backoff, maxJitter, maxDelay, ignoreExpire, deadline, i);
    }

    /**
     * {@return the one check of the client and its recipes for errors after which the same request may
     * simply be sent again: the connection dropped ({@code ConnectionLossException}, protocol errors
     * included), a deadline passed ({@code OperationTimeoutException}, {@code RequestTimeoutException}),
     * the session moved or expired (a new one follows), or the server or the client was too busy
     * ({@code ThrottledOpException}, {@code RequestQueueFullException})} A closed client
     * ({@code ConnectionClosedException}) is final.
     *
     * @param error the failure
     */
    public static boolean transientError(Throwable error) {
        if (error instanceof ConnectionClosedException) {
            return false;
        }
        return error instanceof ConnectionLossException
                || error instanceof OperationTimeoutException
                || error instanceof RequestTimeoutException
                || error instanceof SessionMovedException
                || error instanceof SessionExpiredException
                || error instanceof ThrottledOpException
                || error instanceof RequestQueueFullException;
    }

    /**
     * {@return whether this policy retries {@code error}: a {@linkplain #transientError transient} one,
     * session expiry only when {@link #ignoreExpire()} is on}
     *
     * @param error the failure
     */
    public boolean retryable(Throwable error) {
        return transientError(error) && (ignoreExpire || !(error instanceof SessionExpiredException));
    }

    /**
     * {@return this policy as the plan of one {@link AsyncRetry} run, whose clock (for the deadline) starts
     * now} The run fails with the error itself when it is not retryable, with
     * {@link RetryFailedException} when the attempts or the time run out, and with
     * {@link InterruptedRetryException} when the interrupt check says stop.
     */
    public AsyncRetry.Plan plan() {
        return new Run(this);
    }

    /**
     * The sleep before attempt {@code attempt + 1} (attempts count from 1), or -1 if there is none:
     * the attempts are used up or the sleep would pass the deadline.
     *
     * @param attempt     attempts made so far
     * @param elapsedNanos time since the first attempt started
     * @return the sleep in nanoseconds, or -1
     */
    public long sleepNanos(int attempt, long elapsedNanos) {
        if (maxTries != -1 && attempt >= maxTries) {
            return -1;
        }
        double base = delay.toNanos() * Math.pow(backoff, attempt - 1);
        double jitter = maxJitter == 0 ? 1 : ThreadLocalRandom.current().nextDouble(1 - maxJitter, 1 + maxJitter);
        long sleep = (long) Math.min(maxDelay.toNanos(), base * jitter);
        if (deadline != null && elapsedNanos + sleep >= deadline.toNanos()) {
            return -1;
        }
        return sleep;
    }

    /**
     * Calls {@code operation} on this thread, sleeping between attempts.
     *
     * @param <T> the result type
     * @param operation one attempt; returns the result or throws
     * @return the first successful attempt's result
     */
    public <T> T call(Supplier<T> operation) {
        Run run = new Run(this);
        for (int attempt = 1; ; attempt++) {
            try {
                return operation.get();
            } catch (KazooException e) {
                long sleep = run.delayNanos(e, attempt);
                if (sleep < 0) {
                    throw run.verdict == null ? e : run.verdict;
                }
                try {
                    Thread.sleep(Duration.ofNanos(sleep));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new KazooInterruptedException("interrupted between retries", ie);
                }
            }
        }
    }

    /** One run of a policy, blocking or not: the decisions after each failure, written once. */
    private static final class Run implements AsyncRetry.Plan {
        private final KazooRetry policy;
        private final long start = System.nanoTime();
        /** Why the run gave up, when it was not simply a non-retryable error. */
        private KazooException verdict;

        Run(KazooRetry policy) {
            this.policy = policy;
        }

        @Override
        public long delayNanos(Throwable error, int attempt) {
            verdict = null;
            if (!policy.retryable(error)) {
                return -1;
            }
            long sleep = policy.sleepNanos(attempt, System.nanoTime() - start);
            if (sleep < 0) {
                verdict = new RetryFailedException(attempt, error);
            } else if (policy.interrupt != null && policy.interrupt.getAsBoolean()) {
                verdict = new InterruptedRetryException(attempt, error);
            }
            return verdict == null ? sleep : -1;
        }

        @Override
        public Throwable failure(Throwable error, int attempt) {
            return verdict == null ? error : verdict;
        }
    }

    /** The attempts ran out, or the deadline would pass; the cause is the last failure. */
    public static class RetryFailedException extends KazooException {
        private static final long serialVersionUID = 1L;
        /** How many attempts were made. */
        private final int attempts;

        /**
         * Creates the exception.
         *
         * @param attempts how many attempts were made
         * @param last the last attempt's failure
         */
        public RetryFailedException(int attempts, Throwable last) {
            super("gave up after " + attempts + " attempt(s): " + last.getMessage(), last);
            this.attempts = attempts;
        }

        /** {@return how many attempts were made} */
        public int attempts() {
            return attempts;
        }
    }

    /** The policy's interrupt check said stop. */
    public static final class InterruptedRetryException extends RetryFailedException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param attempts how many attempts were made
         * @param last the last attempt's failure
         */
        public InterruptedRetryException(int attempts, Throwable last) {
            super(attempts, last);
        }
    }
}
