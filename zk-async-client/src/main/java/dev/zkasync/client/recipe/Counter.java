package dev.zkasync.client.recipe;

import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.handler.DefaultAsyncResult;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.data.NodeData;
import dev.zkasync.client.path.ZkPaths;
import dev.zkasync.client.exception.BadVersionException;
import dev.zkasync.client.exception.ConnectionLossException;
import dev.zkasync.client.exception.NoNodeException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Kazoo's {@code Counter}: a shared number changed by compare-and-set, so no concurrent change is
 * lost.
 *
 * <pre>{@code
 * Counter counter = recipes.counter("/counters/jobs");
 * counter.add(1);
 * long now = counter.postValue();     // the value this object's change produced
 * }</pre>
 *
 * <p>The node holds the number as ASCII decimal text, as Kazoo writes it ({@code repr(int)}), or,
 * with {@code curatorFormat}, as a 4-byte big-endian int, as Curator's {@code SharedCount} does
 * (values must then fit in an {@code int}). An empty node reads as the default value.
 *
 * <p>A change reads the value and its version, writes the new value at that version, and starts
 * over when another client got there first. If the connection drops while the write is in flight,
 * the counter re-reads: a node at exactly the version and value our write would have made counts as
 * our write; otherwise it tries again.
 */
public final class Counter {
    private final KazooClient client;
    private final String path;
    private final long defaultValue;
    private final boolean curatorFormat;

    // Guarded by this.
    private boolean pathEnsured;
    private Long preValue;
    private Long postValue;

    /**
     * A counter in Kazoo's text form, 0 by default.
     *
     * @param client the client the recipe uses; the caller starts and stops it
     * @param path the counter node
     */
    public Counter(KazooClient client, String path) {
        this(client, path, 0, false);
    }

    /**
     * A counter.
     *
     * @param client the client the recipe uses; the caller starts and stops it
     * @param path the counter node
     * @param defaultValue  the value of an empty node
     * @param curatorFormat store a 4-byte int as Curator's {@code SharedCount} instead of Kazoo's text
     */
    public Counter(KazooClient client, String path, long defaultValue, boolean curatorFormat) {
        this.client = Objects.requireNonNull(client, "client");
        ZkPaths.validate(path);
        this.path = path;
        if (curatorFormat) {
            Math.toIntExact(defaultValue);
        }
        this.defaultValue = defaultValue;
        this.curatorFormat = curatorFormat;
    }

    /** {@return the counter node} */
    public String path() {
        return path;
    }

    /** {@return the current value (the node is created if missing)} */
    public long value() {
        Recipes.requireNotHandlerThread(client, "value()");
        return valueAsync().get();
    }

    /** {@return the outcome of {@link #value()}, without blocking} */
    public AsyncResult<Long> valueAsync() {
        return Recipes.map(client, read(), v -> v.value);
    }

    /**
     * Adds {@code delta}; {@link #preValue()} and {@link #postValue()} tell what it did.
     *
     * @param delta the amount to add; negative subtracts
     * @return this counter
     */
    public Counter add(long delta) {
        Recipes.requireNotHandlerThread(client, "add()");
        addAsync(delta).get();
        return this;
    }

    /**
     * Subtracts {@code delta}; see {@link #add(long)}.
     *
     * @param delta the amount to subtract
     * @return this counter
     */
    public Counter subtract(long delta) {
        return add(Math.negateExact(delta));
    }

    /**
     * Adds {@code delta} without blocking; completes with the value after the change.
     *
     * @param delta the amount to add; negative subtracts
     * @return the value after the change
     */
    public AsyncResult<Long> addAsync(long delta) {
        DefaultAsyncResult<Long> out = Recipes.newResult(client);
        change(delta, out, 1, Budget.oneShot(client));
        return out;
    }

    /** {@return the value before this object's last change, or null before any} */
    public synchronized Long preValue() {
        return preValue;
    }

    /** {@return the value this object's last change produced, or null before any (or after a failed one)} */
    public synchronized Long postValue() {
        return postValue;
    }

    private record Versioned(long value, int version) {
    }

