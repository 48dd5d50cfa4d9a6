package dev.zkasync.client.handler;


import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The result of an asynchronous operation: Kazoo's {@code IAsyncResult} for Java.
 *
 * <p>{@link #get()} returns the value or throws the operation's own {@link dev.zkasync.client.exception.KazooException}
 * (for instance {@code NoNodeException}), never an {@code ExecutionException} wrapper, so callers
 * catch ZooKeeper errors by type. Callbacks given to {@link #rawlink} run on the client's
 * {@link dev.zkasync.client.handler.Handler}, in the order the results completed, never on the I/O
 * thread unless the handler is the opt-in {@link DirectHandler}; so do {@link CompletionStage}
 * continuations added before completion (ones added after it run on the caller's thread, as with any
 * {@code CompletableFuture}). Calling {@code get()} on another result from inside a callback is fine,
 * except under {@code DirectHandler}, where a wait on a pending result fails at once with an
 * {@link IllegalStateException}.
 *
 * @param <T> the value type
 */
public interface AsyncResult<T> extends Future<T>, CompletionStage<T> {

    /** Waits for the result; returns the value or throws the operation's exception. */
    @Override
    T get();

    /**
     * Waits at most {@code timeout}.
     *
     * @param timeout how long to wait at most
     * @return the value
     * @throws dev.zkasync.client.exception.KazooTimeoutException if the result is not ready in time
     *         (the operation itself goes on)
     */
    T get(Duration timeout);

    /** {@link Future} form of {@link #get(Duration)}. */
    @Override
    T get(long timeout, TimeUnit unit);

    /** {@return the value if ready; throws the failure if failed; {@code null} if not ready yet} */
    T getNow();

    /** {@return whether the operation has completed, with a value or an exception} */
    boolean ready();

    /** {@return whether the operation completed with a value} */
    boolean successful();

    /** {@return the failure, or {@code null} if not ready or successful} */
    Throwable exception();

    /** {@return the value, or {@code null} if not ready or failed} */
    T value();

    /**
     * Waits up to {@code timeout} for completion; returns {@link #ready()}. Never throws the failure.
     *
     * @param timeout how long to wait at most
     * @return whether the result is ready
     */
    boolean await(Duration timeout);

    /**
     * Calls {@code callback} with this result once it completes (at once, through the handler, if it
     * already has). Callbacks run in registration order.
     *
     * @param callback called once with this result when it completes, on the client's handler
     * @return this result
     */
    AsyncResult<T> rawlink(Consumer<? super AsyncResult<T>> callback);

    /**
     * Removes a callback added with {@link #rawlink}; no effect once it has been scheduled.
     *
     * @param callback the callback given to {@link #rawlink}
     * @return this result
     */
    AsyncResult<T> unlink(Consumer<? super AsyncResult<T>> callback);

    @Override
    default boolean isDone() {
        return ready();
    }
}
