package dev.zkasync.client.recipe;

import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.state.ClientId;
import dev.zkasync.client.CreateOptions;
import dev.zkasync.client.handler.DefaultAsyncResult;
import dev.zkasync.client.watch.EventType;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.watch.WatchedEvent;
import dev.zkasync.client.watch.Watcher;
import dev.zkasync.client.watch.WatcherType;
import dev.zkasync.client.path.ZkPaths;
import dev.zkasync.client.exception.NoNodeException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kazoo's {@code Lock}: a fair (first come, first served) distributed mutex.
 *
 * <pre>{@code
 * Lock lock = recipes.lock("/locks/orders", "worker-1");
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
 *       until the node or the session is gone), so it never leaves an orphaned contender (Kazoo can,
 *       when a non-blocking acquire fails while suspended).</li>
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
public class Lock extends Acquirable<Lock.Attempt> {
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

    private final byte[] data;
    private final Layout layout;
    private final String nodeName;
    /** Nodes whose earlier sequence numbers block us; group 1 is the sequence number. */
    private final Pattern blockers;
    /** Every contender node, for ordering and {@link #contenders()}. */
    private final Pattern contenderNodes;
    private final Watcher predecessorWatcher = this::onPredecessorEvent;

    // Guarded by this.
    private String prefix;
    private String node;
    private boolean createTried;
    private boolean pathEnsured;

    /**
     * A lock in Kazoo's layout with an empty identifier.
     *
     * @param client the client the recipe uses; the caller starts and stops it
     * @param path the lock node
     */
    public Lock(KazooClient client, String path) {
        this(client, path, null, Layout.KAZOO);
    }

    /**
     * A lock in Kazoo's layout; {@code identifier} is stored in the contender node (see {@link #contenders()}).
     *
     * @param client the client the recipe uses; the caller starts and stops it
     * @param path the lock node
     * @param identifier stored in this contender's node (see {@link #contenders()})
     */
    public Lock(KazooClient client, String path, String identifier) {
        this(client, path, identifier, Layout.KAZOO);
    }

    /**
     * A lock in the given layout.
     *
     * @param client the client the recipe uses; the caller starts and stops it
     * @param path the lock node
     * @param identifier stored in this contender's node (see {@link #contenders()})
     * @param layout the node layout
     */
    public Lock(KazooClient client, String path, String identifier, Layout layout) {
        this(client, path, identifier, Objects.requireNonNull(layout, "layout"),
                layout == Layout.KAZOO ? LOCK_NAME : CURATOR_LOCK_NAME,
                layout == Layout.KAZOO ? LOCK_NAME + "|" + READ_LOCK_NAME : CURATOR_LOCK_NAME);
    }

    Lock(KazooClient client, String path, String identifier, Layout layout, String nodeName, String blockerNames) {
        super(client, path, "lock", false); // not re-entrant: an acquire while holding returns false
        this.data = Recipes.utf8(identifier);
        this.layout = layout;
        this.nodeName = nodeName;
        this.blockers = Pattern.compile("(?:" + blockerNames + ")(-?\\d{10})$");
        this.contenderNodes = layout == Layout.KAZOO
                ? Pattern.compile("(?:" + LOCK_NAME + "|" + READ_LOCK_NAME + ")(-?\\d{10})$")
                : Pattern.compile(CURATOR_LOCK_NAME + "(-?\\d{10})$");
    }

    /** {@return the lock's path (the parent of the contender nodes)} */
    public String path() {
        return path;
    }

    /** {@return the layout of this lock's nodes} */
    public Layout layout() {
        return layout;
    }

    /** {@return the full path of this contender's node, or null when it has none} */
    public synchronized String node() {
        return node == null ? null : Recipes.join(path, node);
    }

    /** {@return the identifiers (node data) of the contenders, holder first, then in queue order} */
    public List<String> contenders() {
        Recipes.requireNotHandlerThread(client, "contenders()");
        return contendersAsync().get();
    }

