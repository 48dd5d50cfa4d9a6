package dev.zkasync.client.recipe;

import dev.zkasync.client.retry.KazooRetry;
import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.CreateOptions;
import dev.zkasync.client.handler.DefaultAsyncResult;
import dev.zkasync.client.watch.EventType;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.watch.WatchedEvent;
import dev.zkasync.client.watch.Watcher;
import dev.zkasync.client.watch.WatcherType;
import dev.zkasync.client.path.ZkPaths;
import dev.zkasync.client.exception.NoNodeException;
import dev.zkasync.client.exception.NodeExistsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Kazoo's {@code DoubleBarrier}: {@code numClients} participants enter together and leave together.
 *
 * <pre>{@code
 * DoubleBarrier barrier = recipes.doubleBarrier("/barriers/round-7", 3, "worker-1");
 * barrier.enter();     // returns once 3 participants have entered
 * compute();
 * barrier.leave();     // returns once all of them have left
 * }</pre>
 *
 * <p>Layout, as Kazoo's: each participant is an ephemeral {@code path/<uuid hex>} holding its
 * identifier; the participant that completes the count creates {@code path/ready}. Leaving follows
 * Kazoo's algorithm: the lowest node waits for the highest, everyone else deletes its node and waits
 * for the lowest. Unlike Kazoo, a failed {@link #enter()} throws (after removing our node) rather
 * than only clearing {@link #participating()}. A session loss while entering re-creates our node.
 */
public final class DoubleBarrier {
    private static final String READY = "ready";

    private final KazooClient client;
    private final String path;
    private final int numClients;
    private final byte[] identifier;
    private final String nodeName = Recipes.uuidHex();
    private final String nodePath;
    private final String readyPath;
    private final Watcher readyWatcher = this::onReadyEvent;
    private volatile boolean participating;
    private DefaultAsyncResult<Void> entering; // guarded by this

    /**
     * A participant; {@code identifier} null means Kazoo's {@code <hostname>-<pid>}.
     *
     * @param client the client the recipe uses; the caller starts and stops it
     * @param path the barrier node
     * @param numClients how many participants the barrier waits for
     * @param identifier identifies this participant (its node's name)
     */
    public DoubleBarrier(KazooClient client, String path, int numClients, String identifier) {
        this.client = Objects.requireNonNull(client, "client");
        ZkPaths.validate(path);
        if (numClients < 1) {
            throw new IllegalArgumentException("numClients must be at least 1, not " + numClients);
        }
        this.path = path;
        this.numClients = numClients;
        this.identifier = Recipes.utf8(identifier != null ? identifier : Recipes.defaultIdentifier());
        this.nodePath = Recipes.join(path, nodeName);
        this.readyPath = Recipes.join(path, READY);
    }

    /** {@return whether this participant has entered and not left} */
    public boolean participating() {
        return participating;
    }

    /** Enters, and waits until {@code numClients} participants have entered. */
    public void enter() {
        Recipes.requireNotHandlerThread(client, "enter()");
        enterAsync().get();
    }

    /** {@return the outcome of {@link #enter()}, without blocking} */
    public AsyncResult<Void> enterAsync() {
        DefaultAsyncResult<Void> out = guarded();
        Recipes.onDone(Recipes.retry(client, () -> client.ensurePathAsync(path)), (p, e) -> {
            if (e != null) {
                failEnter(out, e);
            } else {
                join(out);
            }
        });
        return out;
    }

    private void join(DefaultAsyncResult<Void> out) {
        synchronized (this) {
            entering = out;
        }
        Recipes.onDone(Recipes.retry(client, () -> client.createAsync(nodePath, identifier,
                CreateOptions.DEFAULT.ephemeral())), (p, e) -> {
            if (e != null && !(e instanceof NodeExistsException)) {
                failEnter(out, e);
                return;
            }
            Recipes.onDone(Recipes.retry(client, () -> client.existsAsync(readyPath, readyWatcher)), (stat, ee) -> {
                if (ee != null) {
                    failEnter(out, ee);
                } else if (stat != null) {
                    client.removeWatchesAsync(readyPath, readyWatcher, WatcherType.DATA);
                    entered(out);
                } else {
                    countAndMaybeRelease(out);
                }
            });
        });
    }

    /** One watcher object for every enter, so re-registering after a session loss adds nothing. */
    private void onReadyEvent(WatchedEvent event) {
        DefaultAsyncResult<Void> out;
        synchronized (this) {
            out = entering;
        }
        if (out == null || out.ready()) {
            return;
        }
        if (event.type() == EventType.CREATED) {
            entered(out);
        } else if (event.type() == EventType.NONE) {
            join(out); // the session ended, and our node with it
        }
    }

    private void countAndMaybeRelease(DefaultAsyncResult<Void> out) {
        Recipes.onDone(Recipes.retry(client, () -> client.getChildrenAsync(path)), (children, e) -> {
            if (e != null) {
                failEnter(out, e);
            } else if (!children.contains(nodeName)) {
                join(out); // our node went with a session that ended meanwhile
            } else if (participants(children).size() >= numClients) {
                Recipes.onDone(Recipes.retry(client, () -> client.createAsync(readyPath, new byte[0])), (p, ce) -> {
                    if (ce != null && !(ce instanceof NodeExistsException)) {
                        failEnter(out, ce);
                    }
                    // else: our exists watch fires CREATED and enters
                });
            }
            // else: wait for the ready node
        });
    }

    private void entered(DefaultAsyncResult<Void> out) {
        participating = true;
        out.set(null);
    }

    private void failEnter(DefaultAsyncResult<Void> out, Throwable e) {
        participating = false;
        out.setException(e);
        Recipes.retryForever(client, () -> client.deleteAsync(nodePath)); // in the background: NoNode ends it
    }

    /**
     * The result of an enter or leave, which fails with {@code ConnectionLossException} when the
     * client stays disconnected for its request timeout (each step's retries are bounded too).
     */
    private DefaultAsyncResult<Void> guarded() {
        DefaultAsyncResult<Void> out = Recipes.newResult(client);
        Budget budget = Budget.waiting(client);
        budget.guard(path, e -> {
            if (out == entering()) {
                failEnter(out, e);
            } else {
                out.setException(e);
            }
        });
        out.rawlink(r -> budget.close());
        return out;
    }

    private synchronized DefaultAsyncResult<Void> entering() {
        return entering;
    }

    /** Leaves, and waits until every participant has left. */
    public void leave() {
        Recipes.requireNotHandlerThread(client, "leave()");
        leaveAsync().get();
    }

    /** {@return the outcome of {@link #leave()}, without blocking} */
    public AsyncResult<Void> leaveAsync() {
        DefaultAsyncResult<Void> out = guarded();
        Recipes.onDone(client.deleteAsync(readyPath), (v, e) -> {
            if (e != null && !(e instanceof NoNodeException) && !KazooRetry.transientError(e)) {
                out.setException(e);
            } else {
                leaveStep(out);
            }
        });
        return out;
    }

    private void leaveStep(DefaultAsyncResult<Void> out) {
        Recipes.onDone(Recipes.retry(client, () -> client.getChildrenAsync(path)), (all, e) -> {
            if (e instanceof NoNodeException) {
                left(out);
                return;
            }
            if (e != null) {
                out.setException(e);
                return;
            }
            List<String> children = participants(all);
            if (children.isEmpty()) {
                left(out);
                return;
            }
            if (children.size() == 1 && children.get(0).equals(nodeName)) {
                Recipes.onDone(deleteOwn(), (v, de) -> {
                    if (de != null) {
                        out.setException(de);
                    } else {
                        left(out);
                    }
                });
                return;
            }
            children.sort(null);
            if (nodeName.equals(children.get(0))) {
                waitForDeletion(out, Recipes.join(path, children.get(children.size() - 1)));
            } else {
                Recipes.onDone(deleteOwn(), (v, de) -> {
                    if (de != null) {
                        out.setException(de);
                    } else {
                        waitForDeletion(out, Recipes.join(path, children.get(0)));
                    }
                });
            }
        });
    }

    /** Waits for {@code other} to go, then looks again. */
    private void waitForDeletion(DefaultAsyncResult<Void> out, String other) {
        Watcher[] gone = new Watcher[1];
        gone[0] = event -> {
            if (event.type() == EventType.DELETED || event.type() == EventType.NONE) {
                leaveStep(out);
            } else if (event.type() != EventType.DATA_WATCH_REMOVED) {
                waitForDeletion(out, other); // a data change: watch again
            }
        };
        Recipes.onDone(Recipes.retry(client, () -> client.existsAsync(other, gone[0])), (stat, e) -> {
            if (e != null) {
                out.setException(e);
            } else if (stat == null) {
                client.removeWatchesAsync(other, gone[0], WatcherType.DATA);
                leaveStep(out);
            }
        });
    }

    private AsyncResult<Void> deleteOwn() {
        DefaultAsyncResult<Void> out = Recipes.newResult(client);
        Recipes.onDone(Recipes.retry(client, () -> client.deleteAsync(nodePath)), (v, e) -> {
            if (e == null || e instanceof NoNodeException) {
                out.set(null);
            } else {
                out.setException(e);
            }
        });
        return out;
    }

    private void left(DefaultAsyncResult<Void> out) {
        participating = false;
        out.set(null);
    }

    private static List<String> participants(List<String> children) {
        List<String> out = new ArrayList<>(children);
        out.remove(READY);
        return out;
    }
}
