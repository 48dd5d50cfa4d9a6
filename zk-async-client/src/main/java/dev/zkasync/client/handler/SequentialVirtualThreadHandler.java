package dev.zkasync.client.handler;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Callbacks, watch events and state listeners run one at a time, in order, on a virtual thread of
 * the client's. Blocking calls inside a callback (including synchronous client calls) park the
 * virtual thread instead of holding a platform thread. The thread ends after 100 ms without work
 * and the next task starts a new one, so an idle client holds no thread (nor its stack).
 */
public final class SequentialVirtualThreadHandler extends SequentialHandler {
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** Creates a handler; its thread starts with {@link #start()}. */
    public SequentialVirtualThreadHandler() {
        this(IDLE_NANOS);
    }

    /** A handler whose thread ends after {@code idleNanos} without work (tests use a long time). */
    SequentialVirtualThreadHandler(long idleNanos) {
        this(COUNT.incrementAndGet(), idleNanos);
    }

    private SequentialVirtualThreadHandler(int n, long idleNanos) {
        super("sequential_virtual_thread_handler",
                Thread.ofVirtual().name("zk-async-callback-v" + n).factory(),
                Thread.ofVirtual().name("zk-async-spawn-v" + n + "-", 0).factory(), idleNanos);
    }
}
