package dev.zkasync.client.recipe;

import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.data.NodeData;
import dev.zkasync.client.handler.DefaultAsyncResult;
import dev.zkasync.client.handler.RequestWindow;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.exception.KazooInterruptedException;
import dev.zkasync.client.exception.NoNodeException;
import dev.zkasync.client.retry.AsyncRetry;
import dev.zkasync.client.retry.KazooRetry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** Small helpers the recipes share: results, the client's timer, retries. Not API. */
final class Recipes {
    static final Duration MIN_BACKOFF = Duration.ofMillis(50);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(2);
    /** Transient errors retried with {@link #backoff} for as long as it takes. */
    private static final AsyncRetry.Plan FOREVER =
            (error, attempt) -> KazooRetry.transientError(error) ? backoff(attempt).toNanos() : -1;

    private Recipes() {
    }

    static void cancel(Future<?> timer) {
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
            relay(childTexts(client, path, select.apply(children), false), out);
        });
        return out;
    }

    /**
     * The data, as text, of {@code children} of {@code path}, in their order, leaving out those
     * removed meanwhile. At most {@link RequestWindow#DEFAULT_LIMIT} reads are in flight, so a
     * node with 100,000 children does not fill the client's queue. With {@code retry}, each read is
     * retried through transient errors within the client's request timeout.
     */
    static AsyncResult<List<String>> childTexts(KazooClient client, String path, List<String> children,
                                                boolean retry) {
        RequestWindow window = new RequestWindow(RequestWindow.DEFAULT_LIMIT);
        List<AsyncResult<String>> reads = new ArrayList<>(children.size());
        for (String child : children) {
            Supplier<AsyncResult<NodeData>> read = () -> client.getAsync(join(path, child));
            Supplier<AsyncResult<NodeData>> request = retry ? () -> retry(client, read) : read;
            DefaultAsyncResult<NodeData> sent = newResult(client);
            window.send(request, sent);
            DefaultAsyncResult<String> one = newResult(client);
            onDone(sent, (node, e) -> {
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
        return map(client, all(client, reads), data -> data.stream().filter(Objects::nonNull).toList());
    }

    /** The delay before retry number {@code attempt} (from 1): 50 ms doubling up to 2 s. */
    static Duration backoff(int attempt) {
        long ms = MIN_BACKOFF.toMillis() << Math.min(attempt - 1, 10);
        return Duration.ofMillis(Math.min(ms, MAX_BACKOFF.toMillis()));
    }

    /**
     * Runs {@code op} until it succeeds, fails with a non-{@linkplain KazooRetry#transientError
     * transient} error, or has retried for the client's request timeout ({@link Budget#oneShot});
     * then it fails with the last error. Backs off between attempts without blocking any thread.
     */
    static <T> AsyncResult<T> retry(KazooClient client, Supplier<? extends AsyncResult<T>> op) {
        return retry(client, Budget.oneShot(client), op);
    }

    /** {@link #retry(KazooClient, Supplier)} within an operation's own budget. */
    static <T> AsyncResult<T> retry(KazooClient client, Budget budget, Supplier<? extends AsyncResult<T>> op) {
        return AsyncRetry.run(client.handler(), client::schedule, budget, op);
    }

    /**
     * Retries through transient errors for as long as it takes (until the client stops): for what
     * lives across outages (watches, caches, re-joining a party) and for background clean-ups
     * nobody waits for.
     */
    static <T> AsyncResult<T> retryForever(KazooClient client, Supplier<? extends AsyncResult<T>> op) {
        return AsyncRetry.run(client.handler(), client::schedule, FOREVER, op);
    }

    /** Blocking forms must not run on the handler: what they wait for is delivered there. */
    static void requireNotHandlerThread(KazooClient client, String method) {
        if (client.handler().inHandlerThread()) {
            throw new IllegalStateException(method + " blocks, and would wait forever on the thread of the client's "
                    + "handler (" + client.handler().name() + "), which delivers what it waits for; use the async form "
                    + "from callbacks");
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
