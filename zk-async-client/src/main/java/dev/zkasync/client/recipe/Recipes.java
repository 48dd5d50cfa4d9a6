package dev.zkasync.client.recipe;

import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.handler.DefaultAsyncResult;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.exception.ConnectionClosedException;
import dev.zkasync.client.exception.ConnectionLossException;
import dev.zkasync.client.exception.KazooInterruptedException;
import dev.zkasync.client.exception.NoNodeException;
import dev.zkasync.client.exception.OperationTimeoutException;
import dev.zkasync.client.exception.RequestQueueFullException;
import dev.zkasync.client.exception.RequestTimeoutException;
import dev.zkasync.client.exception.SessionExpiredException;
import dev.zkasync.client.exception.SessionMovedException;
import dev.zkasync.client.exception.ThrottledOpException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** Small helpers the recipes share: results, timers, retries. Not API. */
final class Recipes {
    /**
     * One daemon thread for every recipe timer in the process. It only hands tasks over to the
     * owning client's handler, so no recipe code ever runs on it. (The client exposes no scheduler.)
     */
    private static final ScheduledThreadPoolExecutor TIMER;

    static {
        TIMER = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "zk-async-recipe-timer");
            t.setDaemon(true);
            return t;
        });
        TIMER.setRemoveOnCancelPolicy(true);
    }

    static final Duration MIN_BACKOFF = Duration.ofMillis(50);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    private Recipes() {
    }

    /** Runs {@code task} on the client's handler after {@code delay}; cancel the future to drop it. */
    static ScheduledFuture<?> schedule(KazooClient client, Duration delay, Runnable task) {
        long nanos = Math.max(0, delay.toNanos());
        return TIMER.schedule(() -> client.handler().dispatch(task), nanos, TimeUnit.NANOSECONDS);
    }

    static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    static <T> DefaultAsyncResult<T> newResult(KazooClient client) {
        return new DefaultAsyncResult<>(client.handler());
    }

    static <T> DefaultAsyncResult<T> completed(KazooClient client, T value) {
        DefaultAsyncResult<T> r = newResult(client);
        r.set(value);
        return r;
    }

    static <T> DefaultAsyncResult<T> failed(KazooClient client, Throwable error) {
        DefaultAsyncResult<T> r = newResult(client);
        r.setException(error);
        return r;
    }

    /** Calls {@code callback(value, error)} on the handler once {@code result} completes. */
    static <T> void onDone(AsyncResult<T> result, BiConsumer<? super T, ? super Throwable> callback) {
        result.rawlink(r -> callback.accept(r.value(), r.exception()));
    }

    /** Completes {@code to} as {@code from} completes. */
    static <T> void relay(AsyncResult<T> from, DefaultAsyncResult<T> to) {
        onDone(from, (v, e) -> {
            if (e == null) {
                to.set(v);
            } else {
                to.setException(e);
            }
        });
    }

    /** {@code from}'s value mapped by {@code fn} (on the handler); failures pass through. */
    static <T, U> AsyncResult<U> map(KazooClient client, AsyncResult<T> from, Function<? super T, ? extends U> fn) {
        DefaultAsyncResult<U> out = newResult(client);
        onDone(from, (v, e) -> {
            if (e != null) {
                out.setException(e);
                return;
            }
            try {
                out.set(fn.apply(v));
            } catch (RuntimeException ex) {
                out.setException(ex);
            }
        });
        return out;
    }

    /** Waits for all of {@code results}, in order; the first failure fails the whole. */
    static <T> AsyncResult<List<T>> all(KazooClient client, List<? extends AsyncResult<T>> results) {
        DefaultAsyncResult<List<T>> out = newResult(client);
        if (results.isEmpty()) {
            out.set(List.of());
            return out;
        }
        List<T> values = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            values.add(null);
        }
        AtomicInteger left = new AtomicInteger(results.size());
        for (int i = 0; i < results.size(); i++) {
            int index = i;
            onDone(results.get(i), (v, e) -> {
                if (e != null) {
                    out.setException(e);
                    return;
                }
                synchronized (values) {
                    values.set(index, v);
                }
                if (left.decrementAndGet() == 0) {
                    synchronized (values) {
                        out.set(new ArrayList<>(values));
                    }
                }
            });
        }
        return out;
    }

    /**
     * The data, as text, of the children of {@code path} that {@code select} keeps, in its order: the
     * identifiers of a lock's contenders or a semaphore's lease holders. A child removed meanwhile is
     * left out; a missing {@code path} gives an empty list.
     */
    static AsyncResult<List<String>> childrenData(KazooClient client, String path,
                                                  UnaryOperator<List<String>> select) {
        DefaultAsyncResult<List<String>> out = newResult(client);
        onDone(client.getChildrenAsync(path), (children, error) -> {
            if (error instanceof NoNodeException) {
                out.set(List.of());
                return;
            }
            if (error != null) {
                out.setException(error);
                return;
            }
            List<AsyncResult<String>> reads = new ArrayList<>();
            for (String child : select.apply(children)) {
                DefaultAsyncResult<String> one = newResult(client);
                onDone(client.getAsync(join(path, child)), (node, e) -> {
                    if (e instanceof NoNodeException) {
                        one.set(null); // removed meanwhile
                    } else if (e != null) {
                        one.setException(e);
                    } else {
                        one.set(string(node.data()));
                    }
                });
                reads.add(one);
            }
            onDone(all(client, reads), (data, e) -> {
                if (e != null) {
                    out.setException(e);
                } else {
                    out.set(data.stream().filter(Objects::nonNull).toList());
                }
            });
        });
        return out;
    }

    /**
     * Errors after which the same request may simply be tried again: the connection dropped, a
     * deadline passed, the server was busy, or the session expired (a new one follows). A stopped
     * client is final.
     */
    static boolean transientError(Throwable e) {
        if (e instanceof ConnectionClosedException) {
            return false;
        }
        return e instanceof ConnectionLossException
                || e instanceof OperationTimeoutException
                || e instanceof RequestTimeoutException
                || e instanceof SessionMovedException
                || e instanceof SessionExpiredException
                || e instanceof ThrottledOpException
                || e instanceof RequestQueueFullException;
    }

    /** The delay before retry number {@code attempt} (from 1): 50 ms doubling up to 2 s. */
    static Duration backoff(int attempt) {
        long ms = MIN_BACKOFF.toMillis() << Math.min(attempt - 1, 10);
        return Duration.ofMillis(Math.min(ms, MAX_BACKOFF.toMillis()));
    }

    /**
     * Runs {@code op} until it succeeds, fails with a non-{@link #transientError transient} error, or
     * has retried for the client's request timeout ({@link Budget#oneShot}); then it fails with the
     * last error. Backs off between attempts without blocking any thread.
     */
    static <T> AsyncResult<T> retry(KazooClient client, Supplier<? extends AsyncResult<T>> op) {
        return retry(client, Budget.oneShot(client), op);
    }

    /** {@link #retry(KazooClient, Supplier)} within an operation's own budget. */
    static <T> AsyncResult<T> retry(KazooClient client, Budget budget, Supplier<? extends AsyncResult<T>> op) {
        DefaultAsyncResult<T> out = newResult(client);
        attempt(client, op, out, 1, budget);
        return out;
    }

    /**
     * Retries through transient errors for as long as it takes (until the client stops): for what
     * lives across outages (watches, caches, re-joining a party) and for background clean-ups
     * nobody waits for.
     */
    static <T> AsyncResult<T> retryForever(KazooClient client, Supplier<? extends AsyncResult<T>> op) {
        DefaultAsyncResult<T> out = newResult(client);
        attempt(client, op, out, 1, null);
        return out;
    }

    private static <T> void attempt(KazooClient client, Supplier<? extends AsyncResult<T>> op,
                                    DefaultAsyncResult<T> out, int attempt, Budget budget) {
        if (out.ready()) {
            return; // the caller gave up
        }
        AsyncResult<T> r;
        try {
            r = op.get();
        } catch (RuntimeException e) {
            out.setException(e);
            return;
        }
        onDone(r, (v, e) -> {
            if (e == null) {
                out.set(v);
            } else if (budget == null ? transientError(e) : budget.retryable(e)) {
                schedule(client, backoff(attempt), () -> attempt(client, op, out, attempt + 1, budget));
            } else {
                out.setException(e);
            }
        });
    }

    /** Blocking forms must not run on the handler: what they wait for is delivered there. */
    static void requireNotHandlerThread(KazooClient client, String method) {
        if (client.handler().inHandlerThread()) {
            throw new IllegalStateException(method + " blocks, and would wait forever on the client's handler "
                    + "thread, which delivers what it waits for; use the async form from callbacks");
        }
    }

    /**
     * Waits for {@code result}; if the waiting thread is interrupted, runs {@code onInterrupt} (which
     * should cancel the operation) before rethrowing.
     */
    static <T> T await(AsyncResult<T> result, Runnable onInterrupt) {
        try {
            return result.get();
        } catch (KazooInterruptedException e) {
            onInterrupt.run();
            throw e;
        }
    }

    static String uuidHex() {
        UUID u = UUID.randomUUID();
        return String.format("%016x%016x", u.getMostSignificantBits(), u.getLeastSignificantBits());
    }

    static byte[] utf8(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }

    static String string(byte[] b) {
        return b == null ? "" : new String(b, StandardCharsets.UTF_8);
    }

    static String join(String parent, String child) {
        return parent.equals("/") ? "/" + child : parent + "/" + child;
    }

    /** Kazoo's default identifier: {@code <hostname>-<pid>}. */
    static String defaultIdentifier() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getCanonicalHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
