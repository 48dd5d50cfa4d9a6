package dev.zkasync.client.recipe;

import dev.zkasync.client.retry.KazooRetry;
import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.CreateOptions;
import dev.zkasync.client.handler.DefaultAsyncResult;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.path.ZkPaths;
import dev.zkasync.client.exception.NoNodeException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Kazoo's {@code Queue}: a simple distributed queue with priorities. Items are sequential
 * {@code path/entry-PPP-<seq>} nodes (priority 0 to 999, lower first; equal priorities in order of
 * arrival), the same names Kazoo uses. {@link #get()} takes the first item and deletes it, so each
 * item goes to exactly one consumer even with many competing; it does not wait (see
 * {@link LockingQueue} for a blocking, at-least-once queue). An item taken by a consumer that dies
 * before processing it is lost, as in Kazoo (the item is removed before it is processed).
 *
 * <p>Connection loss: every step is retried within the client's request timeout, then fails with
 * the last error. A get whose delete reply was lost looks again: an item still there was not taken
 * and is tried again; an item gone (or whose fate cannot be learnt before the request timeout) is
 * returned, since our delete may have been the one that took it (Kazoo moves on and the item is
 * lost; here it may instead, rarely, also reach another consumer). A put whose reply was lost is
 * tried again, so the item may be added twice (Kazoo does not retry and leaves the caller not
 * knowing); a put that fails after the request timeout may or may not have added it. So a lost
 * reply never loses an item, and a duplicate needs a lost reply.
 */
public final class Queue {
    static final int DEFAULT_PRIORITY = 100;

    private final KazooClient client;
    private final String path;
    private volatile boolean pathEnsured;

    /**
     * A producer and consumer of the queue at {@code path}.
     *
     * @param client the client the recipe uses; the caller starts and stops it
     * @param path the queue node
     */
    public Queue(KazooClient client, String path) {
        this.client = Objects.requireNonNull(client, "client");
        ZkPaths.validate(path);
        this.path = path;
    }

    /** {@return the queue node} */
    public String path() {
        return path;
    }

    /**
     * Adds {@code value} with the default priority (100).
     *
     * @param value the item
     */
    public void put(byte[] value) {
        put(value, DEFAULT_PRIORITY);
    }

    /**
     * Adds {@code value}; lower priorities come out first.
     *
     * @param value the item
     * @param priority lower is taken first
     */
    public void put(byte[] value, int priority) {
        Recipes.requireNotHandlerThread(client, "put()");
        putAsync(value, priority).get();
    }

    /**
     * {@return the outcome of {@link #put(byte[], int)}, without blocking}
     *
     * @param value the item
     * @param priority lower is taken first
     */
    public AsyncResult<Void> putAsync(byte[] value, int priority) {
        Objects.requireNonNull(value, "value");
        String prefix = Recipes.join(path, entryPrefix(priority));
        // Retried through connection loss within the request timeout: at least once (see the class doc).
        return Recipes.map(client, ensured(() -> client.createAsync(prefix, value, CreateOptions.DEFAULT.sequence())),
                p -> null);
    }

    static String entryPrefix(int priority) {
        if (priority < 0 || priority > 999) {
            throw new IllegalArgumentException("priority must be between 0 and 999, not " + priority);
        }
        return String.format("entry-%03d-", priority);
    }

    /**
     * Takes and removes the first item; null if the queue is empty.
     *
     * @return the item, or null if the queue is empty
     */
    public byte[] get() {
        Recipes.requireNotHandlerThread(client, "get()");
        return getAsync().get();
    }

    /** {@return the outcome of {@link #get()}, without blocking} */
    public AsyncResult<byte[]> getAsync() {
        DefaultAsyncResult<byte[]> out = Recipes.newResult(client);
        Recipes.onDone(ensured(() -> client.getChildrenAsync(path)), (children, e) -> {
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
                    } else if (KazooRetry.transientError(de)) {
                        // A lost reply: if the item is still there we did not take it, so try again. If it is
                        // gone (or we cannot learn it), our delete may be the one that took it; returning it
                        // risks a duplicate, skipping it risks losing it: we return it.
                        Recipes.onDone(Recipes.retry(client, () -> client.existsAsync(item)), (stat, xe) -> {
                            if (xe == null && stat != null) {
                                take(sorted, i, out);
                            } else {
                                out.set(nd.data());
                            }
                        });
                    } else {
                        out.setException(de);
                    }
                });
            }
        });
    }

    /** {@return the number of items} */
    public int size() {
        Recipes.requireNotHandlerThread(client, "size()");
        return sizeAsync().get();
    }

    /** {@return the outcome of {@link #size()}, without blocking} */
    public AsyncResult<Integer> sizeAsync() {
        return Recipes.map(client, ensured(() -> client.existsAsync(path)), stat -> stat == null ? 0 : stat.numChildren());
    }

    /** {@code op} after the queue node is known to exist, both retried within the request timeout. */
    private <T> AsyncResult<T> ensured(java.util.function.Supplier<AsyncResult<T>> op) {
        java.util.function.Supplier<AsyncResult<T>> run = () -> Recipes.retry(client, op);
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
