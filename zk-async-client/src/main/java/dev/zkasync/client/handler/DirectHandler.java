package dev.zkasync.client.handler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opt-in: runs callbacks, watch events and state listeners at once on the thread that completes
 * them, which for replies, watch events and state changes is the client's I/O thread (the Netty
 * event loop). It saves the two thread hand-offs per reply of the sequential handlers, for
 * applications whose callbacks never block: reactive pipelines, code that only chains further
 * asynchronous calls.
 *
 * <p>Rules that come with it:
 * <ul>
 *   <li>A callback must not block. A blocking call of the client made inside one ({@code get()} or
 *       {@code await} on a pending result, a synchronous client method, the blocking form of a
 *       recipe) fails at once with an {@link IllegalStateException} that names this handler, instead
 *       of waiting forever for a reply only that thread could read.</li>
 *   <li>A callback that runs longer than the threshold given to the constructor (default
 *       {@value #DEFAULT_SLOW_CALLBACK_MILLIS} ms) is logged at WARN with its duration: while it runs,
 *       no connection served by that event loop reads or writes.</li>
 *   <li>A callback that throws is logged at ERROR; the I/O thread and later callbacks go on.</li>
 * </ul>
 *
 * <p>Order is kept: tasks dispatched on one thread run in dispatch order, and a task dispatched from
 * inside a running callback (say, a callback completing another result) runs right after that
 * callback returns, not inside it. A callback added with {@code rawlink} to a result that is already
 * complete runs on the caller's thread, under the same rules; unlike with the sequential handlers,
 * it may then run at the same time as callbacks on the I/O thread, so state shared between the two
 * needs the usual care. Tasks run whether or not the handler was started; there is no thread to
 * start or stop.
 */
public final class DirectHandler implements Handler {
    /** The default slow-callback threshold, in milliseconds. */
    public static final long DEFAULT_SLOW_CALLBACK_MILLIS = 100;

    private static final Logger log = LoggerFactory.getLogger(Handler.class);
    private static final AtomicInteger SPAWNED = new AtomicInteger();
    /** The direct callbacks running on each thread; set only on threads that ran one. */
    private static final ThreadLocal<Frame> FRAME = new ThreadLocal<>();
    /** Whether any DirectHandler was made: until then a blocking wait skips the thread check. */
    private static volatile boolean inUse;

    private final long slowNanos;
    private volatile boolean running;

    /** A direct handler that warns about callbacks running over {@value #DEFAULT_SLOW_CALLBACK_MILLIS} ms. */
    public DirectHandler() {
        this(Duration.ofMillis(DEFAULT_SLOW_CALLBACK_MILLIS));
    }

    /**
     * A direct handler that warns about callbacks running longer than {@code slowCallbackThreshold};
     * {@link Duration#ZERO} turns the warning (and the two clock reads per callback it costs) off.
     *
     * @param slowCallbackThreshold callbacks that run longer are logged at WARN; {@link Duration#ZERO} turns the
     *         warning off
     * @throws IllegalArgumentException if the threshold is negative
     */
    public DirectHandler(Duration slowCallbackThreshold) {
        Objects.requireNonNull(slowCallbackThreshold, "slowCallbackThreshold");
        if (slowCallbackThreshold.isNegative()) {
            throw new IllegalArgumentException("slowCallbackThreshold must not be negative: " + slowCallbackThreshold);
        }
        this.slowNanos = slowCallbackThreshold.toNanos();
        inUse = true;
    }

    /** {@return the slow-callback threshold; {@link Duration#ZERO} when the warning is off} */
    public Duration slowCallbackThreshold() {
        return Duration.ofNanos(slowNanos);
    }

    @Override
    public String name() {
        return "direct_handler";
    }

    @Override
    public void start() {
        running = true;
    }

    /** Nothing to wait for: every task ran on the thread that dispatched it. */
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
        Frame frame = FRAME.get();
        if (frame == null) {
            frame = new Frame();
            FRAME.set(frame);
        } else if (frame.current != null) {
            frame.defer(this, task);
            return;
        }
        frame.current = this;
        try {
            run(task);
            frame.runDeferred();
        } finally {
            frame.current = null;
        }
    }

    private void run(Runnable task) {
        if (slowNanos == 0) {
            runSafely(task);
            return;
        }
        long start = System.nanoTime();
        runSafely(task);
        long took = System.nanoTime() - start;
        if (took > slowNanos) {
            log.warn("{}: a callback ran for {} ms on {} (threshold {} ms); with this handler callbacks run on the "
                            + "I/O thread, and no connection it serves reads or writes meanwhile",
                    name(), TimeUnit.NANOSECONDS.toMillis(took), Thread.currentThread().getName(),
                    TimeUnit.NANOSECONDS.toMillis(slowNanos));
        }
    }

    private void runSafely(Runnable task) {
        try {
            task.run();
        } catch (Throwable t) {
            log.error("{}: a callback threw on {}; later callbacks still run", name(), Thread.currentThread().getName(), t);
        }
    }

    /** Runs {@code task} on a new daemon platform thread. */
    @Override
    public Thread spawn(Runnable task) {
        Thread t = new Thread(() -> runSafely(task), "zk-async-direct-spawn-" + SPAWNED.incrementAndGet());
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Whether the calling thread is running a callback of this handler right now. */
    @Override
    public boolean inHandlerThread() {
        Frame frame = FRAME.get();
        return frame != null && frame.current == this;
    }

    /**
     * Throws if the calling thread is running a callback of any {@code DirectHandler}, where blocking
     * would hold up the I/O thread (or wait forever for a reply it has to read). The client calls it
     * before every blocking wait; code that builds blocking calls of its own on the client may too.
     *
     * @param call what was about to block, for the message, e.g. {@code "AsyncResult.get()"}
     * @throws IllegalStateException if the caller is inside a direct callback
     */
    public static void requireBlockingAllowed(String call) {
        if (!inUse) {
            return;
        }
        Frame frame = FRAME.get();
        if (frame != null && frame.current != null) {
            throw new IllegalStateException(call + " would block inside a callback of " + frame.current.name()
                    + " on thread " + Thread.currentThread().getName() + ": that handler runs callbacks on the client's "
                    + "I/O thread, which must read the reply this call would wait for. Chain on the ...Async form "
                    + "instead, or use a handler with a thread of its own (sequential_threading_handler)");
        }
    }

    @Override
    public String toString() {
        return name();
    }

    /** One thread's running direct callback, and what was dispatched while it ran. */
    private static final class Frame {
        DirectHandler current;
        /** Pairs of handler and task, made on the first nested dispatch. */
        private ArrayDeque<Object> deferred;

        void defer(DirectHandler handler, Runnable task) {
            if (deferred == null) {
                deferred = new ArrayDeque<>();
            }
            deferred.add(handler);
            deferred.add(task);
        }

        void runDeferred() {
            if (deferred == null) {
                return;
            }
            Object next;
            while ((next = deferred.poll()) != null) {
                DirectHandler handler = (DirectHandler) next;
                Runnable task = (Runnable) deferred.poll();
                current = handler;
                handler.run(task);
            }
        }
    }
}
