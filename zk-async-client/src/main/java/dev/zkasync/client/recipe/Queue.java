package dev.zkasync.client.recipe;

import dev.zkasync.client.AsyncResult;
import dev.zkasync.client.CreateOptions;
import dev.zkasync.client.DefaultAsyncResult;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.ZkPaths;
import dev.zkasync.client.exception.NoNodeException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Kazoo's {@code Queue}: a simple distributed queue with priorities. Items are sequential
 * {@code path/entry-PPP-<seq>} nodes (priority 0 to 999, lower first; equal priorities in order of
 * arrival), the same names Kazoo uses. {@link #get()} takes the first item and deletes it, so each
 * item goes to exactly one consumer even with many competing; it does not wait (see
 * {@link LockingQueue} for a blocking, at-least-once queue). Delivery is at most once: an item
 * taken by a consumer that dies before processing it is lost, as in Kazoo, and so is one whose
 * delete reply was lost with the connection. A put whose reply is lost fails with the connection
 * error (the item may or may not have been added); it is not retried, to avoid duplicates.
 */
public final class Queue {
    static final int DEFAULT_PRIORITY = 100;

    private final KazooClient client;
    private final String path;
    private volatile boolean pathEnsured;

    /** A producer and consumer of the queue at {@code path}. */
    public Queue(KazooClient client, String path) {
        this.client = Objects.requireNonNull(client, "client");
        ZkPaths.validate(path);
        this.path = path;
    }

    /** The queue node. */
    public String path() {
        return path;
    }

    /** Adds {@code value} with the default priority (100). */
    public void put(byte[] value) {
        put(value, DEFAULT_PRIORITY);
    }

    /** Adds {@code value}; lower priorities come out first. */
    public void put(byte[] value, int priority) {
        Recipes.requireNotHandlerThread(client, "put()");
        putAsync(value, priority).get();
    }

    /** {@link #put(byte[], int)} without blocking. */
    public AsyncResult<Void> putAsync(byte[] value, int priority) {
        Objects.requireNonNull(value, "value");
        String prefix = Recipes.join(path, entryPrefix(priority));
        // Not retried: a sequential create whose reply was lost may have been applied (Kazoo does the same).
        return Recipes.map(client, ensured(() -> client.createAsync(prefix, value, CreateOptions.DEFAULT.sequence()),
                false), p -> null);
    }

    static String entryPrefix(int priority) {
        if (priority < 0 || priority > 999) {
            throw new IllegalArgumentException("priority must be between 0 and 999, not " + priority);
        }
        return String.format("entry-%03d-", priority);
    }

    /** Takes and removes the first item; null if the queue is empty. */
    public byte[] get() {
        Recipes.requireNotHandlerThread(client, "get()");
        return getAsync().get();
    }

    /** {@link #get()} without blocking. */
    public AsyncResult<byte[]> getAsync() {
        DefaultAsyncResult<byte[]> out = Recipes.newResult(client);
        Recipes.onDone(ensured(() -> client.getChildrenAsync(path), true), (children, e) -> {
            if (e != null) {
                out.setException(e);
                return;
            }
            List<String> sorted = new ArrayList<>(children);
            sorted.sort(null);
            take(sorted, 0, out);
        });
        return out;
    }

    /** Reads then deletes the {@code i}-th item; whoever deletes it owns it, the others move on. */
    private void take(List<String> sorted, int i, DefaultAsyncResult<byte[]> out) {
        if (i >= sorted.size()) {
            if (sorted.isEmpty()) {
                out.set(null);
            } else {
                Recipes.relay(getAsync(), out); // all taken by others meanwhile: look again
            }
            return;
        }
        String item = Recipes.join(path, sorted.get(i));
        Recipes.onDone(Recipes.retry(client, () -> client.getAsync(item)), (nd, e) -> {
            if (e instanceof NoNodeException) {
                take(sorted, i + 1, out);
            } else if (e != null) {
                out.setException(e);
            } else {
                Recipes.onDone(client.deleteAsync(item, nd.stat().version()), (v, de) -> {
                    if (de == null) {
                        out.set(nd.data());
                    } else if (de instanceof NoNodeException) {
                        take(sorted, i + 1, out);
                    } else if (Recipes.transientError(de)) {
                        // A lost reply: if the item is still there we did not take it; if it is gone we
                        // cannot tell whether we or another consumer did, so we move on (at most once).
                        Recipes.onDone(Recipes.retry(client, () -> client.existsAsync(item)), (stat, xe) -> {
                            if (xe != null) {
                                out.setException(xe);
                            } else {
                                take(sorted, stat == null ? i + 1 : i, out);
                            }
                        });
                    } else {
                        out.setException(de);
                    }
                });
            }
        });
    }

    /** The number of items. */
    public int size() {
        Recipes.requireNotHandlerThread(client, "size()");
        return sizeAsync().get();
    }

    /** {@link #size()} without blocking. */
    public AsyncResult<Integer> sizeAsync() {
        return Recipes.map(client, ensured(() -> client.existsAsync(path), true), stat -> stat == null ? 0 : stat.numChildren());
    }

    private <T> AsyncResult<T> ensured(java.util.function.Supplier<AsyncResult<T>> op, boolean retry) {
        java.util.function.Supplier<AsyncResult<T>> run = () -> retry ? Recipes.retry(client, op) : op.get();
        if (pathEnsured) {
            return run.get();
        }
        DefaultAsyncResult<T> out = Recipes.newResult(client);
        Recipes.onDone(Recipes.retry(client, () -> client.ensurePathAsync(path)), (p, e) -> {
            if (e != null) {
                out.setException(e);
                return;
            }
            pathEnsured = true;
            Recipes.relay(run.get(), out);
        });
        return out;
    }
}
