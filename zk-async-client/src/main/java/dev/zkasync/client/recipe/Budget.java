package dev.zkasync.client.recipe;

import dev.zkasync.client.KazooClient;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.client.state.KazooStateListener;
import dev.zkasync.client.exception.ConnectionLossException;
import dev.zkasync.client.exception.KazooException;
import dev.zkasync.client.retry.AsyncRetry;
import dev.zkasync.client.retry.KazooRetry;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * How long one recipe operation may go on failing before it gives up: the client's request
 * timeout. Not API.
 *
 * <p>A transient error ({@link KazooRetry#transientError}) is retried only while less than the limit
 * has passed since the operation last made progress. A one-shot operation (a read, a join, a
 * {@code tryAcquire}) never makes progress in this sense, so its retries end the limit after it
 * started. A waiting operation (an acquire, a blocking get) calls {@link #progress()} on every
 * successful reply, so it may wait for as long as it likes while the server answers; it also
 * {@linkplain #guard guards} against outages that leave it with nothing to retry (it waits on a
 * watch): when the client stays disconnected for the limit, the operation fails with
 * {@link ConnectionLossException}. Either way a recipe operation completes within about the limit
 * (plus one request deadline) of losing the server.
 */
final class Budget implements AsyncRetry.Plan {
    private final KazooClient client;
    private final long limitNanos;
    private final boolean waiting;
    private volatile long since = System.nanoTime();

    // Guarded by this.
    private KazooStateListener listener;
    private Future<?> outage;
    private boolean closed;

    private Budget(KazooClient client, boolean waiting) {
        this.client = client;
        this.limitNanos = limit(client).toNanos();
        this.waiting = waiting;
    }

    /** The budget of an operation that does not wait for others: it ends the limit after now. */
    static Budget oneShot(KazooClient client) {
        return new Budget(client, false);
    }

    /** The budget of an operation that may wait: renewed by {@link #progress()}. */
    static Budget waiting(KazooClient client) {
        return new Budget(client, true);
    }

    /** The limit: the client's request timeout (a view made by {@code withRequestTimeout} sets its own). */
    static Duration limit(KazooClient client) {
        return client.requestTimeout();
    }

    /** A successful reply: a waiting operation's budget starts again. No effect on a one-shot budget. */
    void progress() {
        if (waiting) {
            since = System.nanoTime();
        }
    }

    /** Whether {@code error} may be retried: it is transient and the budget is not spent. */
    boolean retryable(Throwable error) {
        return KazooRetry.transientError(error) && System.nanoTime() - since < limitNanos;
    }

    /** As the plan of a retry: {@link Recipes#backoff} while the error is {@link #retryable}. */
    @Override
    public long delayNanos(Throwable error, int attempt) {
        return retryable(error) ? Recipes.backoff(attempt).toNanos() : -1;
    }

    /**
     * Watches the connection until {@link #close()}: if the client is (or becomes) disconnected
     * and stays so for the limit, {@code onOutage} is called (on the handler) with a
     * {@link ConnectionLossException}. A reconnect counts as progress.
     */
    void guard(String path, Consumer<? super KazooException> onOutage) {
        KazooStateListener l = state -> {
            if (state == KazooState.CONNECTED) {
                progress();
                disarm();
            } else {
                arm(path, onOutage);
            }
        };
        synchronized (this) {
            if (closed || listener != null) {
                return;
            }
            listener = l;
        }
        client.addListener(l);
        if (!client.connected()) {
            arm(path, onOutage);
        }
    }

    private void arm(String path, Consumer<? super KazooException> onOutage) {
        synchronized (this) {
            if (closed || outage != null) {
                return;
            }
            Duration limit = Duration.ofNanos(limitNanos);
            outage = client.schedule(limit, () -> {
                synchronized (this) {
                    outage = null;
                    if (closed) {
                        return;
                    }
                }
                if (!client.connected()) {
                    onOutage.accept(new ConnectionLossException(path, "no connection to ZooKeeper for " + limit
                            + " (the client's request timeout)", null));
                }
            });
        }
    }

    private synchronized void disarm() {
        Recipes.cancel(outage);
        outage = null;
    }

    /** Stops guarding; call when the operation ends. */
    void close() {
        KazooStateListener l;
        synchronized (this) {
            closed = true;
            Recipes.cancel(outage);
            outage = null;
            l = listener;
            listener = null;
        }
        if (l != null) {
            client.removeListener(l);
        }
    }
}
