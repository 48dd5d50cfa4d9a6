package dev.zkasync.client.recipe;

import dev.zkasync.client.KazooClient;
import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.state.ClientId;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.client.state.KazooStateListener;
import dev.zkasync.client.state.KeeperState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A {@link Contention} whose turn is something held until released, a lock or a lease: the
 * acquire and release forms, and what happens to a hold when the session ends, written once for
 * {@link Lock} and {@link Semaphore}. Not API; its public methods are documented here for both.
 *
 * <p>A hold ends with the session that made it: {@link #isAcquired()} turns false and the
 * {@linkplain #addLostListener lost listeners} are called.
 *
 * @param <A> the subclass's attempt
 */
abstract class Acquirable<A extends Contention.Attempt<Boolean>> extends Contention<Boolean, A>
        implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Acquirable.class);

    private final KazooStateListener sessionListener = this::onState;
    private final List<Runnable> lostListeners = new CopyOnWriteArrayList<>();
    /** What it is, for messages: "lock", "semaphore". */
    private final String kind;
    /** What an acquire on an object that holds already completes with. */
    private final boolean whenAlreadyHeld;
    private volatile boolean acquired;

    // Guarded by this.
    private long heldSession;

    Acquirable(KazooClient client, String path, String kind, boolean whenAlreadyHeld) {
        super(client, path);
        this.kind = kind;
        this.whenAlreadyHeld = whenAlreadyHeld;
    }

    // ------------------------------------------------------------------ the algorithm's part

    /** A new attempt, not started. */
    abstract A newAttempt(boolean blocking, Duration timeout);

    /**
     * Called holding the monitor on release: forgets what is held and returns its removal, run
     * after the monitor is let go.
     */
    abstract Supplier<AsyncResult<Void>> detachHeld();

    /** Called holding the monitor when the hold ended with the session: forget its nodes. */
    abstract void forgetHeld();

    // ------------------------------------------------------------------ blocking forms

    /**
     * Waits as long as it takes; true once acquired (what it returns when this object holds already: see the recipe).
     *
     * @return true once acquired
     */
    public boolean acquire() {
        return block(() -> acquireAsync(true, null), "acquire()", this::cancelled);
    }

    /**
     * Waits at most {@code timeout}.
     *
     * @param timeout how long to wait at most
     * @return true once acquired (what it returns when this object holds already: see the recipe)
     * @throws LockTimeoutException if not acquired in time (what it made is removed)
     * @throws CancelledException   if {@link #cancel()} was called meanwhile
     */
    public boolean acquire(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return block(() -> acquireAsync(true, timeout), "acquire(timeout)", this::cancelled);
    }

    /**
     * Acquires only if that needs no waiting for others (nobody queues before us); never waits.
     *
     * @return true if acquired, false if it would have had to wait
     */
    public boolean tryAcquire() {
        return block(() -> acquireAsync(false, null), "tryAcquire()", this::cancelled);
    }

    /**
     * Releases; returns false if this object did not hold it.
     *
     * @return true if released, false if this object did not hold it
     */
    public boolean release() {
        Recipes.requireNotHandlerThread(client, "release()");
        return releaseAsync().get();
    }

    // ------------------------------------------------------------------ async forms

    /** {@return the outcome of {@link #acquire()}, without blocking: completes with true once acquired} */
    public AsyncResult<Boolean> acquireAsync() {
        return acquireAsync(true, null);
    }

    /**
     * {@return the outcome of {@link #acquire(Duration)}, without blocking; fails with
     * {@link LockTimeoutException} on timeout}
     *
     * @param timeout how long to wait at most
     */
    public AsyncResult<Boolean> acquireAsync(Duration timeout) {
        return acquireAsync(true, Objects.requireNonNull(timeout, "timeout"));
    }

    /** {@return the outcome of {@link #tryAcquire()}, without blocking} */
    public AsyncResult<Boolean> tryAcquireAsync() {
        return acquireAsync(false, null);
    }

    private AsyncResult<Boolean> acquireAsync(boolean blocking, Duration timeout) {
        return start(newAttempt(blocking, timeout), timeout, "an acquire of " + path + " is already pending on this "
                + kind + " object; use one object per contender");
    }

    /**
     * Cancels a pending acquire: it fails with {@link CancelledException} and what it made is
     * removed. No effect when nothing is pending (an acquire started later is not affected).
     */
    public void cancel() {
        cancelPending(cancelled());
    }

    /**
     * Releases without blocking; completes with true once the node is deleted, or at once if the
     * client is not connected (the delete then happens after the reconnect, or the session's end
     * removes the node). False if this object did not hold it.
     *
     * @return true once released, false if this object did not hold it
     */
    public AsyncResult<Boolean> releaseAsync() {
        Supplier<AsyncResult<Void>> removal;
        synchronized (this) {
            if (!acquired) {
                return Recipes.completed(client, false);
            }
            acquired = false;
            removal = detachHeld();
        }
        client.removeListener(sessionListener);
        return Recipes.map(client, removal.get(), v -> true);
    }

    /** Cancels a pending acquire and releases a hold (waiting for the release unless on the handler). */
    @Override
    public void close() {
        cancel();
        AsyncResult<Boolean> released = releaseAsync();
        if (!client.handler().inHandlerThread()) {
            released.await(Duration.ofSeconds(30));
        }
    }

    // ------------------------------------------------------------------ the hold

    /** {@return whether this object holds it now} */
    public boolean isAcquired() {
        return acquired;
    }

    /**
     * Adds a listener called (on the client's handler) when a hold is lost because the session
     * ended. Not called on {@link #release()}.
     *
     * @param listener runs on the client's handler
     */
    public void addLostListener(Runnable listener) {
        lostListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Removes a listener added with {@link #addLostListener}.
     *
     * @param listener runs on the client's handler
     */
    public void removeLostListener(Runnable listener) {
        lostListeners.remove(listener);
    }

    @Override
    final AsyncResult<Boolean> already() {
        return acquired ? Recipes.completed(client, whenAlreadyHeld) : null;
    }

    @Override
    final boolean obtained(Boolean value) {
        return Boolean.TRUE.equals(value);
    }

    @Override
    final void giveBack() {
        releaseAsync();
    }

    private CancelledException cancelled() {
        return new CancelledException("acquiring the " + kind + " " + path + " was cancelled");
    }

    /** Called holding the monitor: the hold begins, made by {@code session}. */
    final void holdLocked(long session) {
        acquired = true;
        heldSession = session;
    }

    /** Starts listening for the end of the session (a hold ends with it). */
    final void watchSession() {
        client.addListener(sessionListener);
    }

    /** Stops listening for the end of the session. */
    final void unwatchSession() {
        client.removeListener(sessionListener);
    }

    private void onState(KazooState state) {
        if (state != KazooState.LOST) {
            return;
        }
        synchronized (this) {
            ClientId id = client.clientId();
            if (!acquired || (id != null && id.sessionId() == heldSession)) {
                return; // a LOST from before the hold, delivered late: our session is alive
            }
            acquired = false;
            forgetHeld();
        }
        client.removeListener(sessionListener);
        if (client.clientState() == KeeperState.CLOSED) {
            log.debug("{} {} given up: the client stopped", getClass().getSimpleName(), path);
        } else {
            log.warn("{} {} lost: the session ended", getClass().getSimpleName(), path);
        }
        for (Runnable l : lostListeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                log.error("A lost listener of {} {} threw", getClass().getSimpleName(), path, e);
            }
        }
    }
}
