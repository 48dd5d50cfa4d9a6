package dev.zkasync.client.handler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * One worker thread draining a queue of tasks in order. The kind of thread (platform or virtual)
 * comes from the subclass. Dispatch is lock-free: an offer, plus an unpark only when the worker is
 * parked. A handler that ends its worker when idle does so once {@link #trimIdle()} has found it
 * parked twice in a row with no task run in between; the next dispatch starts a new one. At most
 * one worker holds {@code active}, and a worker gives it up only with the queue empty, so tasks
 * still run one at a time and in order. The worker's park stays untimed: no timer per wake-up.
 */
abstract class SequentialHandler implements Handler {
    private static final Logger log = LoggerFactory.getLogger(Handler.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    /** Tasks run before end-of-burst work is let go even when more are queued, to bound its delay. */
    private static final int MAX_BURST = 128;
    private static final VarHandle ACTIVE;

    static {
        try {
            ACTIVE = MethodHandles.lookup().findVarHandle(SequentialHandler.class, "active", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    /** Whether {@link #trimIdle()} may end an idle worker. */
    private final boolean endWhenIdle;
    /** Tasks the worker has run: written by the worker only, read as a hint by {@link #trimIdle()}. */
    private int ran;
    private int ranAtLastTrim = -1;
    /** Set by {@link #trimIdle()}: the parked worker is to end if still nothing is queued. */
    private volatile boolean endRequested;
    private final Object lifecycle = new Object();

    private volatile Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private volatile Thread worker;
    /** Whether a worker thread owns the queue (started and not yet ended). */
    private volatile boolean active;
    private volatile boolean parked;
    private volatile boolean running;
    private volatile boolean terminated;
    /** The current worker's end-of-burst work; touched only by that worker. */
    private volatile ArrayList<Runnable> burstEnd = new ArrayList<>();

    SequentialHandler(String name, boolean endWhenIdle) {
        this.name = name;
        this.endWhenIdle = endWhenIdle;
    }

    /** A new, unstarted worker thread running {@code r}. */
    abstract Thread newWorker(Runnable r);

    /** A new, unstarted thread for {@link #spawn}, running {@code r}. */
    abstract Thread newSpawned(Runnable r);

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start() {
        synchronized (lifecycle) {
            if (running) {
                return;
            }
            queue = new ConcurrentLinkedQueue<>();
            burstEnd = new ArrayList<>();
            terminated = false;
            running = true;
            active = true;
            startWorker();
        }
    }

    /** Starts a worker on the current queue; the caller has just set {@code active}. */
    private void startWorker() {
        Queue<Runnable> tasks = queue;
        ArrayList<Runnable> deferred = burstEnd;
        Thread t = newWorker(() -> work(tasks, deferred));
        worker = t;
        t.start();
    }

    @Override
    public void stop() {
        Thread t;
        synchronized (lifecycle) {
            if (!running) {
                return;
            }
            running = false;
            if (ACTIVE.compareAndSet(this, false, true)) {
                startWorker(); // the idle worker had ended: one drains what is left and ends
            }
            t = worker;
        }
        if (t == null) {
            return; // the worker is ending idle; it still runs whatever was queued meanwhile
        }
        LockSupport.unpark(t);
        if (Thread.currentThread() == t) {
            return; // the worker drains what is left and ends after the current task
        }
        try {
            if (!t.join(STOP_WAIT)) {
                log.warn("{}: callbacks still running {} after stop(); leaving them to finish", name, STOP_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean running() {
        return running;
    }

    @Override
    public void dispatch(Runnable task) {
        if (!running) {
            spawn(task);
            return;
        }
        queue.offer(task);
        if (!active && ACTIVE.compareAndSet(this, false, true)) {
            startWorker();
        } else if (parked) {
            LockSupport.unpark(worker);
        }
        if (!running) {
            // Raced with stop(): the worker may already have drained its queue and ended.
            drainLate();
        }
    }

    /**
     * A task offered while the worker was ending: whoever comes last (this dispatch, or the worker's
     * final sweep after it set {@code terminated}) hands it to a thread of its own. poll() is atomic,
     * so each task still runs exactly once.
     */
    private void drainLate() {
        if (terminated) {
            spawnAll(queue);
        }
    }

    private void spawnAll(Queue<Runnable> tasks) {
        Runnable r;
        while ((r = tasks.poll()) != null) {
            spawn(r);
        }
    }

    @Override
    public Thread spawn(Runnable task) {
        Thread t = newSpawned(() -> runSafely(task));
        t.start();
        return t;
    }

    @Override
    public boolean inHandlerThread() {
        return Thread.currentThread() == worker;
    }

    @Override
    public void atEndOfBurst(Runnable task) {
        if (inHandlerThread()) {
            burstEnd.add(task);
        } else {
            task.run();
        }
    }

    @Override
    public void endBurst() {
        if (inHandlerThread()) {
            runBurstEnd(burstEnd);
        }
    }

    /** Runs the end-of-burst work; returns whether there was any. Its worker thread only. */
    private boolean runBurstEnd(ArrayList<Runnable> deferred) {
        if (deferred.isEmpty()) {
            return false;
        }
        // A task may defer more work; take the list's contents before running any.
        Runnable[] now = deferred.toArray(new Runnable[0]);
        deferred.clear();
        for (Runnable r : now) {
            runSafely(r);
        }
        return true;
    }

    private void work(Queue<Runnable> tasks, ArrayList<Runnable> deferred) {
        int burst = 0;
        while (true) {
            Runnable task = tasks.poll();
            if (task != null) {
                ran++;
                runSafely(task);
                if (++burst >= MAX_BURST) {
                    burst = 0;
                    runBurstEnd(deferred);
                }
                continue;
            }
            burst = 0;
            if (runBurstEnd(deferred)) {
                continue;
            }
            if (!running) {
                if (tasks.isEmpty()) {
                    terminated = true;
                    spawnAll(tasks); // anything offered while we were deciding to end
                    return;
                }
                continue;
            }
            parked = true;
            if (tasks.isEmpty() && running) {
                LockSupport.park(this);
                if (endRequested && end(tasks)) {
                    return;
                }
            }
            parked = false;
        }
    }

    /**
     * Ends the worker if nothing is queued; true when it has ended (a dispatch that saw it let go of
     * {@code active} starts the next worker), false when a task arrived and it keeps working.
     */
    private boolean end(Queue<Runnable> tasks) {
        endRequested = false;
        if (!tasks.isEmpty() || !running) {
            return false;
        }
        parked = false;
        worker = null; // still active: no other worker can have started; an ended thread is not kept
        active = false;
        if (tasks.isEmpty() || !ACTIVE.compareAndSet(this, false, true)) {
            return true;
        }
        worker = Thread.currentThread();
        return false;
    }

    @Override
    public void trimIdle() {
        if (!endWhenIdle || !active) {
            return;
        }
        int now = ran;
        if (parked && now == ranAtLastTrim) {
            endRequested = true;
            LockSupport.unpark(worker);
        }
        ranAtLastTrim = now;
    }

    private void runSafely(Runnable task) {
        try {
            task.run();
        } catch (Throwable t) {
            log.error("{}: a callback threw; later callbacks still run", name, t);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
