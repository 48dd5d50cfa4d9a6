package dev.zkasync.benchmarks.clients;

import dev.zkasync.client.handler.Handler;

/**
 * Experiment only: runs every dispatched task on the dispatching thread, which for replies is the
 * client's I/O thread. It breaks the client's rule that user code never runs there, and exists to
 * measure what that rule costs in CPU per operation. Unlike the client's own handlers it runs tasks
 * at once whether or not it was started.
 */
public final class InlineHandler implements Handler {
    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private volatile boolean running;

    @Override
    public String name() {
        return "inline_handler";
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean running() {
        return running;
    }

    @Override
    public void dispatch(Runnable task) {
        boolean outer = !INSIDE.get();
        INSIDE.set(Boolean.TRUE);
        try {
            task.run();
        } catch (RuntimeException e) {
            // Like the sequential handlers: said, and not thrown into the client's read path.
            System.err.println("inline_handler: a callback threw; later callbacks still run");
            e.printStackTrace();
        } finally {
            if (outer) {
                INSIDE.set(Boolean.FALSE);
            }
        }
    }

    @Override
    public Thread spawn(Runnable task) {
        return Thread.ofPlatform().start(task);
    }

    @Override
    public boolean inHandlerThread() {
        return INSIDE.get();
    }
}
