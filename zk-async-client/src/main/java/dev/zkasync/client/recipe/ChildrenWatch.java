package dev.zkasync.client.recipe;

import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.watch.EventType;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.data.NodeChildren;
import dev.zkasync.client.data.Stat;
import dev.zkasync.client.watch.WatchedEvent;
import dev.zkasync.client.watch.WatcherType;
import dev.zkasync.client.exception.ConnectionClosedException;
import dev.zkasync.client.exception.NoNodeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Kazoo's {@code ChildrenWatch}: calls a function with a node's children at once, and again every
 * time a child is added or removed.
 *
 * <pre>{@code
 * ChildrenWatch watch = recipes.childrenWatch("/workers", (children, event) -> {
 *     rebalance(children);
 *     return true;          // false stops the watch
 * });
 * }</pre>
 *
 * <ul>
 *   <li>The node must exist. If it does not, or once it is deleted, the watch stops without calling
 *       the function (as in Kazoo); {@link #initialized()} then fails with {@code NoNodeException}
 *       if that happened before the first call.</li>
 *   <li>Calls are de-duplicated by the node's children version ({@code cversion}, and
 *       {@code czxid} for a re-created node): a re-read after a reconnect that finds nothing new does
 *       not call again.</li>
 *   <li>The watch is re-armed after reconnects and after a session loss.</li>
 *   <li>It stops when the function returns {@code false} or on {@link #close()}, which removes its
 *       registration (the server's watch goes once no other watcher of the client uses it).</li>
 * </ul>
 *
 * <p>{@code event} is null on the first call and on re-reads; the function runs on the client's
 * handler thread, one call at a time.
 */
public final class ChildrenWatch extends NodeWatch {
    private static final Logger log = LoggerFactory.getLogger(ChildrenWatch.class);

    /** What a {@link ChildrenWatch} calls. */
    @FunctionalInterface
    public interface Callback {
        /**
         * Called with the node's current children.
         *
         * @param children the child names, in the server's order
         * @param event    the event that caused this call, or null for the first call and re-reads
         * @return false to stop watching
         */
        boolean call(List<String> children, WatchedEvent event);
    }

    private final Callback callback;
    // The children version last delivered; guarded by this.
    private long czxid = Long.MIN_VALUE;
    private int cversion = Integer.MIN_VALUE;

    /**
     * Starts watching the children of {@code path}; the first call follows shortly, on the handler.
     *
     * @param client the client the recipe uses; the caller starts and stops it
     * @param path the node whose children are watched; it must exist
     * @param callback gets the child names now and after every change, on the client's handler
     */
    public ChildrenWatch(KazooClient client, String path, Callback callback) {
        super(client, path);
        this.callback = Objects.requireNonNull(callback, "callback");
        start();
    }

    @Override
    void removeRegistration() {
        client.removeWatchesAsync(path, watcher, WatcherType.CHILDREN);
    }

    @Override
    boolean readsAgainOn(EventType type) {
        return type == EventType.CHILD || type == EventType.DELETED;
    }

    @Override
    void read(WatchedEvent event) {
        Supplier<AsyncResult<NodeChildren>> request = () -> stoppedOr(() -> client.getChildrenWithStatAsync(path, watcher));
        Recipes.onDone(Recipes.retryForever(client, request), (children, error) -> {
            if (error instanceof NoNodeException) {
                close(); // before telling anyone, so stopped() is already true for them
                initialized.setException(error);
            } else if (error != null) {
                if (!(error instanceof ConnectionClosedException) && !(error instanceof CancelledException)) {
                    log.warn("ChildrenWatch on {} could not read; it reads again on the next reconnect", path, error);
                    initialized.setException(error);
                }
            } else {
                deliver(children.children(), children.stat(), event);
            }
            finishRead();
        });
    }

    private void deliver(List<String> children, Stat stat, WatchedEvent event) {
        boolean call;
        synchronized (this) {
            if (stopped()) {
                removeRegistration(); // registered after close()
                return;
            }
            call = stat.czxid() != czxid || stat.cversion() != cversion;
            czxid = stat.czxid();
            cversion = stat.cversion();
        }
        if (call) {
            callFunction(() -> callback.call(List.copyOf(children), event));
        }
    }
}
