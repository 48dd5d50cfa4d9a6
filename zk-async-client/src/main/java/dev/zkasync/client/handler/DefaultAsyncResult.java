package dev.zkasync.client.handler;


import dev.zkasync.client.exception.KazooException;
import dev.zkasync.client.exception.KazooInterruptedException;
import dev.zkasync.client.exception.KazooTimeoutException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A settable {@link AsyncResult}, as Kazoo's {@code handler.async_result()}: recipes and user code
 * may create one, complete it with {@link #set} or {@link #setException}, and hand it out.
 *
 * <p>Two futures sit inside. {@code outcome} is completed by whoever sets the result (for the client,
 * the I/O thread) and is what {@code get()} waits on, so a blocked caller wakes without a thread hop.
 * {@code delivered}, created only when someone uses the {@link CompletionStage} side, is completed on
 * the handler thread, so continuations never run on the I/O thread (unless the handler is the
 * {@link DirectHandler}, whose thread that is). Rawlink callbacks are likewise
 * dispatched to the handler. A result nobody listens to costs no dispatch at all.
 *
 * @param <T> the value type
 */
public final class DefaultAsyncResult<T> implements AsyncResult<T> {
    private final Handler handler;
    private final CompletableFuture<T> outcome = new CompletableFuture<>();
    /** The failure exactly as given: CompletableFuture would unwrap a CompletionException. */
    private volatile Throwable failure;

    // Guarded by this; only touched when callbacks or stages are used. One callback (the common case)
    // sits in a field of its own; a list holds the rest.
    private Consumer<? super AsyncResult<T>> callback;
    private List<Consumer<? super AsyncResult<T>>> callbacks;
    private CompletableFuture<T> delivered;
    private boolean dispatched;
    /** Internal continuations that run on the completing thread (the client's own chaining). */
    private List<BiConsumer<? super T, ? super Throwable>> internal;

    /**
     * A result whose callbacks run on {@code handler}.
     *
     * @param handler runs the callbacks
     */
    public DefaultAsyncResult(Handler handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /**
     * Completes with {@code value}; returns false if already completed.
     *
     * @param value the result
     * @return true if this call completed it, false if it was already complete
     */
    public boolean set(T value) {
        if (!outcome.complete(value)) {
            return false;
        }
        afterCompletion(value, null);
        return true;
    }

    /**
     * Completes with {@code failure}; returns false if already completed.
     *
     * @param failure the failure
     * @return true if this call completed it, false if it was already complete
     */
    public boolean setException(Throwable failure) {
        Objects.requireNonNull(failure, "failure");
        if (outcome.isDone()) {
            return false;
        }
        synchronized (this) {
            if (this.failure != null || outcome.isDone()) {
                return false;
            }
            this.failure = failure;
        }
        if (!outcome.completeExceptionally(failure)) {
            return false;
        }
        afterCompletion(null, failure);
        return true;
    }

    private void afterCompletion(T value, Throwable failure) {
        Consumer<? super AsyncResult<T>> first;
        List<Consumer<? super AsyncResult<T>>> toRun;
        CompletableFuture<T> stage;
        List<BiConsumer<? super T, ? super Throwable>> chained;
        synchronized (this) {
            dispatched = true;
            first = callback;
            callback = null;
            toRun = callbacks;
            callbacks = null;
            stage = delivered;
            chained = internal;
            internal = null;
        }
        if (chained != null) {
            for (BiConsumer<? super T, ? super Throwable> c : chained) {
                c.accept(value, failure);
            }
        }
        if (first != null && toRun == null && stage == null) {
            handler.dispatch(() -> run(first));
        } else if (first != null || toRun != null || stage != null) {
            handler.dispatch(() -> deliver(first, toRun, stage, value, failure));
        }
    }

    private void deliver(Consumer<? super AsyncResult<T>> first, List<Consumer<? super AsyncResult<T>>> toRun,
                         CompletableFuture<T> stage, T value, Throwable failure) {
        if (first != null) {
            run(first);
        }
        if (toRun != null) {
            for (Consumer<? super AsyncResult<T>> c : toRun) {
                run(c);
            }
        }
        if (stage != null) {
            complete(stage, value, failure);
        }
    }

    private void run(Consumer<? super AsyncResult<T>> c) {
        try {
            c.accept(this);
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(AsyncResult.class).error("A rawlink callback threw", e);
        }
    }

    private static <V> void complete(CompletableFuture<V> f, V value, Throwable failure) {
        if (failure == null) {
            f.complete(value);
        } else {
            f.completeExceptionally(failure);
        }
    }

    /**
     * Runs {@code continuation} on the thread that completes this result (at once if already
     * completed). For the client's own non-blocking chaining only: it must not block or run user code.
     *
     * @param continuation called once, with the value or the failure
     */
    public void onComplete(BiConsumer<? super T, ? super Throwable> continuation) {
        synchronized (this) {
            if (!dispatched) {
                if (internal == null) {
                    internal = new ArrayList<>(2);
                }
                internal.add(continuation);
                return;
            }
        }
        continuation.accept(value(), exception());
    }

    @Override
    public AsyncResult<T> rawlink(Consumer<? super AsyncResult<T>> callback) {
        Objects.requireNonNull(callback, "callback");
        synchronized (this) {
            if (!dispatched) {
                if (this.callback == null && callbacks == null) {
                    this.callback = callback;
                } else {
                    if (callbacks == null) {
                        callbacks = new ArrayList<>(2);
                    }
                    callbacks.add(callback);
                }
                return this;
            }
        }
        handler.dispatch(() -> run(callback));
        return this;
    }

    @Override
    public AsyncResult<T> unlink(Consumer<? super AsyncResult<T>> callback) {
        synchronized (this) {
            if (this.callback == callback) {
                this.callback = null;
            } else if (callbacks != null) {
                callbacks.remove(callback);
            }
        }
        return this;
    }

    /** The stage that completes on the handler thread; created on first use. */
    private CompletableFuture<T> stage() {
        synchronized (this) {
            if (delivered == null) {
                delivered = new CompletableFuture<>();
                if (!dispatched) {
                    return delivered;
                }
            } else {
                return delivered;
            }
        }
        // Already completed: complete the new stage here, on the caller's thread.
        complete(delivered, value(), exception());
        return delivered;
    }

    @Override
    public T get() {
        beforeWaiting("AsyncResult.get()");
        try {
            return outcome.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KazooInterruptedException("interrupted while waiting for a ZooKeeper result", e);
        } catch (ExecutionException e) {
            throw rethrow(failure != null ? failure : e.getCause());
        }
    }

    @Override
    public T get(Duration timeout) {
        beforeWaiting("AsyncResult.get(timeout)");
        try {
            return outcome.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KazooInterruptedException("interrupted while waiting for a ZooKeeper result", e);
        } catch (ExecutionException e) {
            throw rethrow(failure != null ? failure : e.getCause());
        } catch (TimeoutException e) {
            throw new KazooTimeoutException("no result within " + timeout);
        }
    }

    @Override
    public T get(long timeout, TimeUnit unit) {
        return get(Duration.ofNanos(unit.toNanos(timeout)));
    }

    /**
     * The one place the client blocks on a result. A wait inside a direct callback fails at once
     * (it would hold the I/O thread that must complete the result); a wait on the handler thread
     * first lets go of the requests its callbacks deferred.
     */
    private void beforeWaiting(String call) {
        if (!outcome.isDone()) {
            DirectHandler.requireBlockingAllowed(call);
            handler.endBurst();
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new KazooException(String.valueOf(cause), cause);
    }

    @Override
    public T getNow() {
        if (!outcome.isDone()) {
            return null;
        }
        return get();
    }

    @Override
    public boolean ready() {
        return outcome.isDone();
    }

    @Override
    public boolean successful() {
        return outcome.isDone() && !outcome.isCompletedExceptionally();
    }

    @Override
    public Throwable exception() {
        return outcome.isCompletedExceptionally() ? failure : null;
    }

    @Override
    public T value() {
        return successful() ? outcome.getNow(null) : null;
    }

    @Override
    public boolean await(Duration timeout) {
        if (timeout.isPositive()) {
            beforeWaiting("AsyncResult.await(timeout)");
        }
        try {
            outcome.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | CancellationException e) {
            // ready() tells
        }
        return outcome.isDone();
    }

    /**
     * Completes the result with a {@link CancellationException} if it is not done yet. A request
     * already sent to ZooKeeper still runs there; its reply is ignored.
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return setException(new CancellationException("cancelled by the caller"));
    }

    @Override
    public boolean isCancelled() {
        return exception() instanceof CancellationException;
    }

    @Override
    public CompletableFuture<T> toCompletableFuture() {
        return stage();
    }

    @Override
    public String toString() {
        if (!ready()) {
            return "AsyncResult[pending]";
        }
        return successful() ? "AsyncResult[success]" : "AsyncResult[failed: " + exception() + "]";
    }

    // CompletionStage: every method delegates to the stage that completes on the handler thread.

    @Override
    public <U> CompletionStage<U> thenApply(Function<? super T, ? extends U> fn) {
        return stage().thenApply(fn);
    }

    @Override
    public <U> CompletionStage<U> thenApplyAsync(Function<? super T, ? extends U> fn) {
        return stage().thenApplyAsync(fn);
    }

    @Override
    public <U> CompletionStage<U> thenApplyAsync(Function<? super T, ? extends U> fn, Executor executor) {
        return stage().thenApplyAsync(fn, executor);
    }

    @Override
    public CompletionStage<Void> thenAccept(Consumer<? super T> action) {
        return stage().thenAccept(action);
    }

    @Override
    public CompletionStage<Void> thenAcceptAsync(Consumer<? super T> action) {
        return stage().thenAcceptAsync(action);
    }

    @Override
    public CompletionStage<Void> thenAcceptAsync(Consumer<? super T> action, Executor executor) {
        return stage().thenAcceptAsync(action, executor);
    }

    @Override
    public CompletionStage<Void> thenRun(Runnable action) {
        return stage().thenRun(action);
    }

    @Override
    public CompletionStage<Void> thenRunAsync(Runnable action) {
        return stage().thenRunAsync(action);
    }

    @Override
    public CompletionStage<Void> thenRunAsync(Runnable action, Executor executor) {
        return stage().thenRunAsync(action, executor);
    }

    @Override
    public <U, V> CompletionStage<V> thenCombine(CompletionStage<? extends U> other,
                                                 BiFunction<? super T, ? super U, ? extends V> fn) {
        return stage().thenCombine(other, fn);
    }

    @Override
    public <U, V> CompletionStage<V> thenCombineAsync(CompletionStage<? extends U> other,
                                                      BiFunction<? super T, ? super U, ? extends V> fn) {
        return stage().thenCombineAsync(other, fn);
    }

    @Override
    public <U, V> CompletionStage<V> thenCombineAsync(CompletionStage<? extends U> other,
                                                      BiFunction<? super T, ? super U, ? extends V> fn,
                                                      Executor executor) {
        return stage().thenCombineAsync(other, fn, executor);
    }

    @Override
    public <U> CompletionStage<Void> thenAcceptBoth(CompletionStage<? extends U> other,
                                                    BiConsumer<? super T, ? super U> action) {
        return stage().thenAcceptBoth(other, action);
    }

    @Override
    public <U> CompletionStage<Void> thenAcceptBothAsync(CompletionStage<? extends U> other,
                                                         BiConsumer<? super T, ? super U> action) {
        return stage().thenAcceptBothAsync(other, action);
    }

    @Override
    public <U> CompletionStage<Void> thenAcceptBothAsync(CompletionStage<? extends U> other,
                                                         BiConsumer<? super T, ? super U> action, Executor executor) {
        return stage().thenAcceptBothAsync(other, action, executor);
    }

    @Override
    public CompletionStage<Void> runAfterBoth(CompletionStage<?> other, Runnable action) {
        return stage().runAfterBoth(other, action);
    }

    @Override
    public CompletionStage<Void> runAfterBothAsync(CompletionStage<?> other, Runnable action) {
        return stage().runAfterBothAsync(other, action);
    }

    @Override
    public CompletionStage<Void> runAfterBothAsync(CompletionStage<?> other, Runnable action, Executor executor) {
        return stage().runAfterBothAsync(other, action, executor);
    }

    @Override
    public <U> CompletionStage<U> applyToEither(CompletionStage<? extends T> other, Function<? super T, U> fn) {
        return stage().applyToEither(other, fn);
    }

    @Override
    public <U> CompletionStage<U> applyToEitherAsync(CompletionStage<? extends T> other, Function<? super T, U> fn) {
        return stage().applyToEitherAsync(other, fn);
    }

    @Override
    public <U> CompletionStage<U> applyToEitherAsync(CompletionStage<? extends T> other, Function<? super T, U> fn,
                                                     Executor executor) {
        return stage().applyToEitherAsync(other, fn, executor);
    }

    @Override
    public CompletionStage<Void> acceptEither(CompletionStage<? extends T> other, Consumer<? super T> action) {
        return stage().acceptEither(other, action);
    }

    @Override
    public CompletionStage<Void> acceptEitherAsync(CompletionStage<? extends T> other, Consumer<? super T> action) {
        return stage().acceptEitherAsync(other, action);
    }

    @Override
    public CompletionStage<Void> acceptEitherAsync(CompletionStage<? extends T> other, Consumer<? super T> action,
                                                   Executor executor) {
        return stage().acceptEitherAsync(other, action, executor);
    }

    @Override
    public CompletionStage<Void> runAfterEither(CompletionStage<?> other, Runnable action) {
        return stage().runAfterEither(other, action);
    }

    @Override
    public CompletionStage<Void> runAfterEitherAsync(CompletionStage<?> other, Runnable action) {
        return stage().runAfterEitherAsync(other, action);
    }

    @Override
    public CompletionStage<Void> runAfterEitherAsync(CompletionStage<?> other, Runnable action, Executor executor) {
        return stage().runAfterEitherAsync(other, action, executor);
    }

    @Override
    public <U> CompletionStage<U> thenCompose(Function<? super T, ? extends CompletionStage<U>> fn) {
        return stage().thenCompose(fn);
    }

    @Override
    public <U> CompletionStage<U> thenComposeAsync(Function<? super T, ? extends CompletionStage<U>> fn) {
        return stage().thenComposeAsync(fn);
    }

    @Override
    public <U> CompletionStage<U> thenComposeAsync(Function<? super T, ? extends CompletionStage<U>> fn,
                                                   Executor executor) {
        return stage().thenComposeAsync(fn, executor);
    }

    @Override
    public <U> CompletionStage<U> handle(BiFunction<? super T, Throwable, ? extends U> fn) {
        return stage().handle(fn);
    }

    @Override
    public <U> CompletionStage<U> handleAsync(BiFunction<? super T, Throwable, ? extends U> fn) {
        return stage().handleAsync(fn);
    }

    @Override
    public <U> CompletionStage<U> handleAsync(BiFunction<? super T, Throwable, ? extends U> fn, Executor executor) {
        return stage().handleAsync(fn, executor);
    }

    @Override
    public CompletionStage<T> whenComplete(BiConsumer<? super T, ? super Throwable> action) {
        return stage().whenComplete(action);
    }

    @Override
    public CompletionStage<T> whenCompleteAsync(BiConsumer<? super T, ? super Throwable> action) {
        return stage().whenCompleteAsync(action);
    }

    @Override
    public CompletionStage<T> whenCompleteAsync(BiConsumer<? super T, ? super Throwable> action, Executor executor) {
        return stage().whenCompleteAsync(action, executor);
    }

    @Override
    public CompletionStage<T> exceptionally(Function<Throwable, ? extends T> fn) {
        return stage().exceptionally(fn);
    }
}
