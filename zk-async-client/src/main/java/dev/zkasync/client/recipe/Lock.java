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
import dev.zkasync.client.state.KeeperState;
import dev.zkasync.client.watch.WatchedEvent;
import dev.zkasync.client.watch.Watcher;
import dev.zkasync.client.watch.WatcherType;
import dev.zkasync.client.path.ZkPaths;
import dev.zkasync.client.exception.ConnectionClosedException;
import dev.zkasync.client.exception.NoNodeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kazoo's {@code Lock}: a fair (first come, first served) distributed mutex.
 *
 * <pre>{@code
 * Lock lock = client.lock("/locks/orders", "worker-1");
 * try (lock) {
 *     lock.acquire(Duration.ofSeconds(10));   // LockTimeoutException if not acquired in time
 *     ...                                     // critical section
 * }                                           // close() releases
 * }</pre>
 *
 * <p>Each contender creates an ephemeral sequential child of the lock path, named
 * {@code <uuid>__lock__<seq>} (Kazoo's layout, so Kazoo processes share the lock; the identifier is
 * the node's data) or, with {@link Layout#CURATOR}, {@code _c_<uuid>-lock-<seq>} so Curator's
 * {@code InterProcessMutex} shares it. The contender with the lowest sequence number holds the lock;
 * every other one watches only its immediate predecessor, so a release wakes one waiter.
 *
 * <p>Robustness:
 * <ul>
 *   <li>If a create succeeded but its reply was lost, the retry finds the node again by its unique
 *       prefix instead of creating a second one.</li>
 *   <li>A failed, timed-out or cancelled acquire removes its node (retrying through connection loss
 *       until the node or the session is gone), so it never leaves an orphaned contender (Kazoo #732).</li>
 *   <li>While waiting, a session loss removes our node; the acquire creates a new one and goes on
 *       waiting (at the back of the queue).</li>
 *   <li>While holding, a session loss ends the hold: {@link #isAcquired()} turns false and the
 *       {@linkplain #addLostListener lost listeners} are called. A SUSPENDED connection may mean the
 *       same; listen to the client's state if that matters.</li>
 *   <li>Bounded: a {@code tryAcquire} retries transient errors for the client's request timeout at
 *       most; a waiting acquire fails with {@code ConnectionLossException} when the client stays
 *       disconnected that long. Its node is then removed as after a timeout.</li>
 * </ul>
 *
 * <p>Not re-entrant: an acquire while this object holds the lock returns false. Use one {@code Lock}
 * object per contender (per thread, if threads compete); a second acquire on an object whose first
 * acquire is still pending fails with {@code IllegalStateException}. The blocking methods must not be
 * called on the client's handler thread (from callbacks); use the async forms there.
 */
public class Lock implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Lock.class);

    static final String LOCK_NAME = "__lock__";
    static final String READ_LOCK_NAME = "__rlock__";
    static final String CURATOR_LOCK_NAME = "lock-";
    private static final CreateOptions EPHEMERAL_SEQUENTIAL = CreateOptions.DEFAULT.ephemeral().sequence();

    /** The node layout, which decides which other clients can share the lock. */
    public enum Layout {
        /** {@code <uuid hex>__lock__<seq>}, as Kazoo's Lock, ReadLock and WriteLock. */
        KAZOO,
        /** {@code _c_<uuid>-lock-<seq>}, as Curator's InterProcessMutex (protected mode). */
        CURATOR
    }

    private final KazooClient client;
    private final String path;
    private final byte[] data;
    private final Layout layout;
    private final String nodeName;
    /** Nodes whose earlier sequence numbers block us; group 1 is the sequence number. */
    private final Pattern blockers;
    /** Every contender node, for ordering and {@link #contenders()}. */
    private final Pattern contenderNodes;
    private final Watcher predecessorWatcher = this::onPredecessorEvent;
    private final KazooStateListener sessionListener = this::onState;
    private final List<Runnable> lostListeners = new CopyOnWriteArrayList<>();

    // Guarded by this.
    private String prefix;
    private String node;
    private boolean createTried;
    private boolean pathEnsured;
    private Attempt attempt;
    private volatile boolean acquired;
    private long heldSession;

    /** A lock in Kazoo's layout with an empty identifier. */
    public Lock(KazooClient client, String path) {
        this(client, path, null, Layout.KAZOO);
    }

    /** A lock in Kazoo's layout; {@code identifier} is stored in the contender node (see {@link #contenders()}). */
    public Lock(KazooClient client, String path, String identifier) {
        this(client, path, identifier, Layout.KAZOO);
    }

    /** A lock in the given layout. */
    public Lock(KazooClient client, String path, String identifier, Layout layout) {
        this(client, path, identifier, Objects.requireNonNull(layout, "layout"),
                layout == Layout.KAZOO ? LOCK_NAME : CURATOR_LOCK_NAME,
                layout == Layout.KAZOO ? LOCK_NAME + "|" + READ_LOCK_NAME : CURATOR_LOCK_NAME);
    }

    Lock(KazooClient client, String path, String identifier, Layout layout, String nodeName, String blockerNames) {
        this.client = Objects.requireNonNull(client, "client");
        ZkPaths.validate(path);
        this.path = path;
        this.data = Recipes.utf8(identifier);
        this.layout = layout;
        this.nodeName = nodeName;
        this.blockers = Pattern.compile("(?:" + blockerNames + ")(-?\\d{10})$");
        this.contenderNodes = layout == Layout.KAZOO
                ? Pattern.compile("(?:" + LOCK_NAME + "|" + READ_LOCK_NAME + ")(-?\\d{10})$")
                : Pattern.compile(CURATOR_LOCK_NAME + "(-?\\d{10})$");
    }

    /** The lock's path (the parent of the contender nodes). */
    public String path() {
        return path;
    }

    /** The layout of this lock's nodes. */
    public Layout layout() {
        return layout;
    }

    /** Whether this object holds the lock now. */
    public boolean isAcquired() {
        return acquired;
    }

    /** The full path of this contender's node, or null when it has none. */
    public synchronized String node() {
        return node == null ? null : Recipes.join(path, node);
    }

    /**
     * Adds a listener called (on the client's handler) when a held lock is lost because the session
     * ended. Not called on {@link #release()}.
     */
    public void addLostListener(Runnable listener) {
        lostListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a listener added with {@link #addLostListener}. */
    public void removeLostListener(Runnable listener) {
        lostListeners.remove(listener);
    }

    // ------------------------------------------------------------------ blocking forms

    /** Waits as long as it takes; returns true once acquired (false if this object already held it). */
    public boolean acquire() {
        return block(acquireAsync(true, null), "acquire()");
    }

    /**
     * Waits at most {@code timeout}.
     *
     * @return true once acquired (false if this object already held it)
     * @throws LockTimeoutException if not acquired in time (the contender node is removed)
     * @throws CancelledException   if {@link #cancel()} was called meanwhile
     */
    public boolean acquire(Duration timeout) {
        return block(acquireAsync(true, Objects.requireNonNull(timeout, "timeout")), "acquire(timeout)");
    }

    /** Takes the lock only if nobody holds it or waits for it before us; never waits for others. */
    public boolean tryAcquire() {
        return block(acquireAsync(false, null), "tryAcquire()");
    }

    /** Releases the lock; returns false if this object did not hold it. */
    public boolean release() {
        Recipes.requireNotHandlerThread(client, "release()");
        return releaseAsync().get();
    }

    /** The identifiers (node data) of the contenders, holder first, then in queue order. */
    public List<String> contenders() {
        Recipes.requireNotHandlerThread(client, "contenders()");
        return contendersAsync().get();
    }

    private boolean block(AsyncResult<Boolean> result, String method) {
        Recipes.requireNotHandlerThread(client, method);
        return Recipes.await(result, () -> {
            cancel();
            if (Boolean.TRUE.equals(result.value())) {
                releaseAsync(); // won just as the caller gave up
            }
        });
    }

    // ------------------------------------------------------------------ async forms

    /** {@link #acquire()} without blocking: completes with true once acquired. */
    public AsyncResult<Boolean> acquireAsync() {
        return acquireAsync(true, null);
    }

    /** {@link #acquire(Duration)} without blocking; fails with {@link LockTimeoutException} on timeout. */
    public AsyncResult<Boolean> acquireAsync(Duration timeout) {
        return acquireAsync(true, Objects.requireNonNull(timeout, "timeout"));
    }

    /** {@link #tryAcquire()} without blocking. */
    public AsyncResult<Boolean> tryAcquireAsync() {
        return acquireAsync(false, null);
    }

    /**
     * Cancels a pending acquire: it fails with {@link CancelledException} and its node is removed.
     * No effect when nothing is pending (an acquire started later is not affected).
     */
    public void cancel() {
        Attempt a;
        synchronized (this) {
            a = attempt;
        }
        if (a != null) {
            finish(a, null, new CancelledException("acquiring the lock " + path + " was cancelled"));
        }
    }

    /**
     * Releases without blocking; completes with true once the node is deleted, or at once if the
     * client is not connected (the delete then happens after the reconnect, or the session's end
     * removes the node).
     */
    public AsyncResult<Boolean> releaseAsync() {
        Cleanup c;
        synchronized (this) {
            if (!acquired) {
                return Recipes.completed(client, false);
            }
            acquired = false;
            c = detachNode();
        }
        client.removeListener(sessionListener);
        return Recipes.map(client, removeNode(c), v -> true);
    }

    /** The contenders' identifiers without blocking. */
    public AsyncResult<List<String>> contendersAsync() {
        return Recipes.childrenData(client, path, this::sortedContenders);
    }

    /** Cancels a pending acquire and releases a held lock (waiting for the release unless on the handler). */
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
        return getClass().getSimpleName() + "[" + path + ", " + (acquired ? "acquired" : "not acquired") + "]";
    }

    // ------------------------------------------------------------------ the acquire state machine

    /** One acquire call. Its steps run on the handler; each step issues one request. */
    private final class Attempt {
        final DefaultAsyncResult<Boolean> result = Recipes.newResult(client);
        final boolean blocking;
        /** A blocking attempt may wait as long as the server answers; an outage ends it. */
        final Budget budget;
        Future<?> timer;
        String watched;
        int failures;
        boolean done;

        Attempt(boolean blocking) {
            this.blocking = blocking;
            this.budget = blocking ? Budget.waiting(client) : Budget.oneShot(client);
        }
    }

    private AsyncResult<Boolean> acquireAsync(boolean blocking, Duration timeout) {
        Attempt a;
        synchronized (this) {
            if (attempt != null) {
                return Recipes.failed(client, new IllegalStateException(
                        "an acquire of " + path + " is already pending on this Lock object; use one object per contender"));
            }
            if (acquired) {
                return Recipes.completed(client, false);
            }
            a = new Attempt(blocking);
            attempt = a;
            if (prefix == null) {
                prefix = newPrefix();
            }
            if (timeout != null) {
                a.timer = client.schedule(timeout, () -> finish(a, null,
                        new LockTimeoutException("Failed to acquire lock on " + path + " after " + timeout)));
            }
        }
        // A caller that cancels the returned future cancels the attempt.
        a.result.rawlink(r -> {
            if (r.exception() instanceof CancellationException) {
                finish(a, null, r.exception());
            }
        });
        if (blocking) {
            a.budget.guard(path, e -> finish(a, null, e));
        }
        step(a);
        return a.result;
    }

    private String newPrefix() {
        return layout == Layout.KAZOO ? Recipes.uuidHex() + nodeName : "_c_" + UUID.randomUUID() + "-" + nodeName;
    }

    private void step(Attempt a) {
        boolean ensure;
        boolean find;
        boolean create;
        synchronized (this) {
            if (a.done) {
                return;
            }
            ensure = !pathEnsured;
            find = !ensure && node == null && createTried;
            create = !ensure && node == null && !createTried;
            if (create) {
                createTried = true;
            }
        }
        if (ensure) {
            Recipes.onDone(client.ensurePathAsync(path), (v, e) -> {
                if (e != null) {
                    failed(a, e);
                    return;
                }
                synchronized (this) {
                    pathEnsured = true;
                }
                step(a);
            });
        } else if (find) {
            findOwnNode(a);
        } else if (create) {
            createNode(a);
        } else {
            check(a);
        }
    }

    private void createNode(Attempt a) {
        String createPath;
        synchronized (this) {
            if (a.done) {
                return; // ended (and its prefix given up) since the step was chosen
            }
            createPath = Recipes.join(path, prefix);
        }
        Recipes.onDone(client.createAsync(createPath, data, EPHEMERAL_SEQUENTIAL), (created, e) -> {
            if (e instanceof NoNodeException) {
                synchronized (this) {
                    pathEnsured = false; // the lock path was deleted under us
                    createTried = false;
                }
                retrySoon(a);
                return;
            }
            if (e != null) {
                failed(a, e);
                return;
            }
            boolean orphan;
            synchronized (this) {
                orphan = a.done;
                if (!orphan) {
                    node = ZkPaths.basename(created);
                }
            }
            if (orphan) {
                deleteQuietly(created); // the attempt ended while the create was in flight
                return;
            }
            step(a);
        });
    }

    /** After a create whose outcome is unknown: our node, if it was created, carries our prefix. */
    private void findOwnNode(Attempt a) {
        Recipes.onDone(client.getChildrenAsync(path), (children, e) -> {
            if (e instanceof NoNodeException) {
                synchronized (this) {
                    pathEnsured = false;
                    createTried = false;
                }
                retrySoon(a);
                return;
            }
            if (e != null) {
                failed(a, e);
                return;
            }
            synchronized (this) {
                if (a.done) {
                    return;
                }
                node = children.stream().filter(c -> c.startsWith(prefix)).findFirst().orElse(null);
                createTried = node != null;
            }
            step(a);
        });
    }

    private void check(Attempt a) {
        Recipes.onDone(client.getChildrenAsync(path), (children, e) -> {
            if (e instanceof NoNodeException) {
                synchronized (this) {
                    pathEnsured = false;
                    node = null;
                    createTried = false;
                }
                retrySoon(a);
                return;
            }
            if (e != null) {
                failed(a, e);
                return;
            }
            a.budget.progress();
            String predecessor = null;
            boolean won = false;
            synchronized (this) {
                if (a.done) {
                    return;
                }
                if (node == null || !children.contains(node)) {
                    // Our node is gone (the session ended, or someone deleted it): queue up again.
                    node = null;
                    createTried = false;
                } else {
                    predecessor = predecessor(children, node);
                    if (predecessor == null) {
                        won(a);
                        won = true;
                    }
                }
            }
            if (won) {
                attemptWon(a);
                return;
            }
            if (predecessor == null) {
                step(a);
            } else if (!a.blocking) {
                finish(a, false, null);
            } else {
                watch(a, Recipes.join(path, predecessor));
            }
        });
    }

    private void watch(Attempt a, String predecessorPath) {
        String previous;
        synchronized (this) {
            if (a.done) {
                return;
            }
            previous = a.watched;
            a.watched = predecessorPath;
        }
        if (previous != null && !previous.equals(predecessorPath)) {
            removeWatch(previous); // usually fired already; if not, it must not linger
        }
        Recipes.onDone(client.getAsync(predecessorPath, predecessorWatcher), (nd, e) -> {
            boolean done;
            synchronized (this) {
                done = a.done;
            }
            if (done) {
                if (e == null) {
                    removeWatch(predecessorPath); // registered after the attempt ended
                }
            } else if (e instanceof NoNodeException) {
                step(a); // gone already: look again
            } else if (e != null) {
                failed(a, e);
            } else {
                a.budget.progress(); // wait for the watch
            }
        });
    }

    private void onPredecessorEvent(WatchedEvent event) {
        if (event.type() == EventType.DATA_WATCH_REMOVED) {
            return;
        }
        Attempt a;
        synchronized (this) {
            a = attempt;
            if (a == null || a.done || (event.type() != EventType.NONE && !event.path().equals(a.watched))) {
                return;
            }
        }
        step(a);
    }

    /** Called holding the monitor; {@link #attemptWon} completes the result after it is let go. */
    private void won(Attempt a) {
        a.done = true;
        attempt = null;
        Recipes.cancel(a.timer);
        acquired = true;
        ClientId id = client.clientId();
        heldSession = id == null ? 0 : id.sessionId();
        client.addListener(sessionListener);
    }

    private void attemptWon(Attempt a) {
        a.budget.close();
        if (!a.result.set(true)) {
            releaseAsync(); // the caller cancelled the future just now
        }
    }

    /** Transient errors are retried within the attempt's budget; anything else ends the attempt. */
    private void failed(Attempt a, Throwable e) {
        if (a.budget.retryable(e)) {
            retrySoon(a);
        } else {
            finish(a, null, e);
        }
    }

    private void retrySoon(Attempt a) {
        int failures;
        synchronized (this) {
            if (a.done) {
                return;
            }
            failures = ++a.failures;
        }
        client.schedule(Recipes.backoff(failures), () -> step(a));
    }

    /** Ends an attempt without the lock: removes the node, then completes with {@code value} or {@code error}. */
    private void finish(Attempt a, Boolean value, Throwable error) {
        Cleanup c;
        String watched;
        synchronized (this) {
            if (a.done) {
                return;
            }
            a.done = true;
            attempt = null;
            Recipes.cancel(a.timer);
            watched = a.watched;
            c = detachNode();
        }
        a.budget.close();
        if (watched != null) {
            removeWatch(watched);
        }
        Recipes.onDone(removeNode(c), (v, e) -> {
            if (value != null) {
                a.result.set(value);
            } else {
                a.result.setException(error);
            }
        });
    }

    private void onState(KazooState state) {
        if (state != KazooState.LOST) {
            return;
        }
        synchronized (this) {
            ClientId id = client.clientId();
            if (!acquired || (id != null && id.sessionId() == heldSession)) {
                return; // a LOST from before we held the lock, delivered late: our session is alive
            }
            acquired = false;
            node = null;
            createTried = false;
            prefix = null;
        }
        client.removeListener(sessionListener);
        if (client.clientState() == KeeperState.CLOSED) {
            log.debug("Lock {} given up: the client stopped", path);
        } else {
            log.warn("Lock {} lost: the session ended", path);
        }
        for (Runnable l : lostListeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                log.error("A lost listener of lock {} threw", path, e);
            }
        }
    }

    // ------------------------------------------------------------------ node bookkeeping

    /** What is left to delete of a contender. */
    private record Cleanup(String prefix, String node, boolean createTried) {
    }

    /** Takes the node away from this object (a new acquire gets a new prefix); called holding the monitor. */
    private Cleanup detachNode() {
        Cleanup c = new Cleanup(prefix, node, createTried);
        prefix = null;
        node = null;
        createTried = false;
        return c;
    }

    /**
     * Deletes the contender node, retrying through connection loss until it or the session is
     * gone. The result completes after the first try (at once when not connected), so callers are
     * not held up by an outage; the retries go on in the background.
     */
    private AsyncResult<Void> removeNode(Cleanup c) {
        DefaultAsyncResult<Void> settled = Recipes.newResult(client);
        if (c.node() == null && !c.createTried()) {
            settled.set(null);
            return settled;
        }
        if (client.state() != KazooState.CONNECTED) {
            settled.set(null);
        }
        removeNode(c, settled, 1);
        return settled;
    }

    private void removeNode(Cleanup c, DefaultAsyncResult<Void> settled, int attemptNo) {
        AsyncResult<Void> deleted;
        if (c.node() != null) {
            deleted = deleteIgnoringMissing(Recipes.join(path, c.node()));
        } else {
            DefaultAsyncResult<Void> found = Recipes.newResult(client);
            Recipes.onDone(client.getChildrenAsync(path), (children, e) -> {
                if (e instanceof NoNodeException) {
                    found.set(null);
                } else if (e != null) {
                    found.setException(e);
                } else {
                    String mine = children.stream().filter(ch -> ch.startsWith(c.prefix())).findFirst().orElse(null);
                    if (mine == null) {
                        found.set(null);
                    } else {
                        Recipes.relay(deleteIgnoringMissing(Recipes.join(path, mine)), found);
                    }
                }
            });
            deleted = found;
        }
        Recipes.onDone(deleted, (v, e) -> {
            settled.set(null);
            if (e == null || e instanceof ConnectionClosedException) {
                return; // gone, or the session closed with the client (which removes it)
            }
            if (KazooRetry.transientError(e)) {
                client.schedule(Recipes.backoff(attemptNo), () -> removeNode(c, settled, attemptNo + 1));
            } else {
                log.warn("Could not remove lock node under {} ({}); it goes when the session ends", path, e.toString());
            }
        });
    }

    private AsyncResult<Void> deleteIgnoringMissing(String nodePath) {
        DefaultAsyncResult<Void> out = Recipes.newResult(client);
        Recipes.onDone(client.deleteAsync(nodePath), (v, e) -> {
            if (e == null || e instanceof NoNodeException) {
                out.set(null);
            } else {
                out.setException(e);
            }
        });
        return out;
    }

    private void deleteQuietly(String nodePath) {
        removeNode(new Cleanup(null, ZkPaths.basename(nodePath), true), Recipes.newResult(client), 1);
    }

    private void removeWatch(String watchedPath) {
        client.removeWatchesAsync(watchedPath, predecessorWatcher, WatcherType.DATA); // NoWatcher if it fired: fine
    }

    /** The contender our node waits for: the blocker with the highest sequence number below ours. */
    private String predecessor(List<String> children, String own) {
        Matcher self = contenderNodes.matcher(own);
        String ownSequence = self.find() ? self.group(1) : own.substring(Math.max(0, own.length() - 10));
        String best = null;
        String bestSequence = null;
        for (String child : children) {
            Matcher m = blockers.matcher(child);
            if (!m.find()) {
                continue;
            }
            String seq = m.group(1);
            if (seq.compareTo(ownSequence) < 0 && (bestSequence == null || seq.compareTo(bestSequence) > 0)) {
                best = child;
                bestSequence = seq;
            }
        }
        return best;
    }

    /** Lock nodes among {@code children}, in queue order. */
    List<String> sortedContenders(List<String> children) {
        List<String> out = new ArrayList<>();
        for (String child : children) {
            if (contenderNodes.matcher(child).find()) {
                out.add(child);
            }
        }
        out.sort(Comparator.comparing(this::sequenceOf));
        return out;
    }

    private String sequenceOf(String child) {
        Matcher m = contenderNodes.matcher(child);
        return m.find() ? m.group(1) : "~";
    }
}
