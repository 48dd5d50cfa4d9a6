package dev.zkasync.client.handler;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default handler: callbacks, watch events and state listeners run one at a time, in order, on
 * one daemon platform thread per client ({@code zk-async-callback-N}).
 */
public final class SequentialThreadingHandler extends SequentialHandler {
    private static final AtomicInteger COUNT = new AtomicInteger();
    private final int n;

    /** Creates a handler; its thread starts with {@link #start()}. */
    public SequentialThreadingHandler() {
        this(COUNT.incrementAndGet());
    }

    private SequentialThreadingHandler(int n) {
        super("sequential_threading_handler", false);
        this.n = n;
    }

    @Override
    Thread newWorker(Runnable r) {
        return daemon(new Thread(r, "zk-async-callback-" + n));
    }

    @Override
    Thread newSpawned(Runnable r) {
        return daemon(new Thread(r, "zk-async-spawn-" + n));
    }

    private static Thread daemon(Thread t) {
        t.setDaemon(true);
        return t;
    }
}
