package dev.zkasync.client.handler;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Callbacks, watch events and state listeners run one at a time, in order, on a virtual thread of
 * the client's. Blocking calls inside a callback (including synchronous client calls) park the
 * virtual thread instead of holding a platform thread. The thread ends once the client has found it
 * idle for a while (about 100 ms, see {@link #trimIdle()}) and the next task starts a new one, so
 * an idle client holds no thread (nor its stack).
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
                Thread.ofVirtual().name("zk-async-spawn-v" + n + "-", 0).factory(), true);
    }
}
