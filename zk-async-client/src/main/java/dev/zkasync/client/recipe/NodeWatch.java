package dev.zkasync.client.recipe;

import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.handler.DefaultAsyncResult;
import dev.zkasync.client.watch.EventType;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.client.state.KazooStateListener;
import dev.zkasync.client.watch.WatchedEvent;
import dev.zkasync.client.watch.Watcher;
import dev.zkasync.client.path.ZkPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What {@link DataWatch} and {@link ChildrenWatch} share: one read of the node at a time (a trigger
 * during a read asks for one more, with the latest event), a re-read on every reconnect, the user's
 * function called on the handler, and {@link #close()} that stops and removes the registration.
 */
abstract class NodeWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NodeWatch.class);

    final KazooClient client;
    final String path;
    /** The watch every read registers. */
    final Watcher watcher = this::onEvent;
    final DefaultAsyncResult<Void> initialized;
    private final DefaultAsyncResult<Void> ended;
    private final KazooStateListener listener = this::onState;

    // Guarded by this.
    private boolean stopped;
    private boolean reading;
    private boolean rerun;
    private WatchedEvent rerunEvent;

    NodeWatch(KazooClient client, String path) {
        this.client = Objects.requireNonNull(client, "client");
        ZkPaths.validate(path);
        this.path = path;
        this.initialized = Recipes.newResult(client);
        this.ended = Recipes.newResult(client);
    }

    /** Follows reconnects and makes the first read: the last thing a subclass's constructor does. */
    final void start() {
        client.addListener(listener);
        trigger(null);
    }

    /** {@return the watched path} */
    public String path() {
        return path;
    }

    /**
     * Completes once the function has been called the first time (or fails with the error that
     * prevented the first read, e.g. {@code NoAuthException}).
     *
     * @return completes once the function has been called the first time
     */
    public AsyncResult<Void> initialized() {
        return initialized;
    }

    /**
     * Completes once the watch has stopped: closed, the function returned {@code false}, or for a
     * ChildrenWatch the node is gone. Lets a caller tell the end of the watch from a quiet node.
     *
     * @return completes once the watch has stopped
     */
    public AsyncResult<Void> ended() {
        return ended;
    }

    /**
     * {@return whether the watch has stopped (closed, the function returned false, or for a ChildrenWatch the node is
     * gone)}
     */
    public synchronized boolean stopped() {
        return stopped;
    }

    /** Stops the watch and removes its registration. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        client.removeListener(listener);
        removeRegistration();
        ended.set(null);
    }

    /** Removes {@link #watcher}'s registration (NOWATCHER when it already fired is fine). */
    abstract void removeRegistration();

    /** Whether an event of this type calls for a new read. */
    abstract boolean readsAgainOn(EventType type);

    /** Reads the node once, registering {@link #watcher}; calls {@link #finishRead()} when done. */
    abstract void read(WatchedEvent event);

    private void onEvent(WatchedEvent event) {
        if (readsAgainOn(event.type())) {
            trigger(event);
        }
    }

    private void onState(KazooState state) {
        if (state == KazooState.CONNECTED) {
            trigger(null);
        }
    }

    private void trigger(WatchedEvent event) {
        synchronized (this) {
            if (stopped) {
                return;
            }
            if (reading) {
                rerun = true;
                if (event != null) {
                    rerunEvent = event;
                }
                return;
            }
            reading = true;
        }
        read(event);
    }

    /** A read is over: makes the one asked for meanwhile, if any. */
    final void finishRead() {
        WatchedEvent next;
        synchronized (this) {
            if (!rerun || stopped) {
                reading = false;
                rerun = false;
                rerunEvent = null;
                return;
            }
            rerun = false;
            next = rerunEvent;
            rerunEvent = null;
        }
        read(next);
    }

    /** The request, unless the watch stopped meanwhile: then a failure that ends the retries. */
    final <T> AsyncResult<T> stoppedOr(Supplier<AsyncResult<T>> request) {
        if (stopped()) {
            return Recipes.failed(client, new CancelledException(getClass().getSimpleName() + " on " + path + " closed"));
        }
        return request.get();
    }

    /** Calls the user's function: a throw is logged, {@code false} stops the watch; then initialized. */
    final void callFunction(BooleanSupplier function) {
        boolean keep = true;
        try {
            keep = function.getAsBoolean();
        } catch (RuntimeException e) {
            log.error("{} callback for {} threw", getClass().getSimpleName(), path, e);
        }
        if (!keep) {
            close();
        }
        initialized.set(null);
    }
}