    private AsyncResult<Versioned> read() {
        boolean ensured;
        synchronized (this) {
            ensured = pathEnsured;
        }
        DefaultAsyncResult<Versioned> out = Recipes.newResult(client);
        AsyncResult<String> ready = ensured ? Recipes.completed(client, path) : client.ensurePathAsync(path);
        Recipes.onDone(ready, (p, e) -> {
            if (e != null) {
                out.setException(e);
                return;
            }
            synchronized (this) {
                pathEnsured = true;
            }
            Recipes.onDone(client.getAsync(path), (nd, ge) -> {
                if (ge instanceof NoNodeException) {
                    synchronized (this) {
                        pathEnsured = false; // deleted meanwhile
                    }
                }
                if (ge != null) {
                    out.setException(ge);
                    return;
                }
                try {
                    out.set(new Versioned(decode(nd), nd.stat().version()));
                } catch (RuntimeException de) {
                    out.setException(de);
                }
            });
        });
        return out;
    }

    private void change(long delta, DefaultAsyncResult<Long> out, int attempt, Budget budget) {
        Recipes.onDone(read(), (current, e) -> {
            if (e != null) {
                retryOrFail(delta, out, attempt, e, budget);
                return;
            }
            long post;
            byte[] data;
            try {
                post = Math.addExact(current.value, delta);
                data = encode(post);
            } catch (ArithmeticException ae) {
                out.setException(ae);
                return;
            }
            Recipes.onDone(client.setAsync(path, data, current.version), (stat, se) -> {
                if (se == null) {
                    done(current.value, post, out);
                } else if (se instanceof BadVersionException) {
                    change(delta, out, attempt + 1, budget); // someone else changed it first
                } else if (se instanceof ConnectionLossException) {
                    checkLostWrite(delta, current, post, out, attempt, se, budget);
                } else {
                    retryOrFail(delta, out, attempt, se, budget);
                }
            });
        });
    }

    /** Our write's reply was lost: did it apply? */
    private void checkLostWrite(long delta, Versioned before, long post, DefaultAsyncResult<Long> out, int attempt,
                                Throwable cause, Budget budget) {
        Recipes.onDone(read(), (now, e) -> {
            if (e != null) {
                if (budget.retryable(e)) {
                    client.schedule(Recipes.backoff(attempt),
                            () -> checkLostWrite(delta, before, post, out, attempt + 1, cause, budget));
                } else {
                    out.setException(e);
                }
            } else if (now.version == before.version + 1 && now.value == post) {
                done(before.value, post, out);
            } else {
                change(delta, out, attempt + 1, budget);
            }
        });
    }

    private void retryOrFail(long delta, DefaultAsyncResult<Long> out, int attempt, Throwable e, Budget budget) {
        if (budget.retryable(e)) {
            client.schedule(Recipes.backoff(attempt), () -> change(delta, out, attempt + 1, budget));
        } else {
            synchronized (this) {
                postValue = null;
            }
            out.setException(e);
        }
    }

    private void done(long pre, long post, DefaultAsyncResult<Long> out) {
        synchronized (this) {
            preValue = pre;
            postValue = post;
        }
        out.set(post);
    }

    private long decode(NodeData nd) {
        byte[] b = nd.data();
        if (b == null || b.length == 0) {
            return defaultValue;
        }
        if (curatorFormat) {
            if (b.length != 4) {
                throw new IllegalStateException("counter " + path + " holds " + b.length
                        + " bytes, not Curator's 4-byte int");
            }
            return ByteBuffer.wrap(b).getInt();
        }
        String text = new String(b, StandardCharsets.US_ASCII).trim();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            double d = Double.parseDouble(text); // Kazoo's repr of a float, e.g. "3.0"
            if (d != Math.rint(d)) {
                throw new IllegalStateException("counter " + path + " holds the non-integral " + text);
            }
            return (long) d;
        }
    }

    private byte[] encode(long value) {
        if (curatorFormat) {
            return ByteBuffer.allocate(4).putInt(Math.toIntExact(value)).array();
        }
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "Counter[" + path + (curatorFormat ? ", curator format" : "") + "]";
    }
}
