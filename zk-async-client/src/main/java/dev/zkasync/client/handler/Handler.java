package dev.zkasync.client.handler;

/**
 * Where user code runs: result callbacks, {@code CompletionStage} continuations, watch events and
 * state listeners. The client hands every piece of user code to the handler, in the order the events
 * happened on the wire. The sequential handlers run it on a thread of their own, never on the I/O
 * thread; the opt-in {@link DirectHandler} runs it on the I/O thread itself.
 *
 * <p>Kazoo calls this an {@code IHandler}. Implementations must run dispatched tasks one at a time
 * and in dispatch order (the {@link DirectHandler}: per dispatching thread), and must keep running
 * later tasks when one throws.
 */
public interface Handler {

    /** {@return a short name for logs, such as {@code sequential_threading_handler}} */
    String name();

    /** Starts the handler's thread(s). Idempotent. */
    void start();

    /**
     * Runs the tasks already dispatched, then stops. Waits a bounded time for them, and does not wait
     * at all when called from the handler's own thread (a callback that stops the client).
     */
    void stop();

    /** {@return whether {@link #start()} was called and {@link #stop()} was not} */
    boolean running();

    /**
     * Runs {@code task} after every task dispatched before it. When the handler is not running the
     * task still runs, on a thread of its own, so late callbacks are never lost.
     *
     * @param task the task; it must not throw
     */
    void dispatch(Runnable task);

    /**
     * Runs {@code task} on a new thread of this handler's kind (platform or virtual).
     *
     * @param task the task; it must not throw
     * @return the started thread
     */
    Thread spawn(Runnable task);

    /** {@return whether the calling thread is the one that runs dispatched tasks} */
    boolean inHandlerThread();

    /**
     * Called on the handler's thread: runs {@code task} there once the current burst of tasks has
     * run, before the handler waits for more (or after a bounded number of tasks). The client uses
     * it to send the requests a burst of callbacks made with one wake-up of its I/O thread instead
     * of one per request. The default runs {@code task} at once.
     *
     * @param task the task; it must not throw
     */
    default void atEndOfBurst(Runnable task) {
        task.run();
    }

    /**
     * Runs now what {@link #atEndOfBurst} deferred, if the caller is the handler's thread. Anything
     * about to block the handler's thread calls it first, so that it never waits on work of its own
     * that has not been let go yet.
     */
    default void endBurst() {
    }

    /**
     * Called by the client every 100 ms or so while it runs, from its I/O thread: a handler may let
     * go of what it holds while it has nothing to run (the virtual-thread handler ends its thread
     * once two calls in a row found it idle). Must not block. The default does nothing.
     */
    default void trimIdle() {
    }
}
