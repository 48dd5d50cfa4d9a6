package dev.zkasync.client.recipe;

import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.watch.EventType;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.data.NodeData;
import dev.zkasync.client.data.Stat;
import dev.zkasync.client.watch.WatchedEvent;
import dev.zkasync.client.watch.WatcherType;
import dev.zkasync.client.exception.ConnectionClosedException;
import dev.zkasync.client.exception.NoNodeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * Kazoo's {@code DataWatch}: calls a function with a node's data and stat at once, and again every
 * time the node changes, is created or is deleted, for as long as the watch lives.
 *
 * <pre>{@code
 * DataWatch watch = recipes.dataWatch("/config", (data, stat, event) -> {
 *     apply(data);          // data and stat are null while the node does not exist
 *     return true;          // false stops the watch
 * });
 * ...
 * watch.close();
 * }</pre>
 *
 * <ul>
 *   <li>The first call comes as soon as the node has been read ({@code event} is null then, and on
 *       re-reads after a reconnect); later calls carry the {@link WatchedEvent} that caused them.</li>
 *   <li>Calls are de-duplicated by the node's {@code mzxid}: a re-read that finds the same version
 *       does not call again. A missing node is reported once as {@code (null, null)}.</li>
 *   <li>The watch is re-armed after reconnects and after a session loss (the node is read again
 *       when the client is connected again).</li>
 *   <li>It stops when the function returns {@code false} or when {@link #close()} is called; its
 *       watch registration is removed then (the client counts registrations per path and kind, so
 *       the server's watch goes only when no other watcher of the client uses it).</li>
 * </ul>
 *
 * <p>The function runs on the client's handler thread, one call at a time; it must not call
 * blocking client methods that wait for other callbacks (use the async ones).
 */
public final class DataWatch extends NodeWatch {
    private static final Logger log = LoggerFactory.getLogger(DataWatch.class);

    /** What a {@link DataWatch} calls. */
    @FunctionalInterface
    public interface Callback {
        /**
         * Called with the node's current data and stat.
         *
         * @param data  the data, or null if the node does not exist (or holds null)
         * @param stat  the stat, or null if the node does not exist
         * @param event the event that caused this call, or null for the first call and re-reads
         * @return false to stop watching
         */
        boolean call(byte[] data, Stat stat, WatchedEvent event);
    }

    private static final long UNKNOWN = Long.MIN_VALUE;
    private static final long ABSENT = -1;

    private final Callback callback;
    /** The mzxid last delivered, or ABSENT; guarded by this. */
    private long version = UNKNOWN;

    /**
     * Starts watching {@code path}; the first call follows shortly, on the handler.
     *
     * @param client the client the recipe uses; the caller starts and stops it
     * @param path the watched node; it need not exist
     * @param callback gets the node's data and stat now and after every change, on the client's handler
     */
    public DataWatch(KazooClient client, String path, Callback callback) {
        super(client, path);
        this.callback = Objects.requireNonNull(callback, "callback");
        start();
    }

    @Override
    void removeRegistration() {
        client.removeWatchesAsync(path, watcher, WatcherType.DATA); // NoWatcher when it already fired: fine
    }

    @Override
    boolean readsAgainOn(EventType type) {
        // NONE: the session ended and took the watch along; the CONNECTED that follows re-reads.
        return type == EventType.CREATED || type == EventType.CHANGED || type == EventType.DELETED;
    }

    @Override
    void read(WatchedEvent event) {
        AsyncResult<NodeData> got = Recipes.retryForever(client, () -> stoppedOr(() -> client.getAsync(path, watcher)));
        Recipes.onDone(got, (data, error) -> {
            if (error instanceof NoNodeException) {
                readAbsent(event);
            } else if (error != null) {
                readFailed(error);
            } else {
                deliver(data.data(), data.stat(), event);
            }
        });
    }

    /** The node is missing: watch for its creation; if it appeared meanwhile, read it again. */
    private void readAbsent(WatchedEvent event) {
        AsyncResult<Stat> exists = Recipes.retryForever(client, () -> stoppedOr(() -> client.existsAsync(path, watcher)));
        Recipes.onDone(exists, (stat, error) -> {
            if (error != null) {
                readFailed(error);
            } else if (stat != null) {
                read(event);
            } else {
                deliver(null, null, event);
            }
        });
    }

    private void deliver(byte[] data, Stat stat, WatchedEvent event) {
        long seen = stat == null ? ABSENT : stat.mzxid();
        boolean call;
        synchronized (this) {
            if (stopped()) {
                call = false;
            } else {
                call = seen != version;
                version = seen;
            }
        }
        if (stopped()) {
            removeRegistration(); // a read that was in flight at close() re-registered the watch
            finishRead();
            return;
        }
        if (call) {
            callFunction(() -> callback.call(data, stat, event));
        }
        finishRead();
    }

    private void readFailed(Throwable error) {
        if (!(error instanceof ConnectionClosedException) && !(error instanceof CancelledException)) {
            log.warn("DataWatch on {} could not read the node; it reads again on the next reconnect", path, error);
            initialized.setException(error);
        }
        finishRead();
    }
}
