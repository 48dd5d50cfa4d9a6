package dev.zkasync.client.session;

import dev.zkasync.client.handler.Handler;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.client.state.KazooStateListener;
import dev.zkasync.client.state.KeeperState;
import dev.zkasync.client.state.StartEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The session's state as the outside sees it: the raw {@link KeeperState}, the simple
 * {@link KazooState} derived from it, the listeners told of its changes (through the
 * {@link Handler}, never on the event loop) and the event {@code start()} waits on. Written on the
 * session's event loop only, read from any thread.
 */
final class StatePublisher {
    /** The session's logger: the messages are the session's, wherever its code sits. */
    private static final Logger log = LoggerFactory.getLogger(Session.class);

    private final Handler handler;
    private final CopyOnWriteArrayList<KazooStateListener> listeners = new CopyOnWriteArrayList<>();
    private final LiveEvent live = new LiveEvent();
    private volatile KeeperState keeperState = KeeperState.CLOSED;
    private volatile KazooState kazooState = KazooState.LOST;
    private volatile long stateSinceNanos = System.nanoTime();

    StatePublisher(Handler handler) {
        this.handler = handler;
    }

    KeeperState keeperState() {
        return keeperState;
    }

    KazooState kazooState() {
        return kazooState;
    }

    /** How long the session has been in its current {@link KeeperState}. */
    Duration timeInState() {
        return Duration.ofNanos(System.nanoTime() - stateSinceNanos);
    }

    void addListener(KazooStateListener listener) {
        listeners.addIfAbsent(listener);
    }

    void removeListener(KazooStateListener listener) {
        listeners.remove(listener);
    }

    /** Set while connected; what {@code start()} returns for waiting. */
    StartEvent live() {
        return live;
    }

    /** The session stopped for good: whoever waits to be connected stops waiting. */
    void giveUp() {
        live.giveUp();
    }

    /** Moves to {@code next}; listeners hear of it when the simple state changes. Event loop only. */
    void set(KeeperState next) {
        KeeperState previous = keeperState;
        if (previous == next) {
            return;
        }
        keeperState = next;
        stateSinceNanos = System.nanoTime();
        KazooState simple = switch (next) {
            case CONNECTED, CONNECTED_RO -> KazooState.CONNECTED;
            case CONNECTING -> previous.isConnected() ? KazooState.SUSPENDED : kazooState;
            case EXPIRED_SESSION, AUTH_FAILED, CLOSED -> KazooState.LOST;
        };
        KazooState previousSimple = kazooState;
        kazooState = simple; // before waking start() waiters, so they see a consistent state
        if (next.isConnected()) {
            live.set();
        } else {
            live.clear();
        }
        if (simple != previousSimple) {
            log.debug("State {} ({})", simple, next);
            if (!listeners.isEmpty()) {
                // The listeners of the moment of the change, not of the moment the task runs.
                Object[] current = listeners.toArray();
                handler.dispatch(() -> {
                    for (Object o : current) {
                        KazooStateListener l = (KazooStateListener) o;
                        try {
                            l.stateChanged(simple);
                        } catch (RuntimeException e) {
                            log.error("A state listener threw", e);
                        }
                    }
                });
            }
        }
    }
}
