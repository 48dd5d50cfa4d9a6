package dev.zkasync.client.recipe;

import dev.zkasync.client.KazooClient;
import dev.zkasync.client.exception.ConnectionClosedException;
import dev.zkasync.client.exception.NoNodeException;
import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.handler.DefaultAsyncResult;
import dev.zkasync.client.path.ZkPaths;
import dev.zkasync.client.retry.AsyncRetry;
import dev.zkasync.client.retry.KazooRetry;
import dev.zkasync.client.state.KazooState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * What the recipes that wait their turn ({@link Lock}, {@link Semaphore}, {@link LockingQueue})
 * share, written once: one pending call per object, its timeout, its cancellation (by
 * {@code cancel}, by the caller cancelling the result, by an interrupted blocking caller), its
 * retry budget and outage guard, and the clean-up of the nodes it made. The subclass supplies the
 * algorithm: its first step, what a timeout completes with, what to undo when a call ends without
 * its turn. Not API.
 *
 * <p>Threading: the steps run on the client's handler; the fields of an {@link Attempt} and the
 * subclass's state are guarded by the recipe object's monitor.
 *
 * @param <T> what a call completes with
 * @param <A> the subclass's attempt, with the state of its algorithm
 */
abstract class Contention<T, A extends Contention.Attempt<T>> {
    private static final Logger log = LoggerFactory.getLogger(Contention.class);

    final KazooClient client;
    final String path;

    // Guarded by this.
    A attempt;

    Contention(KazooClient client, String path) {
        this.client = Objects.requireNonNull(client, "client");
        ZkPaths.validate(path);
        this.path = path;
    }

    /** One call that waits its turn (an acquire, a get). */
    static class Attempt<T> {
        final DefaultAsyncResult<T> result;
        /** A waiting call may wait as long as the server answers; an outage ends it. */
        final boolean blocking;
        final Budget budget;
        Future<?> timer;
        int failures;
        boolean done;

        Attempt(KazooClient client, boolean blocking) {
            this.result = Recipes.newResult(client);
            this.blocking = blocking;
            this.budget = blocking ? Budget.waiting(client) : Budget.oneShot(client);
        }
    }

    // ------------------------------------------------------------------ the algorithm's part

    /** Called holding the monitor: the result of a call that need not wait (already held), or null. */
    abstract AsyncResult<T> already();

    /** Called holding the monitor when {@code a} becomes the pending call. */
    void begin(A a) {
    }

    /** The first step of {@code a}, on the caller's thread. */
    abstract void firstStep(A a);

    /** The call's timeout passed: end {@code a} (with {@link #end}). */
    abstract void timedOut(A a, Duration timeout);

    /** Called holding the monitor when {@code a} ends without its turn: take over what it made. */
    void ending(A a) {
    }

    /** Undoes what {@code a} made (after {@link #ending}); the call completes once the result does. */
    AsyncResult<?> undo(A a) {
        return null;
    }

    /** Whether a call that completed with {@code value} obtained something the caller must give back. */
    abstract boolean obtained(T value);

    /** Gives back what a call obtained when its caller is no longer there to take it. */
    abstract void giveBack();

    /** The path named by the error of an outage. */
    String outagePath() {
        return path;
    }

    // ------------------------------------------------------------------ the shared mechanics

    /**
     * Makes {@code a} the pending call and takes its first step; fails with
     * {@code IllegalStateException} ({@code pending} says why) if another call is pending.
     */
    final AsyncResult<T> start(A a, Duration timeout, String pending) {
        synchronized (this) {
            AsyncResult<T> now = already();
            if (now != null) {
                return now;
            }
            if (attempt != null) {
                return Recipes.failed(client, new IllegalStateException(pending));
            }
            attempt = a;
            begin(a);
            if (timeout != null) {
                a.timer = client.schedule(timeout, () -> timedOut(a, timeout));
            }
        }
        // A caller that cancels the returned future cancels the call.
        a.result.rawlink(r -> {
            if (r.exception() instanceof CancellationException) {
                end(a, null, r.exception());
            }
        });
        if (a.blocking) {
            a.budget.guard(outagePath(), e -> end(a, null, e));
        }
        firstStep(a);
        return a.result;
    }

    /** Cancels the pending call, if any, with {@code reason}. */
    final void cancelPending(Throwable reason) {
        A a;
        synchronized (this) {
            a = attempt;
        }
        if (a != null) {
            end(a, null, reason);
        }
    }

