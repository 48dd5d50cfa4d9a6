package dev.zkasync.client.recipe;

import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.state.ClientId;
import dev.zkasync.client.CreateOptions;
import dev.zkasync.client.watch.EventType;
import dev.zkasync.client.KazooClient;
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
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Kazoo's {@code Semaphore}: at most {@code maxLeases} holders at a time.
 *
 * <pre>{@code
 * Semaphore sem = recipes.semaphore("/semaphores/db", "worker-1", 3);
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
 * one would-be holder: an acquire while it holds a lease returns true at once. Blocking methods
 * must not run on the client's handler thread.
 */
public final class Semaphore extends Acquirable<Semaphore.Attempt> {
    private static final Logger log = LoggerFactory.getLogger(Semaphore.class);

    private final byte[] data;
    private final int maxLeases;
    private final Lock mutex;
    private final Watcher leaseWatcher = this::onLeaseEvent;

    // Guarded by this.
    private String heldLease;

    /**
     * A would-be lease holder of the semaphore at {@code path} with {@code maxLeases} leases.
     *
     * @param client the client the recipe uses; the caller starts and stops it
     * @param path the semaphore node
     * @param identifier stored in this holder's lease node
     * @param maxLeases how many holders at most
     */
    public Semaphore(KazooClient client, String path, String identifier, int maxLeases) {
        super(client, path, "semaphore", true);
        if (maxLeases < 1) {
            throw new IllegalArgumentException("maxLeases must be at least 1, not " + maxLeases);
        }
        this.data = Recipes.utf8(identifier);
        this.maxLeases = maxLeases;
        this.mutex = new Lock(client, path + "-" + Lock.LOCK_NAME, identifier);
        mutex.addLostListener(this::onMutexLost);
    }

    /** {@return the semaphore node} */
    public String path() {
        return path;
    }

    /** {@return how many leases the semaphore has} */
    public int maxLeases() {
        return maxLeases;
    }

    /** {@return the identifiers of the current lease holders} */
    public List<String> leaseHolders() {
        Recipes.requireNotHandlerThread(client, "leaseHolders()");
        return leaseHoldersAsync().get();
    }

    /** {@return the outcome of {@link #leaseHolders()}, without blocking} */
    public AsyncResult<List<String>> leaseHoldersAsync() {
        return Recipes.childrenData(client, path, UnaryOperator.identity());
    }

    @Override
    public String toString() {
        return "Semaphore[" + path + ", " + maxLeases + " leases, " + (isAcquired() ? "acquired" : "not acquired") + "]";
    }

    // ------------------------------------------------------------------ the acquire

    static final class Attempt extends Contention.Attempt<Boolean> {
        final long deadline; // System.nanoTime(), or 0 for none
        /** Each acquire has its own lease name, so a late delete of an old lease cannot hit it. */
        final String leasePath;
        boolean holdingMutex;
        boolean leaseTried;

        Attempt(KazooClient client, String path, boolean blocking, Duration timeout) {
            super(client, blocking);
            this.deadline = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
            this.leasePath = Recipes.join(path, Recipes.uuidHex());
        }

        Duration left() {
            return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
        }
    }

    @Override
    Attempt newAttempt(boolean blocking, Duration timeout) {
        return new Attempt(client, path, blocking, timeout);
    }

    @Override
    void firstStep(Attempt a) {
        checkMaxLeases(a);
    }

    @Override
    void timedOut(Attempt a, Duration timeout) {
        end(a, null, new LockTimeoutException("Failed to acquire semaphore on " + path + " after " + timeout));
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
                end(a, null, new IllegalArgumentException(
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
        if (ended(a)) {
            return;
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
                end(a, null, new LockTimeoutException("Failed to acquire semaphore on " + path + " after "
                        + "the given timeout"));
            } else if (e != null) {
                failed(a, e, () -> takeMutex(a));
            } else if (!won) {
                end(a, false, null);
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
                end(a, false, null);
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
        // Listening before looking at the session: an expiry after the look is then reported as a lost hold.
        watchSession();
        ClientId id = client.clientId();
        boolean stale = false;
        boolean unknown = false;
        synchronized (this) {
            if (a.done || !a.holdingMutex) {
                // Ended, or the mutex was lost and takeMutex is under way (it finds our node if it lives).
                unwatchSession();
                return;
            }
            if (id == null) {
                unknown = true; // disconnected: whether the session lives is not known yet
            } else if (id.sessionId() != owner) {
                stale = true;
                a.holdingMutex = false;
            } else {
                winLocked(a);
                holdLocked(owner);
                heldLease = a.leasePath;
            }
        }
        if (unknown || stale) {
            unwatchSession();
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
        mutex.releaseAsync();
        client.removeWatchesAsync(path, leaseWatcher, WatcherType.CHILDREN);
        won(a, true);
    }

    @Override
    AsyncResult<?> undo(Attempt a) {
        mutex.cancel();
        mutex.releaseAsync();
        client.removeWatchesAsync(path, leaseWatcher, WatcherType.CHILDREN);
        return a.leaseTried ? deleteLease(a.leasePath) : null;
    }

    @Override
    Supplier<AsyncResult<Void>> detachHeld() {
        String lease = heldLease;
        heldLease = null;
        return () -> deleteLease(lease);
    }

    @Override
    void forgetHeld() {
        heldLease = null;
    }

    /** Deletes our lease node; completes after the first try, retries in the background. */
    private AsyncResult<Void> deleteLease(String lease) {
        return removeNode("semaphore lease", () -> deleteIgnoringMissing(lease));
    }
}
