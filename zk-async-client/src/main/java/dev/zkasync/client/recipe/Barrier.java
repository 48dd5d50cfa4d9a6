package dev.zkasync.client.recipe;

import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.handler.DefaultAsyncResult;
import dev.zkasync.client.watch.EventType;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.watch.Watcher;
import dev.zkasync.client.watch.WatcherType;
import dev.zkasync.client.path.ZkPaths;
import dev.zkasync.client.exception.NoNodeException;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Kazoo's {@code Barrier}: the barrier is up while its node exists; waiters are released when it
 * is removed.
 *
 * <pre>{@code
 * Barrier barrier = recipes.barrier("/barriers/deploy");
 * barrier.create();                        // coordinator
 * barrier.await(Duration.ofMinutes(5));    // workers: true once removed
 * barrier.remove();                        // coordinator
 * }</pre>
 *
 * <p>Waiting is a watch on the node (kept across reconnects, set again after a session loss); a
 * wait that times out removes its watch. A wait without a timeout still ends, with
 * {@code ConnectionLossException}, when the client stays disconnected for its request timeout.
 */
public final class Barrier {
    private final KazooClient client;
    private final String path;

    /**
     * A barrier whose node is {@code path}.
     *
     * @param client the client the recipe uses; the caller starts and stops it
     * @param path the barrier node
     */
    public Barrier(KazooClient client, String path) {
        this.client = Objects.requireNonNull(client, "client");
        ZkPaths.validate(path);
        this.path = path;
    }

    /** {@return the barrier node} */
    public String path() {
        return path;
    }

    /** Puts the barrier up (creates its node and parents if missing). */
    public void create() {
        Recipes.requireNotHandlerThread(client, "create()");
        createAsync().get();
    }

    /** {@return the outcome of {@link #create()}, without blocking} */
    public AsyncResult<Void> createAsync() {
        return Recipes.map(client, Recipes.retry(client, () -> client.ensurePathAsync(path)), p -> null);
    }

    /**
     * Takes the barrier down; false if it was not up.
     *
     * @return true if it was up and is now down, false if it was not up
     */
    public boolean remove() {
        Recipes.requireNotHandlerThread(client, "remove()");
        return removeAsync().get();
    }

    /** {@return the outcome of {@link #remove()}, without blocking} */
    public AsyncResult<Boolean> removeAsync() {
        DefaultAsyncResult<Boolean> out = Recipes.newResult(client);
        Recipes.onDone(Recipes.retry(client, () -> client.deleteAsync(path)), (v, e) -> {
            if (e == null) {
                out.set(true);
            } else if (e instanceof NoNodeException) {
                out.set(false);
            } else {
                out.setException(e);
            }
        });
        return out;
    }

    /**
     * Waits until the barrier is down; true (at once if it is not up).
     *
     * @return true once the barrier is down
     */
    public boolean await() {
        Recipes.requireNotHandlerThread(client, "await()");
        return awaitAsync(null).get();
    }

    /**
     * Waits at most {@code timeout}; true if the barrier came down, false on timeout.
     *
     * @param timeout how long to wait at most
     * @return true if the barrier came down, false on timeout
     */
    public boolean await(Duration timeout) {
        Recipes.requireNotHandlerThread(client, "await(timeout)");
        return awaitAsync(Objects.requireNonNull(timeout, "timeout")).get();
    }

    /**
     * Completes with true once the barrier is down, with false when {@code timeout} (null: none) passes.
     *
     * @param timeout how long to wait at most
     * @return true once the barrier is down, false when the timeout passes
     */
    public AsyncResult<Boolean> awaitAsync(Duration timeout) {
        DefaultAsyncResult<Boolean> out = Recipes.newResult(client);
        AtomicReference<Future<?>> timer = new AtomicReference<>();
        Watcher[] watcher = new Watcher[1];
        watcher[0] = event -> {
            if (event.type() == EventType.DELETED) {
                finish(out, timer, true);
            } else if (event.type() != EventType.DATA_WATCH_REMOVED && !out.ready()) {
                check(out, timer, watcher[0]); // NONE (session lost) or CHANGED: look again
            }
        };
        if (timeout != null) {
            timer.set(client.schedule(timeout, () -> {
                if (out.set(false)) {
                    client.removeWatchesAsync(path, watcher[0], WatcherType.DATA);
                }
            }));
        }
        // An outage longer than the request timeout ends the wait (ConnectionLossException).
        Budget budget = Budget.waiting(client);
        budget.guard(path, e -> {
            Recipes.cancel(timer.get());
            if (out.setException(e)) {
                client.removeWatchesAsync(path, watcher[0], WatcherType.DATA);
            }
        });
        out.rawlink(r -> budget.close());
        check(out, timer, watcher[0]);
        return out;
    }

    private void check(DefaultAsyncResult<Boolean> out, AtomicReference<Future<?>> timer, Watcher watcher) {
        Recipes.onDone(Recipes.retry(client, () -> client.existsAsync(path, watcher)), (stat, e) -> {
            if (e != null) {
                Recipes.cancel(timer.get());
                out.setException(e);
            } else if (stat == null) {
                finish(out, timer, true);
                client.removeWatchesAsync(path, watcher, WatcherType.DATA); // the exists watch on a missing node
            } else if (out.ready()) {
                client.removeWatchesAsync(path, watcher, WatcherType.DATA); // timed out meanwhile
            }
        });
    }

    private static void finish(DefaultAsyncResult<Boolean> out, AtomicReference<Future<?>> timer,
                               boolean value) {
        Recipes.cancel(timer.get());
        out.set(value);
    }
}
