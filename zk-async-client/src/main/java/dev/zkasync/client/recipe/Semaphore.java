package dev.zkasync.client.recipe;

import dev.zkasync.client.retry.KazooRetry;
import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.state.ClientId;
import dev.zkasync.client.CreateOptions;
import dev.zkasync.client.handler.DefaultAsyncResult;
import dev.zkasync.client.watch.EventType;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.client.state.KazooStateListener;
import dev.zkasync.client.watch.WatchedEvent;
import dev.zkasync.client.watch.Watcher;
import dev.zkasync.client.watch.WatcherType;
import dev.zkasync.client.path.ZkPaths;
import dev.zkasync.client.exception.BadVersionException;
import dev.zkasync.client.exception.ConnectionLossException;
import dev.zkasync.client.exception.NoNodeException;
import dev.zkasync.client.exception.NodeExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

/**
 * Kazoo's {@code Semaphore}: at most {@code maxLeases} holders at a time.
 *
 * <pre>{@code
 * Semaphore sem = client.semaphore("/semaphores/db", "worker-1", 3);
 * try (sem) {
 *     sem.acquire(Duration.ofSeconds(10));
 *     ...
 * }
 * }</pre>
 *
 * <p>Layout, as Kazoo's: {@code path}'s data is {@code maxLeases} in ASCII (an acquire with another
 * value fails with {@code IllegalArgumentException}); each lease is an ephemeral
 * {@code path/<uuid hex>} holding the identifier; acquirers queue on a {@link Lock} at
 * {@code path + "-__lock__"}, and only its holder watches the leases, so waiters are served in order.
 *
 * <p>A lease is granted only while the session that created its node is the client's current one
 * (the create's stat names the owner); if the session ended between the create and the grant, the
 * node went with it and the acquire starts over from the queue lock. A create whose reply was lost
 * is found again by its unique name. A session loss while waiting starts the acquire over; while
 * holding, it ends the lease
 * ({@link #isAcquired()} turns false and the {@linkplain #addLostListener lost listeners} are
 * called). A timed-out or cancelled acquire leaves no node behind. One {@code Semaphore} object is
 * one would-be holder; blocking methods must not run on the client's handler thread.
 */
