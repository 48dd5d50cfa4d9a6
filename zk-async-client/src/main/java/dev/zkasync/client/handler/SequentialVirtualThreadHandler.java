package dev.zkasync.client.handler;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * Callbacks, watch events and state listeners run one at a time, in order, on a virtual thread of
 * the client's. Blocking calls inside a callback (including synchronous client calls) park the
 * virtual thread instead of holding a platform thread. The thread ends once the client has found it
 * idle for a while (about 100 ms, see {@link #trimIdle()}) and the next task starts a new one, so
 * an idle client holds no thread (nor its stack).
 */
public final class SequentialVirtualThreadHandler extends SequentialHandler {
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final AtomicIntegerFieldUpdater<SequentialVirtualThreadHandler> SPAWNED =
            AtomicIntegerFieldUpdater.newUpdater(SequentialVirtualThreadHandler.class, "spawned");

    // Names are made per thread, not kept in thread factories: an idle client holds only its number.
    private final int n;
    /** Threads spawned so far, for their names. */
    private volatile int spawned;

    /** Creates a handler; its thread starts with {@link #start()}. */
    public SequentialVirtualThreadHandler() {
        this(COUNT.incrementAndGet());
    }

    private SequentialVirtualThreadHandler(int n) {
        super("sequential_virtual_thread_handler", true);
        this.n = n;
    }

    @Override
    Thread newWorker(Runnable r) {
        return Thread.ofVirtual().name("zk-async-callback-v" + n).unstarted(r);
    }

    @Override
    Thread newSpawned(Runnable r) {
        return Thread.ofVirtual().name("zk-async-spawn-v" + n + "-", SPAWNED.getAndIncrement(this)).unstarted(r);
    }
}
