package dev.zkasync.client.recipe;

import dev.zkasync.client.watch.AddWatchMode;
import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.watch.EventType;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.watch.WatchedEvent;
import dev.zkasync.client.watch.Watcher;
import dev.zkasync.client.watch.WatcherType;
import dev.zkasync.client.path.ZkPaths;
import dev.zkasync.client.exception.NoNodeException;
import dev.zkasync.client.exception.UnimplementedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A cache in the style of Curator's {@code CuratorCache}: the same local copy and events as
 * {@link TreeCache}, kept current with one persistent recursive watch on the root (ZooKeeper 3.6+)
 * instead of two one-shot watches per node. On a server without persistent watches it falls back to
 * a {@link TreeCache}, transparently.
 *
 * <ul>
 *   <li>Events come in the order of the server's notifications, i.e. in zxid order: every
 *       notification is answered by one read, and the reads are answered in order.</li>
 *   <li>While the connection is down the server keeps no record for persistent watches, so every
 *       reconnect (and a session loss) reads the whole tree again and reports the differences.</li>
 *   <li>{@link #close()} removes the persistent watch.</li>
 * </ul>
 */
public final class CuratorCache extends CacheBase {
    private static final Logger log = LoggerFactory.getLogger(CuratorCache.class);

    private final Watcher watcher = this::onWatch;
    /** The loads' reads, coalesced into multiReads; notifications are read one by one, in order. */
    final CoalescedReads reads = new CoalescedReads(this);
    private volatile TreeCache fallback;
    /** Set once the persistent watch is in place; refreshes before that would race the first load. */
    private volatile boolean watching;

    // Guarded by this: the refresh in progress, to find the nodes gone meanwhile.
    private Refresh current;

    private final boolean forceFallback;

    /**
     * A cache of the subtree at {@code path}; call {@link #start()}.
     *
     * @param client the client the recipe uses; the caller starts and stops it
     * @param path the root of the cached tree
     */
    public CuratorCache(KazooClient client, String path) {
        this(client, path, false);
    }

    /** For tests: behave as on a server without persistent watches. */
    CuratorCache(KazooClient client, String path, boolean forceFallback) {
        super(client, path);
        this.forceFallback = forceFallback;
    }

    /** {@return whether the server lacked persistent watches and a {@link TreeCache} does the work} */
    public boolean usesTreeCacheFallback() {
        return fallback != null;
    }

    @Override
    void begin() {
        if (forceFallback) {
            startFallback();
            return;
        }
        opStarted();
        AsyncResult<Void> added = Recipes.retryForever(client,
                () -> client.addWatchAsync(root, AddWatchMode.PERSISTENT_RECURSIVE, watcher));
        Recipes.onDone(added, (v, e) -> {
            List<TreeEvent> events = new ArrayList<>();
            if (e instanceof UnimplementedException) {
                startFallback();
            } else if (e != null) {
                log.warn("CuratorCache on {} could not add its watch", root, e);
            } else {
                watching = true;
                refreshAll();
            }
            opDone(events);
            emit(events);
        });
    }

    private void startFallback() {
        log.info("The server has no persistent watches; the cache on {} uses a TreeCache", root);
        TreeCache tree = new TreeCache(client, root);
        tree.listen(event -> {
            if (event.node() != null) {
                emit(event); // node events; connection events and INITIALIZED are our own
            }
        });
        fallback = tree;
        opStarted();
        Recipes.onDone(tree.start(), (v, e) -> {
            List<TreeEvent> events = new ArrayList<>();
            opDone(events);
            emit(events);
        });
    }

    /** The cached node at {@code path}, or null. */
    @Override
    public CachedNode getData(String path) {
        TreeCache tree = fallback;
        return tree != null ? tree.getData(path) : super.getData(path);
    }

    /** The cached children names of {@code path}, or null. */
    @Override
    public Set<String> getChildren(String path) {
        TreeCache tree = fallback;
        return tree != null ? tree.getChildren(path) : super.getChildren(path);
    }

    /** The number of cached nodes. */
    @Override
    public synchronized int size() {
        TreeCache tree = fallback;
        return tree != null ? tree.size() : super.size();
    }

    @Override
    void removeRegistrations(List<String> paths) {
        TreeCache tree = fallback;
        if (tree != null) {
            tree.close();
        } else {
            client.removeWatchesAsync(root, watcher, WatcherType.PERSISTENT_RECURSIVE);
        }
    }

    /** One full read of the tree. */
    private static final class Refresh {
        final Set<String> seen = new HashSet<>();
        int pending;
    }

    /** Reads the whole tree; cached nodes it does not find are reported removed when it ends. */
    @Override
    void refreshAll() {
        if (!watching) {
            return; // not loading on our own: the TreeCache fallback refreshes itself, or the first load comes
        }
        Refresh r = new Refresh();
        synchronized (this) {
            current = r;
        }
        loadNow(root, r);
    }

    /** Queues the read of {@code path} and its subtree; the caller (or the batch whose reply this is) flushes. */
    private void load(String path, Refresh r) {
        if (closed()) {
            return;
        }
        step(r);
        reads.getData(path, (nd, e) -> {
            List<TreeEvent> events = new ArrayList<>();
            if (e instanceof NoNodeException) {
                removeSubtree(path, events);
            } else if (e != null) {
                retryLater(e, () -> loadNow(path, r));
            } else if (applyData(path, nd, events)) {
                markSeen(r, path);
                if (nd.stat().numChildren() > 0 || !cachedChildren(path).isEmpty()) {
                    loadChildren(path, nd.stat().numChildren(), r);
                }
            }
            stepDone(r, events);
        });
    }

    private void loadNow(String path, Refresh r) {
        load(path, r);
        reads.flush();
    }

    private void loadChildren(String path, int numChildren, Refresh r) {
        step(r);
        reads.getChildren(path, numChildren, (names, e) -> {
            List<TreeEvent> events = new ArrayList<>();
            if (e == null && !closed()) {
                Set<String> present = new HashSet<>(names);
                for (String cached : cachedChildren(path)) {
                    if (!present.contains(cached)) {
                        removeSubtree(Recipes.join(path, cached), events); // deleted before this read
                    }
                }
                for (String name : names) {
                    load(Recipes.join(path, name), r);
                }
            } else if (e != null && !(e instanceof NoNodeException)) {
                retryLater(e, () -> {
                    loadChildren(path, numChildren, r);
                    reads.flush();
                });
            }
            stepDone(r, events);
        });
    }

    private void step(Refresh r) {
        synchronized (this) {
            r.pending++;
        }
        opStarted();
    }

    private synchronized void markSeen(Refresh r, String path) {
        r.seen.add(path);
        if (current != null && current != r) {
            current.seen.add(path);
        }
    }

    /** One read of a refresh done; when the refresh is complete, nodes it did not see are gone. */
    private void stepDone(Refresh r, List<TreeEvent> events) {
        List<String> unseen = List.of();
        synchronized (this) {
            r.pending--;
            if (r.pending == 0 && current == r) {
                current = null;
                unseen = new ArrayList<>();
                for (String path : cachedPaths()) {
                    if (!r.seen.contains(path)) {
                        unseen.add(path);
                    }
                }
            }
        }
        for (String path : unseen) {
            removeSubtree(path, events);
        }
        opDone(events);
        emit(events);
    }

    private void onWatch(WatchedEvent event) {
        if (closed()) {
            return;
        }
        if (event.type() == EventType.NONE) {
            refreshAll(); // re-added on a new session: changes may have been missed
            return;
        }
        String path = event.path();
        if (path == null || !(event.type() == EventType.CREATED || event.type() == EventType.CHANGED
                || event.type() == EventType.DELETED)) {
            return;
        }
        readOne(path);
    }

    /** One notification, one read: its reply comes back in notification order. */
    private void readOne(String path) {
        opStarted();
        Recipes.onDone(windowed(() -> client.getAsync(path)), (nd, e) -> {
            List<TreeEvent> events = new ArrayList<>();
            if (closed()) {
                // nothing
            } else if (e instanceof NoNodeException) {
                removeSubtree(path, events);
            } else if (e != null) {
                retryLater(e, () -> readOne(path));
            } else if (applyData(path, nd, events)) {
                markSeenByEvent(path);
            } else if (!path.equals(root)) {
                loadNow(ZkPaths.parent(path), new Refresh()); // its parent is not cached yet: read the branch
            }
            opDone(events);
            emit(events);
        });
    }

    private synchronized void markSeenByEvent(String path) {
        if (current != null) {
            current.seen.add(path);
        }
    }

    @Override
    public String toString() {
        return "CuratorCache[" + root + ", " + size() + " nodes"
                + (fallback != null ? ", TreeCache fallback" : "") + "]";
    }
}