public final class Semaphore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Semaphore.class);

    private final KazooClient client;
    private final String path;
    private final byte[] data;
    private final int maxLeases;
    private final Lock mutex;
    private final Watcher leaseWatcher = this::onLeaseEvent;
    private final KazooStateListener sessionListener = this::onState;
    private final List<Runnable> lostListeners = new CopyOnWriteArrayList<>();

    // Guarded by this.
    private Attempt attempt;
    private String heldLease;
    private long heldSession;
    private volatile boolean acquired;

    /** A would-be lease holder of the semaphore at {@code path} with {@code maxLeases} leases. */
    public Semaphore(KazooClient client, String path, String identifier, int maxLeases) {
        this.client = Objects.requireNonNull(client, "client");
        ZkPaths.validate(path);
        if (maxLeases < 1) {
            throw new IllegalArgumentException("maxLeases must be at least 1, not " + maxLeases);
        }
        this.path = path;
        this.data = Recipes.utf8(identifier);
        this.maxLeases = maxLeases;
        this.mutex = new Lock(client, path + "-" + Lock.LOCK_NAME, identifier);
        mutex.addLostListener(this::onMutexLost);
    }

    /** The semaphore node. */
    public String path() {
        return path;
    }

    /** How many leases the semaphore has. */
    public int maxLeases() {
        return maxLeases;
    }

    /** Whether this object holds a lease now. */
    public boolean isAcquired() {
        return acquired;
    }

    /** Called (on the handler) when a held lease ends with the session. */
    public void addLostListener(Runnable listener) {
        lostListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a listener added with {@link #addLostListener}. */
    public void removeLostListener(Runnable listener) {
        lostListeners.remove(listener);
    }

    /** Waits for a lease as long as it takes; true (also if already held). */
    public boolean acquire() {
        return block(acquireAsync(true, null), "acquire()");
    }

    /** Waits at most {@code timeout}; {@link LockTimeoutException} if no lease came. */
    public boolean acquire(Duration timeout) {
        return block(acquireAsync(true, Objects.requireNonNull(timeout, "timeout")), "acquire(timeout)");
    }

    /** Takes a lease only if one is free and nobody queues before us. */
    public boolean tryAcquire() {
        return block(acquireAsync(false, null), "tryAcquire()");
    }

    /** {@link #acquire()} without blocking. */
    public AsyncResult<Boolean> acquireAsync() {
        return acquireAsync(true, null);
    }

    /** {@link #acquire(Duration)} without blocking. */
    public AsyncResult<Boolean> acquireAsync(Duration timeout) {
        return acquireAsync(true, Objects.requireNonNull(timeout, "timeout"));
    }

    /** {@link #tryAcquire()} without blocking. */
    public AsyncResult<Boolean> tryAcquireAsync() {
        return acquireAsync(false, null);
    }

    /** Gives the lease back; false if none was held. */
    public boolean release() {
        Recipes.requireNotHandlerThread(client, "release()");
        return releaseAsync().get();
    }

    /** {@link #release()} without blocking. */
    public AsyncResult<Boolean> releaseAsync() {
        String lease;
        synchronized (this) {
            if (!acquired) {
                return Recipes.completed(client, false);
            }
            acquired = false;
            lease = heldLease;
            heldLease = null;
        }
        client.removeListener(sessionListener);
        return Recipes.map(client, deleteLease(lease), v -> true);
    }

    /** Cancels a pending acquire ({@link CancelledException}); no effect otherwise. */
    public void cancel() {
        Attempt a;
        synchronized (this) {
            a = attempt;
        }
        if (a != null) {
            finish(a, null, new CancelledException("acquiring the semaphore " + path + " was cancelled"));
        }
    }

    /** The identifiers of the current lease holders. */
    public List<String> leaseHolders() {
        Recipes.requireNotHandlerThread(client, "leaseHolders()");
        return leaseHoldersAsync().get();
    }

    /** {@link #leaseHolders()} without blocking. */
    public AsyncResult<List<String>> leaseHoldersAsync() {
        return Recipes.childrenData(client, path, UnaryOperator.identity());
    }

    /** Cancels a pending acquire and gives back a held lease. */
    @Override
    public void close() {
        cancel();
        AsyncResult<Boolean> released = releaseAsync();
        if (!client.handler().inHandlerThread()) {
            released.await(Duration.ofSeconds(30));
        }
    }

    @Override
    public String toString() {
        return "Semaphore[" + path + ", " + maxLeases + " leases, " + (acquired ? "acquired" : "not acquired") + "]";
    }

    private boolean block(AsyncResult<Boolean> result, String method) {
        Recipes.requireNotHandlerThread(client, method);
        return Recipes.await(result, () -> {
            cancel();
            if (Boolean.TRUE.equals(result.value())) {
                releaseAsync();
            }
        });
    }

    // ------------------------------------------------------------------ the acquire

    private final class Attempt {
        final DefaultAsyncResult<Boolean> result = Recipes.newResult(client);
        final boolean blocking;
        final long deadline; // System.nanoTime(), or 0 for none
        /** Each acquire has its own lease name, so a late delete of an old lease cannot hit it. */
        final String leasePath = Recipes.join(path, Recipes.uuidHex());
        /** A blocking acquire may wait as long as the server answers; an outage ends it. */
        final Budget budget;
        Future<?> timer;
        boolean holdingMutex;
        boolean leaseTried;
        int failures;
        boolean done;

        Attempt(boolean blocking, Duration timeout) {
            this.blocking = blocking;
            this.deadline = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
            this.budget = blocking ? Budget.waiting(client) : Budget.oneShot(client);
        }

        Duration left() {
            return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
        }
    }

    private AsyncResult<Boolean> acquireAsync(boolean blocking, Duration timeout) {
        Attempt a;
        synchronized (this) {
            if (acquired) {
                return Recipes.completed(client, true);
            }
            if (attempt != null) {
                return Recipes.failed(client, new IllegalStateException(
                        "an acquire of " + path + " is already pending on this Semaphore object"));
            }
            a = new Attempt(blocking, timeout);
            attempt = a;
            if (timeout != null) {
                a.timer = client.schedule(timeout, () -> finish(a, null, new LockTimeoutException(
                        "Failed to acquire semaphore on " + path + " after " + timeout)));
            }
        }
        a.result.rawlink(r -> {
            if (r.exception() instanceof CancellationException) {
                finish(a, null, r.exception());
            }
        });
        if (blocking) {
            a.budget.guard(path, e -> finish(a, null, e));
        }
        checkMaxLeases(a);
        return a.result;
    }

    /** Kazoo's {@code _ensure_path}: the node's data must be our max leases (written if empty). */
    private void checkMaxLeases(Attempt a) {
        byte[] max = Integer.toString(maxLeases).getBytes(StandardCharsets.US_ASCII);
        Recipes.onDone(client.getAsync(path), (nd, e) -> {
            if (e instanceof NoNodeException) {
                Recipes.onDone(client.createAsync(path, max, CreateOptions.DEFAULT.makepath()), (p, ce) -> {
                    if (ce == null || ce instanceof NodeExistsException) {
                        checkMaxLeases(a);
                    } else {
                        failed(a, ce, () -> checkMaxLeases(a));
                    }
                });
                return;
            }
            if (e != null) {
                failed(a, e, () -> checkMaxLeases(a));
                return;
            }
            byte[] current = nd.data();
            if (current == null || current.length == 0) {
                Recipes.onDone(client.setAsync(path, max, nd.stat().version()), (s, se) -> {
                    if (se == null || se instanceof BadVersionException) {
                        checkMaxLeases(a); // read what we (or a racing acquirer) wrote
                    } else {
                        failed(a, se, () -> checkMaxLeases(a));
                    }
                });
                return;
            }
            Integer value = parse(current);
            if (value != null && value != maxLeases) {
                finish(a, null, new IllegalArgumentException(
                        "Inconsistent max leases: " + value + ", expected: " + maxLeases));
                return;
            }
            takeMutex(a);
        });
    }

    private static Integer parse(byte[] b) {
        try {
            return Integer.parseInt(new String(b, StandardCharsets.US_ASCII).trim());
        } catch (NumberFormatException e) {
            return null; // Kazoo ignores non-numeric data
        }
    }

    private void takeMutex(Attempt a) {
        synchronized (this) {
            if (a.done) {
                return;
            }
        }
        AsyncResult<Boolean> taken = !a.blocking ? mutex.tryAcquireAsync()
                : a.deadline == 0 ? mutex.acquireAsync() : mutex.acquireAsync(a.left());
        Recipes.onDone(taken, (won, e) -> {
            boolean done;
            synchronized (this) {
                done = a.done;
                if (!done && e == null && won) {
                    a.holdingMutex = true;
                }
            }
            if (done) {
                if (e == null && won) {
                    mutex.releaseAsync();
                }
            } else if (e instanceof LockTimeoutException) {
                finish(a, null, new LockTimeoutException("Failed to acquire semaphore on " + path + " after "
                        + "the given timeout"));
            } else if (e != null) {
                failed(a, e, () -> takeMutex(a));
            } else if (!won) {
                finish(a, false, null);
            } else {
                a.budget.progress();
                checkLeases(a);
            }
        });
    }

    private void checkLeases(Attempt a) {
        Recipes.onDone(client.getChildrenAsync(path, leaseWatcher), (children, e) -> {
            synchronized (this) {
                if (a.done || !a.holdingMutex) {
                    return;
                }
            }
            if (e != null) {
                failed(a, e, () -> checkLeases(a));
                return;
            }
            a.budget.progress();
            if (children.contains(ZkPaths.basename(a.leasePath))) {
                verifyLease(a); // ours already: a create whose reply was lost
            } else if (children.size() < maxLeases) {
                createLease(a);
            } else if (!a.blocking) {
                finish(a, false, null);
            }
            // else: the lease watch calls again when a holder leaves
        });
    }

    private void onLeaseEvent(WatchedEvent event) {
        if (event.type() != EventType.CHILD) {
            return;
        }
        Attempt a;
        synchronized (this) {
            a = attempt;
            if (a == null || a.done || !a.holdingMutex) {
                return;
            }
        }
        checkLeases(a);
    }

    private void createLease(Attempt a) {
        synchronized (this) {
            a.leaseTried = true;
        }
        Recipes.onDone(client.createWithStatAsync(a.leasePath, data, CreateOptions.DEFAULT.ephemeral()), (node, e) -> {
            if (e == null) {
                grant(a, node.stat().ephemeralOwner());
            } else if (e instanceof NodeExistsException) {
                verifyLease(a); // our own create, whose reply was lost
            } else {
                failed(a, e, () -> checkLeases(a)); // if the create applied, checkLeases finds our node
            }
        });
    }

    /** Our lease node is there (or was a moment ago): the session that owns it decides whether it counts. */
    private void verifyLease(Attempt a) {
        Recipes.onDone(client.existsAsync(a.leasePath), (stat, e) -> {
            if (e != null) {
                failed(a, e, () -> verifyLease(a));
            } else if (stat == null) {
                checkLeases(a); // gone with its session: count again
            } else {
                grant(a, stat.ephemeralOwner());
            }
        });
    }

    /** The session ended while we queued or held the mutex: start over from the mutex. */
    private void onMutexLost() {
        Attempt a;
        synchronized (this) {
            a = attempt;
            if (a == null || a.done || !a.holdingMutex) {
                return;
            }
            a.holdingMutex = false;
        }
        takeMutex(a);
    }

    /**
     * Grants the lease whose node the session {@code owner} created, if that is still our session.
     * If the session ended since (the node went with it), the mutex went too: start over from it.
     */
    private void grant(Attempt a, long owner) {
        // Listening before looking at the session: an expiry after the look is then reported to onState.
        client.addListener(sessionListener);
        ClientId id = client.clientId();
        boolean stale = false;
        boolean unknown = false;
        synchronized (this) {
            if (a.done || !a.holdingMutex) {
                // Ended, or the mutex was lost and takeMutex is under way (it finds our node if it lives).
                client.removeListener(sessionListener);
                return;
            }
            if (id == null) {
                unknown = true; // disconnected: whether the session lives is not known yet
            } else if (id.sessionId() != owner) {
                stale = true;
                a.holdingMutex = false;
            } else {
                a.done = true;
                attempt = null;
                Recipes.cancel(a.timer);
                acquired = true;
                heldLease = a.leasePath;
                heldSession = owner;
            }
        }
        if (unknown || stale) {
            client.removeListener(sessionListener);
            if (unknown) {
                failed(a, new ConnectionLossException(a.leasePath, "cannot tell whether the lease's session lives",
                        null), () -> verifyLease(a));
            } else {
                log.debug("Semaphore lease {} went with session 0x{}; starting over", a.leasePath,
                        Long.toHexString(owner));
                mutex.releaseAsync(); // its node went with the same session (or goes now)
                takeMutex(a);
            }
            return;
        }
        a.budget.close();
        mutex.releaseAsync();
        client.removeWatchesAsync(path, leaseWatcher, WatcherType.CHILDREN);
        if (!a.result.set(true)) {
            releaseAsync();
        }
    }

    /** Transient errors are retried within the attempt's budget; anything else ends the attempt. */
    private void failed(Attempt a, Throwable e, Runnable again) {
        if (!a.budget.retryable(e)) {
            finish(a, null, e);
            return;
        }
        int n;
        synchronized (this) {
            if (a.done) {
                return;
            }
            n = ++a.failures;
        }
        client.schedule(Recipes.backoff(n), again);
    }

    private void finish(Attempt a, Boolean value, Throwable error) {
        boolean leaseTried;
        synchronized (this) {
            if (a.done) {
                return;
            }
            a.done = true;
            attempt = null;
            Recipes.cancel(a.timer);
            leaseTried = a.leaseTried;
        }
        a.budget.close();
        mutex.cancel();
        mutex.releaseAsync();
        client.removeWatchesAsync(path, leaseWatcher, WatcherType.CHILDREN);
        AsyncResult<Void> cleaned = leaseTried ? deleteLease(a.leasePath) : Recipes.completed(client, null);
        Recipes.onDone(cleaned, (v, e) -> {
            if (value != null) {
                a.result.set(value);
            } else {
                a.result.setException(error);
            }
        });
    }

    /** Deletes our lease node; completes after the first try, retries in the background. */
    private AsyncResult<Void> deleteLease(String lease) {
        DefaultAsyncResult<Void> settled = Recipes.newResult(client);
        if (client.state() != KazooState.CONNECTED) {
            settled.set(null);
        }
        deleteLease(lease, settled, 1);
        return settled;
    }

    private void deleteLease(String lease, DefaultAsyncResult<Void> settled, int attemptNo) {
        Recipes.onDone(client.deleteAsync(lease), (v, e) -> {
            settled.set(null);
            if (e == null || e instanceof NoNodeException || !KazooRetry.transientError(e)) {
                return;
            }
            client.schedule(Recipes.backoff(attemptNo), () -> deleteLease(lease, settled, attemptNo + 1));
        });
    }

    private void onState(KazooState state) {
        if (state != KazooState.LOST) {
            return;
        }
        synchronized (this) {
            ClientId id = client.clientId();
            if (!acquired || (id != null && id.sessionId() == heldSession)) {
                return; // a LOST from before we held the lease, delivered late: our session is alive
            }
            acquired = false;
            heldLease = null;
        }
        client.removeListener(sessionListener);
        log.info("Semaphore lease on {} ended with the session", path);
        for (Runnable l : lostListeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                log.error("A lost listener of semaphore {} threw", path, e);
            }
        }
    }
}