    /** {@return the contenders' identifiers without blocking} */
    public AsyncResult<List<String>> contendersAsync() {
        return Recipes.childrenData(client, path, this::sortedContenders);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + path + ", " + (isAcquired() ? "acquired" : "not acquired") + "]";
    }

    // ------------------------------------------------------------------ the acquire state machine

    /** One acquire call. Its steps run on the handler; each step issues one request. */
    static final class Attempt extends Contention.Attempt<Boolean> {
        String watched;
        /** What is left to delete once the attempt ended without the lock. */
        Cleanup cleanup;

        Attempt(KazooClient client, boolean blocking) {
            super(client, blocking);
        }
    }

    @Override
    Attempt newAttempt(boolean blocking, Duration timeout) {
        return new Attempt(client, blocking);
    }

    @Override
    void begin(Attempt a) {
        if (prefix == null) {
            prefix = newPrefix();
        }
    }

    @Override
    void firstStep(Attempt a) {
        step(a);
    }

    @Override
    void timedOut(Attempt a, Duration timeout) {
        end(a, null, new LockTimeoutException("Failed to acquire lock on " + path + " after " + timeout));
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
                    failed(a, e, () -> step(a));
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
                retrySoon(a, () -> step(a));
                return;
            }
            if (e != null) {
                failed(a, e, () -> step(a));
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
                retrySoon(a, () -> step(a));
                return;
            }
            if (e != null) {
                failed(a, e, () -> step(a));
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
                retrySoon(a, () -> step(a));
                return;
            }
            if (e != null) {
                failed(a, e, () -> step(a));
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
                        won = winLocked(a); // true: a has not ended (checked above, under the same monitor)
                        ClientId id = client.clientId();
                        holdLocked(id == null ? 0 : id.sessionId());
                        watchSession();
                    }
                }
            }
            if (won) {
                won(a, true);
                return;
            }
            if (predecessor == null) {
                step(a);
            } else if (!a.blocking) {
                end(a, false, null);
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
                failed(a, e, () -> step(a));
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

    @Override
    void ending(Attempt a) {
        a.cleanup = detachNode();
    }

    @Override
    AsyncResult<?> undo(Attempt a) {
        if (a.watched != null) {
            removeWatch(a.watched);
        }
        return removeNode(a.cleanup);
    }

    @Override
    Supplier<AsyncResult<Void>> detachHeld() {
        Cleanup c = detachNode();
        return () -> removeNode(c);
    }

    @Override
    void forgetHeld() {
        node = null;
        createTried = false;
        prefix = null;
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

    /** Deletes the contender node in the background, through outages (see {@link Contention#removeNode}). */
    private AsyncResult<Void> removeNode(Cleanup c) {
        if (c.node() == null && !c.createTried()) {
            return Recipes.completed(client, null);
        }
        return removeNode("lock node", () -> c.node() != null
                ? deleteIgnoringMissing(Recipes.join(path, c.node())) : deleteByPrefix(c.prefix()));
    }

    /** Deletes our node known only by its prefix: a create whose reply was lost may have made it. */
    private AsyncResult<Void> deleteByPrefix(String ownPrefix) {
        DefaultAsyncResult<Void> found = Recipes.newResult(client);
        Recipes.onDone(client.getChildrenAsync(path), (children, e) -> {
            if (e instanceof NoNodeException) {
                found.set(null);
            } else if (e != null) {
                found.setException(e);
            } else {
                String mine = children.stream().filter(ch -> ch.startsWith(ownPrefix)).findFirst().orElse(null);
                if (mine == null) {
                    found.set(null);
                } else {
                    Recipes.relay(deleteIgnoringMissing(Recipes.join(path, mine)), found);
                }
            }
        });
        return found;
    }

    private void deleteQuietly(String nodePath) {
        removeNode(new Cleanup(null, ZkPaths.basename(nodePath), true));
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