    /**
     * Starts a call and waits for it, on a thread that is not the handler's (checked before the call
     * starts); an interrupt cancels the call with {@code cancelled}.
     */
    final T block(Supplier<AsyncResult<T>> call, String method, Supplier<? extends Throwable> cancelled) {
        Recipes.requireNotHandlerThread(client, method);
        AsyncResult<T> result = call.get();
        return Recipes.await(result, () -> {
            A a;
            synchronized (this) {
                a = attempt;
            }
            if (a != null && a.result == result) {
                end(a, null, cancelled.get());
            }
            if (obtained(result.value())) {
                giveBack(); // obtained just as the caller gave up
            }
        });
    }

    /** Whether {@code a} has ended; for steps that must not go on after it. */
    final synchronized boolean ended(A a) {
        return a.done;
    }

    /**
     * Called holding the monitor: {@code a} has its turn. Returns false if it had ended; else the
     * caller records what it now holds and then calls {@link #won}.
     */
    final boolean winLocked(A a) {
        if (a.done) {
            return false;
        }
        a.done = true;
        attempt = null;
        Recipes.cancel(a.timer);
        return true;
    }

    /** Completes {@code a} after {@link #winLocked}; a caller that cancelled meanwhile gets it given back. */
    final void won(A a, T value) {
        a.budget.close();
        if (!a.result.set(value)) {
            giveBack();
        }
    }

    /** Ends {@code a} without its turn: undoes what it made, then completes with {@code value} or {@code error}. */
    final void end(A a, T value, Throwable error) {
        synchronized (this) {
            if (a.done) {
                return;
            }
            a.done = true;
            if (attempt == a) {
                attempt = null;
            }
            Recipes.cancel(a.timer);
            ending(a);
        }
        a.budget.close();
        AsyncResult<?> undone = undo(a);
        if (undone == null) {
            complete(a, value, error);
        } else {
            Recipes.onDone(undone, (v, e) -> complete(a, value, error));
        }
    }

    private void complete(A a, T value, Throwable error) {
        if (error == null) {
            a.result.set(value);
        } else {
            a.result.setException(error);
        }
    }

    /** A transient error is tried {@code again} after a back-off, within {@code a}'s budget; anything else ends it. */
    final void failed(A a, Throwable error, Runnable again) {
        if (a.budget.retryable(error)) {
            retrySoon(a, again);
        } else {
            end(a, null, error);
        }
    }

    /** Runs {@code again} after the back-off of {@code a}'s next failure, unless it has ended. */
    final void retrySoon(A a, Runnable again) {
        int failures;
        synchronized (this) {
            if (a.done) {
                return;
            }
            failures = ++a.failures;
        }
        client.schedule(Recipes.backoff(failures), again);
    }

    // ------------------------------------------------------------------ node clean-up

    /**
     * Removes a node of ours with {@code delete} (one try), trying again through transient errors
     * until it or the session is gone. The result completes after the first try (at once when not
     * connected), so callers are not held up by an outage; the retries go on in the background.
     */
    final AsyncResult<Void> removeNode(String what, Supplier<? extends AsyncResult<Void>> delete) {
        DefaultAsyncResult<Void> settled = Recipes.newResult(client);
        if (client.state() != KazooState.CONNECTED) {
            settled.set(null);
        }
        AsyncRetry.Plan untilGone = (error, attempt) -> {
            settled.set(null);
            return KazooRetry.transientError(error) ? Recipes.backoff(attempt).toNanos() : -1;
        };
        Recipes.onDone(AsyncRetry.run(client.handler(), client::schedule, untilGone, delete), (v, e) -> {
            settled.set(null);
            if (e != null && !(e instanceof ConnectionClosedException)) {
                // A stopped client closed the session, which removes the node anyway.
                log.warn("Could not remove {} under {} ({}); it goes when the session ends", what, path, e.toString());
            }
        });
        return settled;
    }

    /** Deletes {@code nodePath}; a node already gone counts as deleted. */
    final AsyncResult<Void> deleteIgnoringMissing(String nodePath) {
        DefaultAsyncResult<Void> out = Recipes.newResult(client);
        Recipes.onDone(client.deleteAsync(nodePath), (v, e) -> {
            if (e == null || e instanceof NoNodeException) {
                out.set(null);
            } else {
                out.setException(e);
            }
        });
        return out;
    }
}
