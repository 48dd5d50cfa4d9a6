package dev.zkasync.client;

import dev.zkasync.client.handler.DefaultAsyncResult;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Lets at most {@code limit} requests of one walk over the tree be in flight; the others wait here in
 * order. A walk that fans out (a node with 100,000 children) would otherwise fill the client's request
 * queue at once. Completions arrive on any thread; a request that fails at once (a closed client)
 * completes on the caller's thread, so the waiting ones are started in a loop, never by recursion.
 */
final class RequestWindow {
    private final int limit;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int inFlight;
    /** Calls into {@link #pump()} not yet served; only the first caller runs the loop. */
    private final AtomicInteger pumps = new AtomicInteger();

    RequestWindow(int limit) {
        this.limit = limit;
    }

    /** Sends {@code request} when a place is free; {@code out} gets its outcome. */
    <T> void send(Supplier<DefaultAsyncResult<T>> request, DefaultAsyncResult<T> out) {
        Runnable start = () -> request.get().onComplete((value, error) -> {
            release();
            if (error == null) {
                out.set(value);
            } else {
                out.setException(error);
            }
        });
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
