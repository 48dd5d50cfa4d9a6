package dev.zkasync.client.recipe;

import dev.zkasync.client.retry.KazooRetry;
import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.CreateOptions;
import dev.zkasync.client.handler.DefaultAsyncResult;
import dev.zkasync.client.watch.EventType;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.Transaction;
import dev.zkasync.client.watch.WatchedEvent;
import dev.zkasync.client.watch.Watcher;
import dev.zkasync.client.watch.WatcherType;
import dev.zkasync.client.exception.NoNodeException;
import dev.zkasync.client.exception.NodeExistsException;
import dev.zkasync.client.exception.RolledBackException;
import dev.zkasync.client.exception.ZooKeeperException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Kazoo's {@code LockingQueue}: a distributed queue where an item is locked while processed and
 * removed only when the consumer says it is done, so a consumer that dies does not lose it.
 *
 * <pre>{@code
 * LockingQueue queue = recipes.lockingQueue("/queues/jobs");
 * queue.put(job, 10);
 * byte[] item = queue.get(Duration.ofSeconds(30));   // null on timeout
 * if (item != null) {
 *     process(item);
 *     queue.consume();                               // or release() to hand it back
 * }
 * }</pre>
 *
 * <p>Layout, as Kazoo's: items are sequential {@code path/entries/entry-PPP-<seq>} (lower priority
 * first); a consumer locks an item by creating the ephemeral {@code path/taken/<item>} holding its
 * own id. {@link #putAll} adds several items in one transaction; {@link #consume} deletes the item
 * and its lock in one transaction. Waiting is done with two child watches (one registration each per
 * get, removed when the get ends, so repeated timed gets leak nothing, where Kazoo's keep a watcher
 * each). A get that times out while its lock create is in flight undoes the lock. A session loss
 * frees our lock (the item goes back to the queue); {@link #consume()} then returns false.
 *
 * <p>Delivery is at least once, as Kazoo's: an item is removed only by {@link #consume()}, so a
 * consumer that dies, or whose session ends, before consuming leaves it to another one. Connection
 * loss: every step is retried within the client's request timeout. A lock create whose reply was
 * lost is recognised by our id in the lock node; a consume or release whose reply was lost is
 * checked (lock gone and item gone: consumed) before being tried again, so it is neither done twice
 * nor reported lost. A put (or putAll) whose reply was lost is tried again, so its items may be
 * added twice (Kazoo does not retry a put). A blocking get without a timeout waits as long as the
 * server answers, and fails with {@code ConnectionLossException} when the client stays disconnected
 * for its request timeout.
 *
 * <p>One {@code LockingQueue} object is one consumer: it holds at most one item, and
 * {@link #get} returns that item again until it is consumed or released.
 */
public final class LockingQueue extends Contention<byte[], LockingQueue.Getter> {
    private final String entriesPath;
    private final String takenPath;
    private final byte[] id = Recipes.uuidHex().getBytes(StandardCharsets.US_ASCII);
    private volatile boolean pathsEnsured;

    // Guarded by this.
    private Element processing;

    private record Element(String name, byte[] value) {
    }

    /**
     * A consumer and producer of the queue at {@code path}.
     *
     * @param client the client the recipe uses; the caller starts and stops it
     * @param path the queue node
     */
    public LockingQueue(KazooClient client, String path) {
        super(client, path);
        this.entriesPath = Recipes.join(path, "entries");
        this.takenPath = Recipes.join(path, "taken");
    }

    /** {@return the queue node} */
    public String path() {
        return path;
    }

    // ------------------------------------------------------------------ put

    /**
     * Adds {@code value} with priority 100.
     *
     * @param value the item
     */
    public void put(byte[] value) {
        put(value, Queue.DEFAULT_PRIORITY);
    }

    /**
     * Adds {@code value}; lower priorities come out first.
     *
     * @param value the item
     * @param priority lower is taken first
     */
    public void put(byte[] value, int priority) {
        Recipes.requireNotHandlerThread(client, "put()");
        putAsync(value, priority).get();
    }

    /**
     * {@return the outcome of {@link #put(byte[], int)}, without blocking}
     *
     * @param value the item
     * @param priority lower is taken first
     */
    public AsyncResult<Void> putAsync(byte[] value, int priority) {
        Objects.requireNonNull(value, "value");
        String prefix = Recipes.join(entriesPath, Queue.entryPrefix(priority));
        // Retried through connection loss within the request timeout: at least once (see the class doc).
        return ensured(() -> Recipes.map(client,
                Recipes.retry(client, () -> client.createAsync(prefix, value, CreateOptions.DEFAULT.sequence())),
                p -> null));
    }

    /**
     * Adds all {@code values} with one priority, atomically (one transaction).
     *
     * @param values the items, in order
     * @param priority lower is taken first
     */
    public void putAll(List<byte[]> values, int priority) {
        Recipes.requireNotHandlerThread(client, "putAll()");
        putAllAsync(values, priority).get();
    }

    /**
     * {@return the outcome of {@link #putAll}, without blocking}
     *
     * @param values the items, in order
     * @param priority lower is taken first
     */
    public AsyncResult<Void> putAllAsync(List<byte[]> values, int priority) {
        List<byte[]> items = List.copyOf(values);
        String prefix = Recipes.join(entriesPath, Queue.entryPrefix(priority));
        return ensured(() -> Recipes.retry(client, () -> {
            Transaction tx = client.transaction();
            for (byte[] v : items) {
                tx.create(prefix, v, CreateOptions.DEFAULT.sequence());
            }
            return committed(tx);
        }));
    }

    /** Commits and fails with the failing operation's exception if nothing was applied. */
    private AsyncResult<Void> committed(Transaction tx) {
        DefaultAsyncResult<Void> out = Recipes.newResult(client);
        Recipes.onDone(tx.commitAsync(), (results, e) -> {
            if (e != null) {
                out.setException(e);
                return;
            }
            for (Object r : results) {
                if (r instanceof ZooKeeperException z && !(r instanceof RolledBackException)) {
                    out.setException(z);
                    return;
                }
            }
            out.set(null);
        });
        return out;
    }

    // ------------------------------------------------------------------ get

    /**
     * Locks and returns the first free item, waiting as long as it takes.
     *
     * @return the item, locked by this consumer until {@link #consume()} or {@link #release()}
     */
    public byte[] get() {
        return block(() -> getAsync(null), "get()", this::cancelled);
    }

    /**
     * Locks and returns the first free item, or null if none came within {@code timeout}.
     *
     * @param timeout how long to wait at most
     * @return the item, or null if none came in time
     */
    public byte[] get(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return block(() -> getAsync(timeout), "get(timeout)", this::cancelled);
    }

    /**
     * {@return the async get: completes with the locked item, or null when {@code timeout} (null: none)
     * passes} If this consumer still holds an item, that item comes back at once. Cancelling the
     * result ends the get.
     *
     * @param timeout how long to wait at most
     */
    public AsyncResult<byte[]> getAsync(Duration timeout) {
        return start(new Getter(this), timeout, "a get on " + path + " is already pending on this LockingQueue object");
    }

    private CancelledException cancelled() {
        return new CancelledException("getting an item of " + path + " was cancelled");
    }

    /** One get; it waits as long as the server answers, and an outage of the request timeout ends it. */
    static final class Getter extends Contention.Attempt<byte[]> {
        /** Each get has its own watcher: removing one get's registrations never touches another's. */
        final Watcher watcher;
        boolean checking;
        boolean recheck;

        private Getter(LockingQueue queue) {
            super(queue.client, true);
            this.watcher = event -> queue.onChange(this, event);
        }
    }

    @Override
    AsyncResult<byte[]> already() {
        return processing == null ? null : Recipes.completed(client, processing.value());
    }

    @Override
    void firstStep(Getter g) {
        Recipes.onDone(ensured(() -> Recipes.completed(client, null)), (v, e) -> {
            if (e != null) {
                end(g, null, e);
            } else {
                check(g);
            }
        });
    }

    @Override
    void timedOut(Getter g, Duration timeout) {
        end(g, null, null);
    }

    @Override
    String outagePath() {
        return entriesPath;
    }

    @Override
    AsyncResult<?> undo(Getter g) {
        removeWatches(g);
        return null;
    }

    @Override
    boolean obtained(byte[] value) {
        return value != null;
    }

    @Override
    void giveBack() {
        releaseAsync(); // taken just as the caller gave up
    }

    /** One look at the queue at a time; a change seen meanwhile asks for one more. */
    private void check(Getter g) {
        synchronized (this) {
            if (g.done) {
                return;
            }
            if (g.checking) {
                g.recheck = true;
                return;
            }
            g.checking = true;
        }
        AsyncResult<List<String>> entries = client.getChildrenAsync(entriesPath, g.watcher);
        AsyncResult<List<String>> taken = client.getChildrenAsync(takenPath, g.watcher);
        Recipes.onDone(Recipes.all(client, List.of(entries, taken)), (both, e) -> {
            boolean ended;
            synchronized (this) {
                ended = g.done;
            }
            if (ended) {
                removeWatches(g); // these reads registered the watcher after the get ended
                checked(g, null);
                return;
            }
            if (e != null) {
                checked(g, e);
                return;
            }
            g.budget.progress();
            Set<String> locked = new HashSet<>(both.get(1));
            List<String> available = new ArrayList<>();
            for (String entry : both.get(0)) {
                if (!locked.contains(entry)) {
                    available.add(entry);
                }
            }
            available.sort(null);
            tryTake(g, available, 0);
        });
    }

    private void tryTake(Getter g, List<String> available, int i) {
        synchronized (this) {
            if (g.done) {
                g.checking = false;
                return;
            }
        }
        if (i >= available.size()) {
            checked(g, null); // nothing free: the watches call again
            return;
        }
        String name = available.get(i);
        String lock = Recipes.join(takenPath, name);
        Recipes.onDone(client.createAsync(lock, id, CreateOptions.DEFAULT.ephemeral()), (p, e) -> {
            if (e instanceof NodeExistsException) {
                tryTake(g, available, i + 1);
            } else if (e != null && KazooRetry.transientError(e)) {
                // Did our create apply before the reply was lost?
                Recipes.onDone(Recipes.retry(client, () -> client.getAsync(lock)), (nd, ge) -> {
                    if (ge == null && Arrays.equals(nd.data(), id)) {
                        read(g, available, i, name); // it did
                    } else if (ge == null) {
                        tryTake(g, available, i + 1); // another consumer's lock
                    } else if (ge instanceof NoNodeException) {
                        tryTake(g, available, i); // it did not: try again
                    } else {
                        unlockIfOurs(lock); // still unknown: make sure no lock of ours is left on the item
                        checked(g, ge);
                    }
                });
            } else if (e != null) {
                checked(g, e);
            } else {
                read(g, available, i, name);
            }
        });
    }

    /** We hold the lock of {@code name}: read the item, or hand the lock back if it was consumed meanwhile. */
    private void read(Getter g, List<String> available, int i, String name) {
        String lock = Recipes.join(takenPath, name);
        Recipes.onDone(Recipes.retry(client, () -> client.getAsync(Recipes.join(entriesPath, name))), (nd, e) -> {
            if (e != null) {
                unlock(lock);
                if (e instanceof NoNodeException) {
                    tryTake(g, available, i + 1);
                } else {
                    checked(g, e);
                }
                return;
            }
            boolean keep;
            synchronized (this) {
                keep = winLocked(g);
                if (keep) {
                    processing = new Element(name, nd.data());
                }
            }
            if (!keep) {
                unlock(lock); // the get ended (timeout) while we were taking the item
                return;
            }
            removeWatches(g);
            won(g, nd.data());
        });
    }

    /** Deletes our lock in the background, through outages, until it or the session is gone. */
    private void unlock(String lock) {
        Recipes.retryForever(client, () -> client.deleteAsync(lock));
    }

    /** Deletes {@code lock} in the background if it is ours (a create whose outcome we could not learn). */
    private void unlockIfOurs(String lock) {
        Recipes.onDone(Recipes.retryForever(client, () -> client.getAsync(lock)), (nd, e) -> {
            if (e == null && Arrays.equals(nd.data(), id)) {
                unlock(lock);
            }
        });
    }

    /** The end of one look; errors are retried (transient) or end the get. */
    private void checked(Getter g, Throwable error) {
        boolean again;
        synchronized (this) {
            g.checking = false;
            again = g.recheck && !g.done;
            g.recheck = false;
        }
        if (error != null) {
            failed(g, error, () -> check(g));
        } else if (again) {
            check(g);
        }
    }

    private void onChange(Getter g, WatchedEvent event) {
        if (event.type() == EventType.CHILD || event.type() == EventType.NONE) {
            check(g); // a no-op once the get has ended
        }
    }

    private void removeWatches(Getter g) {
        client.removeWatchesAsync(entriesPath, g.watcher, WatcherType.CHILDREN); // NoWatcher if fired: fine
        client.removeWatchesAsync(takenPath, g.watcher, WatcherType.CHILDREN);
    }

    // ------------------------------------------------------------------ consume, release

    /** {@return whether this consumer still holds the lock of its current item} */
    public boolean holdsLock() {
        Recipes.requireNotHandlerThread(client, "holdsLock()");
        return holdsLockAsync().get();
    }

    /** {@return the outcome of {@link #holdsLock()}, without blocking} */
    public AsyncResult<Boolean> holdsLockAsync() {
        Element e;
        synchronized (this) {
            e = processing;
        }
        if (e == null) {
            return Recipes.completed(client, false);
        }
        return holds(e, Budget.oneShot(client));
    }

    /** Whether the lock of {@code e} is ours: a sync, then a read of the lock (Kazoo's holds_lock). */
    private AsyncResult<Boolean> holds(Element e, Budget budget) {
        String lock = Recipes.join(takenPath, e.name());
        DefaultAsyncResult<Boolean> out = Recipes.newResult(client);
        Recipes.onDone(Recipes.retry(client, budget, () -> client.syncAsync(lock)), (s, se) -> {
            if (se != null) {
                out.setException(se);
                return;
            }
            Recipes.onDone(Recipes.retry(client, budget, () -> client.getAsync(lock)), (nd, ge) -> {
                if (ge instanceof NoNodeException) {
                    out.set(false);
                } else if (ge != null) {
                    out.setException(ge);
                } else {
                    out.set(Arrays.equals(nd.data(), id));
                }
            });
        });
        return out;
    }

    /**
     * Removes the current item from the queue; false if there is none or its lock was lost.
     *
     * @return true if removed, false if there is no current item or its lock was lost
     */
    public boolean consume() {
        Recipes.requireNotHandlerThread(client, "consume()");
        return consumeAsync().get();
    }

    /** {@return the outcome of {@link #consume()}, without blocking} */
    public AsyncResult<Boolean> consumeAsync() {
        return finishItem(true);
    }

    /**
     * Hands the current item back to the queue unprocessed; false if there is none or its lock was lost.
     *
     * @return true if handed back, false if there is no current item or its lock was lost
     */
    public boolean release() {
        Recipes.requireNotHandlerThread(client, "release()");
        return releaseAsync().get();
    }

    /** {@return the outcome of {@link #release()}, without blocking} */
    public AsyncResult<Boolean> releaseAsync() {
        return finishItem(false);
    }

    private AsyncResult<Boolean> finishItem(boolean consume) {
        Element e;
        synchronized (this) {
            e = processing;
        }
        if (e == null) {
            return Recipes.completed(client, false);
        }
        DefaultAsyncResult<Boolean> out = Recipes.newResult(client);
        finishItem(e, consume, false, Budget.oneShot(client), out, 1);
        return out;
    }

    /**
     * Consumes (deletes the item and our lock) or releases (deletes our lock) in one transaction.
     * {@code tried}: an earlier transaction's reply was lost, so it may have applied; then a missing
     * lock means it did (or the session ended and took the lock), and the outcome is read from the
     * item itself rather than reported as a lost lock.
     */
    private void finishItem(Element e, boolean consume, boolean tried, Budget budget, DefaultAsyncResult<Boolean> out,
                            int attemptNo) {
        String entry = Recipes.join(entriesPath, e.name());
        Recipes.onDone(holds(e, budget), (holds, he) -> {
            if (he != null) {
                out.setException(he);
                return;
            }
            if (!holds) {
                if (!tried || !consume) {
                    // Never tried: the lock went with the session, someone else may process the item.
                    // A release that may have applied: the item is back in the queue either way.
                    clear(e);
                    out.set(tried);
                    return;
                }
                Recipes.onDone(Recipes.retry(client, budget, () -> client.existsAsync(entry)), (stat, xe) -> {
                    if (xe != null) {
                        out.setException(xe);
                        return;
                    }
                    clear(e);
                    out.set(stat == null); // gone: consumed (by our transaction, or after our lock was lost)
                });
                return;
            }
            Transaction tx = client.transaction();
            if (consume) {
                tx.delete(entry, -1);
            }
            tx.delete(Recipes.join(takenPath, e.name()), -1);
            Recipes.onDone(committed(tx), (v, ce) -> {
                if (ce == null || ce instanceof NoNodeException) {
                    clear(e);
                    out.set(ce == null);
                } else if (budget.retryable(ce)) {
                    // The reply may be lost with the transaction applied: look before doing it again.
                    client.schedule(Recipes.backoff(attemptNo),
                            () -> finishItem(e, consume, true, budget, out, attemptNo + 1));
                } else {
                    out.setException(ce);
                }
            });
        });
    }

    private synchronized void clear(Element e) {
        if (processing == e) {
            processing = null;
        }
    }

    /** {@return the number of items, locked ones included} */
    public int size() {
        Recipes.requireNotHandlerThread(client, "size()");
        return sizeAsync().get();
    }

    /** {@return the outcome of {@link #size()}, without blocking} */
    public AsyncResult<Integer> sizeAsync() {
        return ensured(() -> Recipes.map(client, client.existsAsync(entriesPath),
                stat -> stat == null ? 0 : stat.numChildren()));
    }

    private <T> AsyncResult<T> ensured(java.util.function.Supplier<AsyncResult<T>> op) {
        if (pathsEnsured) {
            return op.get();
        }
        DefaultAsyncResult<T> out = Recipes.newResult(client);
        AsyncResult<List<String>> both = Recipes.all(client, List.of(
                Recipes.retry(client, () -> client.ensurePathAsync(entriesPath)),
                Recipes.retry(client, () -> client.ensurePathAsync(takenPath))));
        Recipes.onDone(both, (v, e) -> {
            if (e != null) {
                out.setException(e);
                return;
            }
            pathsEnsured = true;
            Recipes.relay(op.get(), out);
        });
        return out;
    }
}
