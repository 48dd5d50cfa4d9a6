package dev.zkasync.client.handler;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Keeps at most {@code limit} requests of one fan-out in flight; the others wait here, in order,
 * and start as earlier ones complete. A walk over a tree or a cache loading a node with 100,000
 * children would otherwise fill the client's request queue at once and fail with
 * {@code RequestQueueFullException}. The recursive delete, the tree caches' loads and the recipes
 * that read many children use one.
 *
 * <pre>{@code
 * RequestWindow window = new RequestWindow(RequestWindow.DEFAULT_LIMIT);
 * for (String child : children) {
 *     DefaultAsyncResult<NodeData> read = client.newResult();
 *     window.send(() -> client.getAsync(parent + "/" + child), read);
 *     read.onComplete((data, error) -> ...);
 * }
 * }</pre>
 *
 * <p>Thread-safe: completions may arrive on any thread. A request that fails at once (a closed
 * client) completes on the caller's thread, so waiting requests are started in a loop, never by
 * recursion. Requests are started in the order they were given; a request's own deadline starts
 * when it is sent, not while it waits here.
 */
public final class RequestWindow {
    /**
     * A window that keeps a connection busy (replies stream back while more requests go out) and
     * stays far below the client's default queue bound.
     */
    public static final int DEFAULT_LIMIT = 64;

    private final int limit;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int inFlight;
    /** Calls into {@link #pump()} not yet served; only the first caller runs the loop. */
    private final AtomicInteger pumps = new AtomicInteger();

    /**
     * Creates a window.
     *
     * @param limit the most requests in flight at once, at least 1
     * @throws IllegalArgumentException if {@code limit} is below 1
     */
    public RequestWindow(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a request window needs a limit of at least 1, not " + limit);
        }
        this.limit = limit;
    }

    /**
     * Returns the most requests this window keeps in flight.
     *
     * @return the limit given to the constructor
     */
    public int limit() {
        return limit;
    }

    /**
     * Returns the requests sent and not yet complete.
     *
     * @return a number between 0 and {@link #limit()}
     */
    public synchronized int inFlight() {
        return inFlight;
    }

    /**
     * Sends {@code request} when a place is free; {@code out} gets its outcome. The supplier runs
     * once, on whichever thread frees the place (or the caller's, when one is free at once).
     *
     * @param request starts the request and returns its result; it must not throw
     * @param out     completed with the request's value or failure
     * @param <T>     the request's value type
     */
    public <T> void send(Supplier<? extends AsyncResult<T>> request, DefaultAsyncResult<T> out) {
        Runnable start = () -> {
            AsyncResult<T> sent = request.get();
            BiConsumer<T, Throwable> done = (value, error) -> {
                release();
                if (error == null) {
                    out.set(value);
                } else {
                    out.setException(error);
                }
            };
            if (sent instanceof DefaultAsyncResult<T> direct) {
                direct.onComplete(done); // on the completing thread: no hop through the handler
            } else {
                sent.rawlink(r -> done.accept(r.value(), r.exception()));
            }
        };
        synchronized (this) {
            waiting.add(start);
        }
        pump();
    }

    private void release() {
        synchronized (this) {
            inFlight--;
        }
        pump();
    }

    private void pump() {
        if (pumps.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            Runnable next;
            while ((next = take()) != null) {
                next.run();
            }
            missed = pumps.addAndGet(-missed);
        } while (missed != 0);
    }

    private synchronized Runnable take() {
        if (inFlight >= limit || waiting.isEmpty()) {
            return null;
        }
        inFlight++;
        return waiting.poll();
    }
}
