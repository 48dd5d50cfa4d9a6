package dev.zkasync.client.recipe;

import dev.zkasync.client.KazooClient;
import dev.zkasync.client.watch.WatchedEvent;
import dev.zkasync.client.watch.Watcher;
import dev.zkasync.client.watch.WatcherType;
import dev.zkasync.client.exception.NoNodeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Kazoo's (and Curator's) {@code TreeCache}: a local copy of a subtree, kept current with one-shot
 * data and child watches on every node, and events for every change.
 *
 * <pre>{@code
 * TreeCache cache = new TreeCache(client, "/config");
 * cache.listen(event -> System.out.println(event.type() + " " + event.node()));
 * cache.start().get(Duration.ofSeconds(10));     // the initial load
 * CachedNode db = cache.getData("/config/db");
 * ...
 * cache.close();                                 // removes every watch it registered
 * }</pre>
 *
 * <ul>
 *   <li>On start every existing node is reported as {@code NODE_ADDED} (parents before children),
 *       then {@code INITIALIZED}. A missing root is watched until it appears; the root is not
 *       created.</li>
 *   <li>Changes arrive as {@code NODE_ADDED}, {@code NODE_UPDATED} (only when the data version
 *       moved) and {@code NODE_REMOVED} (descendants before their parent), in the order the
 *       server reported them. Quick successive changes of one node may be seen as one.</li>
 *   <li>Connection changes are reported; after every reconnect (and after a session loss) the
 *       whole tree is read again, so changes made meanwhile are reported.</li>
 *   <li>{@link #close()} removes every watch registration the cache made.</li>
 * </ul>
 *
 * <p>For large trees on ZooKeeper 3.6+, {@link CuratorCache} needs one watch instead of two per node.
 */
public final class TreeCache extends CacheBase {
    private static final Logger log = LoggerFactory.getLogger(TreeCache.class);

    private final Watcher watcher = this::onWatch;

    /**
     * A cache of the subtree at {@code path}; call {@link #start()}.
     *
     * @param client the client the recipe uses; the caller starts and stops it
     * @param path the root of the cached tree
     */
    public TreeCache(KazooClient client, String path) {
        super(client, path);
    }

    @Override
    void begin() {
        // Counted as one more read until both first reads are sent: a fast reply to the first must
        // not find none outstanding and declare the load done before the children were asked for.
        opStarted();
        refreshNode(root);
        List<TreeEvent> events = new ArrayList<>();
        opDone(events);
        if (!events.isEmpty()) {
            client.handler().dispatch(() -> emit(events)); // listeners run on the handler only
        }
    }

    @Override
    void refreshAll() {
        refreshNode(root);
        for (String path : cachedPaths()) {
            if (!path.equals(root)) {
                refreshNode(path);
            }
        }
    }

    @Override
    void removeRegistrations(List<String> paths) {
        if (!paths.contains(root)) {
            paths.add(root); // the exists watch on a missing root
        }
        for (String path : paths) {
            windowed(() -> client.removeWatchesAsync(path, watcher, WatcherType.ANY)); // NoWatcher if fired: fine
        }
    }

    private void refreshNode(String path) {
        refreshData(path);
        refreshChildren(path);
    }

    private void refreshData(String path) {
        if (closed()) {
            return;
        }
        opStarted();
        Recipes.onDone(windowed(() -> client.getAsync(path, watcher)), (nd, e) -> {
            List<TreeEvent> events = new ArrayList<>();
            if (closed()) {
                if (e == null) {
                    client.removeWatchesAsync(path, watcher, WatcherType.ANY); // registered after close()
                }
            } else if (e instanceof NoNodeException) {
                removeSubtree(path, events);
                if (path.equals(root)) {
                    watchRootCreation();
                }
            } else if (e != null) {
                retryLater(e, () -> refreshData(path));
            } else if (!applyData(path, nd, events)) {
                client.removeWatchesAsync(path, watcher, WatcherType.ANY); // its parent went meanwhile
            }
            opDone(events);
            emit(events);
        });
    }

    private void refreshChildren(String path) {
        if (closed()) {
            return;
        }
        opStarted();
        Recipes.onDone(windowed(() -> client.getChildrenAsync(path, watcher)), (names, e) -> {
            List<TreeEvent> events = new ArrayList<>();
            if (closed()) {
                if (e == null) {
                    client.removeWatchesAsync(path, watcher, WatcherType.ANY); // registered after close()
                }
            } else if (e == null) {
                if (isCached(path)) {
                    Set<String> known = new HashSet<>(cachedChildren(path));
                    for (String name : names) {
                        if (!known.contains(name)) {
                            refreshNode(Recipes.join(path, name));
                        }
                    }
                }
            } else if (!(e instanceof NoNodeException)) {
                retryLater(e, () -> refreshChildren(path));
            }
            opDone(events);
            emit(events);
        });
    }

    private void watchRootCreation() {
        opStarted();
        Recipes.onDone(windowed(() -> client.existsAsync(root, watcher)), (stat, e) -> {
            List<TreeEvent> events = new ArrayList<>();
            if (e == null && stat != null && !closed()) {
                refreshNode(root); // created meanwhile
            } else if (e != null) {
                retryLater(e, this::watchRootCreation);
            }
            opDone(events);
            emit(events);
        });
    }

    private void onWatch(WatchedEvent event) {
        if (closed() || event.path() == null) {
            return; // NONE: the session ended; the CONNECTED refresh re-reads everything
        }
        String path = event.path();
        switch (event.type()) {
            case CREATED -> refreshNode(path);
            case CHANGED, DELETED -> refreshData(path);
            case CHILD -> refreshChildren(path);
            default -> {
                // watch removals
            }
        }
    }

    @Override
    public String toString() {
        return "TreeCache[" + root + ", " + size() + " nodes]";
    }
}
