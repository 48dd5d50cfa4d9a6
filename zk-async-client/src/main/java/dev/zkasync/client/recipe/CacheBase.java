package dev.zkasync.client.recipe;

import dev.zkasync.client.retry.KazooRetry;
import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.handler.DefaultAsyncResult;
import dev.zkasync.client.handler.RequestWindow;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.client.state.KazooStateListener;
import dev.zkasync.client.data.NodeData;
import dev.zkasync.client.path.ZkPaths;
import dev.zkasync.client.exception.ConnectionClosedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The node store and event plumbing {@link TreeCache} and {@link CuratorCache} share. Mutations
 * run on the client's handler (in reply order, which is the order the requests went out); events
 * are collected under the monitor and delivered outside it, in order.
 */
abstract class CacheBase implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CacheBase.class);

    final KazooClient client;
    final String root;
    private final List<Consumer<TreeEvent>> listeners = new CopyOnWriteArrayList<>();
    private final KazooStateListener stateListener = this::onState;
    private final DefaultAsyncResult<Void> initialized;
    /** Every request of the cache goes through it: loading a node with 100,000 children must not fill the queue. */
    private final RequestWindow window = new RequestWindow(RequestWindow.DEFAULT_LIMIT);

    // Guarded by this.
    private final NodeStore store;
    private int outstanding;
    private boolean isInitialized;
    private boolean started;
    private boolean closed;
    private boolean interrupted;

    CacheBase(KazooClient client, String root) {
        this.client = Objects.requireNonNull(client, "client");
        ZkPaths.validate(root);
        this.root = root;
        this.store = new NodeStore(root);
        this.initialized = Recipes.newResult(client);
    }

    /** {@return the root of the cached tree} */
    public String root() {
        return root;
    }

    /**
     * Adds a listener; it runs on the client's handler thread, events one at a time, in order.
     *
     * @param listener gets every event, in order
     */
    public void listen(Consumer<TreeEvent> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Removes a listener.
     *
     * @param listener gets every event, in order
     */
    public void unlisten(Consumer<TreeEvent> listener) {
        listeners.remove(listener);
    }

    /**
     * Starts the cache (once); the result completes when the initial load is done, just before the
     * {@code INITIALIZED} event.
     *
     * @return completes when the initial load is done
     */
    public AsyncResult<Void> start() {
        synchronized (this) {
            if (started || closed) {
                throw new IllegalStateException(getClass().getSimpleName() + " on " + root
                        + (closed ? " is closed" : " is already started"));
            }
            started = true;
        }
        client.addListener(stateListener);
        begin();
        return initialized;
    }

    /**
     * Completes once the initial load is done.
     *
     * @return completes once the initial load is done
     */
    public AsyncResult<Void> initialized() {
        return initialized;
    }

    /**
     * {@return the cached node at {@code path}, or null if the cache does not have it}
     *
     * @param path a path in the cached tree
     */
    public synchronized CachedNode getData(String path) {
        NodeStore.Node node = store.find(checkInTree(path));
        return node == null ? null : NodeStore.view(path, node);
    }

    /**
     * {@return the cached children names of {@code path}, or null if the cache does not have the node}
     *
     * @param path a path in the cached tree
     */
    public synchronized Set<String> getChildren(String path) {
        NodeStore.Node node = store.find(checkInTree(path));
        return node == null ? null : Set.copyOf(NodeStore.childNames(node));
    }

    /** {@return the number of cached nodes} */
    public synchronized int size() {
        return store.size();
    }

    private String checkInTree(String path) {
        if (!path.equals(root) && !path.startsWith(root.equals("/") ? "/" : root + "/")) {
            throw new IllegalArgumentException(path + " is outside the cached tree " + root);
        }
        return path;
    }

    /** Stops the cache and removes every watch registration it made. */
    @Override
    public void close() {
        List<String> paths;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            paths = store.paths();
            store.clear();
        }
        client.removeListener(stateListener);
        removeRegistrations(paths);
    }

    /** Sends {@code request} through the cache's window; requests start in the order given. */
    <T> AsyncResult<T> windowed(Supplier<? extends AsyncResult<T>> request) {
        DefaultAsyncResult<T> out = Recipes.newResult(client);
        window.send(request, out);
        return out;
    }

    synchronized boolean closed() {
        return closed;
    }

    /** Starts the first load. */
    abstract void begin();

    /** Removes the watches this cache registered ({@code paths}: the nodes it held). */
    abstract void removeRegistrations(List<String> paths);

    /** Reloads everything after a reconnect (changes may have been missed). */
    abstract void refreshAll();

    // ------------------------------------------------------------------ mutations, on the handler

    synchronized boolean isCached(String path) {
        return store.find(path) != null;
    }

    /** {@return the names of the cached children of {@code path}, in name order} */
    synchronized List<String> cachedChildren(String path) {
        NodeStore.Node node = store.find(path);
        return node == null ? new ArrayList<>() : NodeStore.childNames(node);
    }

    /** {@return every cached path, each node before its children, children in name order} */
    synchronized List<String> cachedPaths() {
        return store.paths();
    }

    /**
     * A fresh read of {@code path}: ADDED if new (its parent must be cached, or it is the root),
     * UPDATED if its data changed (a newer mzxid). Returns false if it could not be placed.
     */
    boolean applyData(String path, NodeData nd, List<TreeEvent> out) {
        synchronized (this) {
            if (closed) {
                return false;
            }
            // One walk from the root: to the parent, then its child.
            boolean isRoot = path.equals(root);
            NodeStore.Node parent = isRoot ? null : store.find(ZkPaths.parent(path));
            NodeStore.Node old = isRoot ? store.find(path) : parent == null ? null : NodeStore.child(parent, path);
            if (old == null) {
                if (parent == null && !isRoot) {
                    return false;
                }
                store.add(parent, path, nd);
                out.add(new TreeEvent(TreeEvent.Type.NODE_ADDED, new CachedNode(path, nd.data(), nd.stat())));
            } else if (nd.stat().mzxid() > NodeStore.mzxid(old)) {
                store.set(old, nd);
                out.add(new TreeEvent(TreeEvent.Type.NODE_UPDATED, new CachedNode(path, nd.data(), nd.stat())));
            } else if (nd.stat().czxid() != NodeStore.czxid(old)) {
                store.set(old, nd); // re-created with the same mzxid order: keep the newer identity
            }
            return true;
        }
    }

    /** The node is gone: REMOVED for it and every cached descendant, deepest first. */
    synchronized void removeSubtree(String path, List<TreeEvent> out) {
        NodeStore.Node node = store.find(path);
        if (node != null) {
            store.remove(path, node, gone -> out.add(new TreeEvent(TreeEvent.Type.NODE_REMOVED, gone)));
        }
    }

    /**
     * A read failed: a transient error tries {@code again} after a short pause, as one more
     * operation of the current load; a stopped client or closed cache gives up (a restarted client
     * reconnects, and the CONNECTED refresh reads everything); anything else is logged.
     */
    final void retryLater(Throwable e, Runnable again) {
        if (closed() || e instanceof ConnectionClosedException) {
            return;
        }
        if (KazooRetry.transientError(e)) {
            opStarted();
            client.schedule(Recipes.backoff(1), () -> {
                again.run();
                List<TreeEvent> events = new ArrayList<>();
                opDone(events);
                emit(events);
            });
        } else {
            log.warn("{} on {} could not read a node", getClass().getSimpleName(), root, e);
        }
    }

    synchronized void opStarted() {
        outstanding++;
    }

    /** A read finished; the first time none is left, the cache is initialized. */
    void opDone(List<TreeEvent> out) {
        boolean nowInitialized = false;
        synchronized (this) {
            outstanding--;
            if (outstanding == 0 && !isInitialized && !closed) {
                isInitialized = true;
                nowInitialized = true;
            }
        }
        if (nowInitialized) {
            initialized.set(null);
            out.add(TreeEvent.of(TreeEvent.Type.INITIALIZED));
        }
    }

    void emit(List<TreeEvent> events) {
        if (events.isEmpty() || closed()) {
            return;
        }
        for (TreeEvent e : events) {
            for (Consumer<TreeEvent> l : listeners) {
                try {
                    l.accept(e);
                } catch (RuntimeException ex) {
                    log.error("A listener of the cache on {} threw", root, ex);
                }
            }
        }
    }

    void emit(TreeEvent event) {
        emit(List.of(event));
    }

    private void onState(KazooState state) {
        if (closed()) {
            return;
        }
        switch (state) {
            case SUSPENDED -> {
                interrupted();
                emit(TreeEvent.of(TreeEvent.Type.CONNECTION_SUSPENDED));
            }
            case LOST -> {
                interrupted();
                emit(TreeEvent.of(TreeEvent.Type.CONNECTION_LOST));
            }
            case CONNECTED -> {
                // Only after an interruption: a listener added just after a connect may still be told of it.
                if (reconnected()) {
                    refreshAll();
                    emit(TreeEvent.of(TreeEvent.Type.CONNECTION_RECONNECTED));
                }
            }
        }
    }

    private synchronized void interrupted() {
        interrupted = true;
    }

    private synchronized boolean reconnected() {
        boolean was = interrupted;
        interrupted = false;
        return was;
    }
}
