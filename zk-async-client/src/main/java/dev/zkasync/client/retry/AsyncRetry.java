package dev.zkasync.client.retry;

import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.handler.DefaultAsyncResult;
import dev.zkasync.client.handler.Handler;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The client's one retry engine: runs an asynchronous operation again after failures, without
 * blocking any thread, until it succeeds or a {@link Plan} says to give up. Between attempts it
 * waits on a {@link Timer} (the client's scheduler), so every attempt after the first starts on the
 * client's handler. {@code KazooClient.retryAsync} runs it under a {@link KazooRetry}
 * ({@link KazooRetry#plan()}); the recipes run it under plans of their own.
 *
 * <p>The run stops without another attempt once its result is completed by someone else (a caller
 * that cancelled it). An operation that throws instead of returning a result fails the run with
 * what it threw.
 */
public final class AsyncRetry {

    private AsyncRetry() {
    }

    /** Runs a task on the client's handler after a delay: {@code KazooClient::schedule}. */
    @FunctionalInterface
    public interface Timer {
        /**
         * Runs {@code task} on the handler after {@code delay}.
         *
         * @param delay how long to wait
         * @param task what to run
         * @return cancel it to drop the task if it has not run yet
         */
        Future<?> schedule(Duration delay, Runnable task);
    }

    /**
     * Decides after each failed attempt whether and when to try again. One run asks one plan; a
     * plan may keep state for its run (a {@link KazooRetry} plan keeps its start time).
     */
    public interface Plan {
        /**
         * The wait before the next attempt, or -1 to give up.
         *
         * @param error   the failure of the attempt just made
         * @param attempt attempts made so far, from 1
         * @return nanoseconds to wait (0 or more), or -1
         */
        long delayNanos(Throwable error, int attempt);

        /**
         * {@return what the run fails with after {@link #delayNanos} gave up on {@code error}; by default
         * the error itself}
         *
         * @param error the failure of the attempt
         * @param attempt the attempt that failed, counting from 1
         */
        default Throwable failure(Throwable error, int attempt) {
            return error;
        }
    }

    /**
     * Starts {@code operation} now, on the calling thread, and again under {@code plan} after each
     * failure.
     *
     * @param <T> the result type
     * @param handler   where the returned result's callbacks run
     * @param timer     waits between attempts
     * @param plan      decides about each failure
     * @param operation starts one attempt
     * @return completes with the first success, or with the plan's failure
     */
    public static <T> AsyncResult<T> run(Handler handler, Timer timer, Plan plan,
                                         Supplier<? extends AsyncResult<T>> operation) {
        Objects.requireNonNull(timer, "timer");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(operation, "operation");
        DefaultAsyncResult<T> out = new DefaultAsyncResult<>(handler);
        attempt(timer, plan, operation, out, 1);
        return out;
    }

    private static <T> void attempt(Timer timer, Plan plan, Supplier<? extends AsyncResult<T>> operation,
                                    DefaultAsyncResult<T> out, int attempt) {
        if (out.ready()) {
            return; // the caller gave up
        }
        AsyncResult<T> result;
        try {
            result = operation.get();
        } catch (RuntimeException e) {
            out.setException(e);
            return;
        }
        result.rawlink(r -> {
            Throwable error = r.exception();
            if (error == null) {
                out.set(r.value());
                return;
            }
            long delay = plan.delayNanos(error, attempt);
            if (delay < 0) {
                out.setException(plan.failure(error, attempt));
            } else {
                timer.schedule(Duration.ofNanos(delay), () -> attempt(timer, plan, operation, out, attempt + 1));
            }
        });
    }
}
