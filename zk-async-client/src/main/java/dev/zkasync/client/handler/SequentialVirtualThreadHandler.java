package dev.zkasync.client.handler;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Callbacks, watch events and state listeners run one at a time, in order, on one virtual thread
 * per client. Blocking calls inside a callback (including synchronous client calls) park the
 * virtual thread instead of holding a platform thread.
 */
public final class SequentialVirtualThreadHandler extends SequentialHandler {
    private static final AtomicInteger COUNT = new AtomicInteger();

    /** Creates a handler; its thread starts with {@link #start()}. */
    public SequentialVirtualThreadHandler() {
        this(COUNT.incrementAndGet());
    }

    private SequentialVirtualThreadHandler(int n) {
        super("sequential_virtual_thread_handler",
                Thread.ofVirtual().name("zk-async-callback-v" + n).factory(),
                Thread.ofVirtual().name("zk-async-spawn-v" + n + "-", 0).factory());
    }
}
