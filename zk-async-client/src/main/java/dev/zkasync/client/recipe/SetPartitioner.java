package dev.zkasync.client.recipe;

import dev.zkasync.client.retry.KazooRetry;
import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.handler.DefaultAsyncResult;
import dev.zkasync.client.watch.EventType;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.client.state.KazooStateListener;
import dev.zkasync.client.watch.Watcher;
import dev.zkasync.client.watch.WatcherType;
import dev.zkasync.client.path.ZkPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Kazoo's {@code SetPartitioner}: divides a set of items among the members of a group, each member
 * holding a lock on each of its items.
 *
 * <pre>{@code
 * SetPartitioner p = recipes.setPartitioner("/partitions/jobs", Set.of("a", "b", "c", "d"), "worker-1");
 * while (true) {
 *     switch (p.state()) {
 *         case FAILURE -> throw new IllegalStateException("lost the partition set");
 *         case RELEASE -> p.releaseSet();
 *         case ACQUIRED -> work(p.partitions());
 *         case ALLOCATING -> p.waitForAcquire(Duration.ofSeconds(30));
 *     }
 * }
 * }</pre>
 *
 * <p>States, as Kazoo's: {@code ALLOCATING} (waiting for the membership to be stable for
 * {@code timeBoundary}, then locking this member's items), {@code ACQUIRED} (the items in
 * {@link #partitions()} are ours), {@code RELEASE} (the membership changed or the connection was
 * interrupted: call {@link #releaseSet()} to give the items up and allocate again) and
 * {@code FAILURE} (the session was lost or {@link #finish()} was called: make a new partitioner).
 *
 * <p>Layout, as Kazoo's: members are a {@link ShallowParty} at {@code path/party}; each item is
 * locked by a {@link Lock} at {@code path/locks/<item>}. Items are locked with
 * {@code maxReactionTime} per try, so a membership change during locking is noticed quickly. The
 * partition function is pluggable; the default is Kazoo's: both lists sorted, member {@code i} of
 * {@code n} takes items {@code i, i+n, i+2n, ...}.
 */
public final class SetPartitioner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SetPartitioner.class);

    /** Where a partitioner is. */
    public enum State {
        /** Waiting for the membership to be stable, then locking this member's items. */
        ALLOCATING,
        /** The items in {@link SetPartitioner#partitions()} are this member's. */
        ACQUIRED,
        /** The membership changed or the connection was interrupted: call {@link SetPartitioner#releaseSet()}. */
        RELEASE,
        /** The session was lost or {@link SetPartitioner#finish()} was called: make a new partitioner. */
        FAILURE
    }

    /** Chooses this member's items. */
    @FunctionalInterface
    public interface PartitionFunction {
        /**
         * Chooses the items this member should hold.
         *
         * @param identifier this member
         * @param members    every member's identifier (this one included)
         * @param items      the whole set
         * @return the items this member should hold
         */
        List<String> partition(String identifier, List<String> members, List<String> items);
    }

    /**
     * Kazoo's default: sorted round robin.
     *
     * @param identifier this member's identifier in the party
     * @param members the party's members
     * @param items the items
     * @return the items this member should hold
     */
    public static List<String> roundRobin(String identifier, List<String> members, List<String> items) {
        List<String> all = new ArrayList<>(items);
        all.sort(null);
        List<String> workers = new ArrayList<>(members);
        workers.sort(null);
        int i = workers.indexOf(identifier);
        List<String> mine = new ArrayList<>();
        if (i < 0) {
            return mine;
        }
        for (int k = i; k < all.size(); k += workers.size()) {
            mine.add(all.get(k));
        }
        return mine;
    }

    private final KazooClient client;
    private final String path;
    private final List<String> items;
    private final PartitionFunction partitionFunction;
    private final String identifier;
    private final Duration timeBoundary;
    private final Duration maxReactionTime;
    private final String locksPath;
    private final String partyPath;
    private final ShallowParty party;
    private final KazooStateListener sessionListener = this::onSession;
    private final List<Consumer<State>> stateListeners = new CopyOnWriteArrayList<>();

    // Guarded by this.
    private State state = State.ALLOCATING;
    private int stateId;
    private List<String> partitions = List.of();
    private final List<Lock> locks = new ArrayList<>();
    private DefaultAsyncResult<Boolean> acquired;
    private Round round;
    private boolean disconnected;

    /**
     * A partitioner with Kazoo's defaults: round robin, 30 s stable membership, 1 s reaction time.
     *
     * @param client the client the recipe uses; the caller starts and stops it
     * @param path the partitioner's node
     * @param set the items to partition
     * @param identifier this member's identifier in the party
     */
    public SetPartitioner(KazooClient client, String path, Collection<String> set, String identifier) {
        this(client, path, set, null, identifier, Duration.ofSeconds(30), Duration.ofSeconds(1));
    }

    /**
     * A partitioner; it joins the party and starts allocating at once.
     *
     * @param client the client the recipe uses; the caller starts and stops it
     * @param path the partitioner's node
     * @param set the items to partition
     * @param partitionFunction null for {@link #roundRobin}
     * @param identifier        null for Kazoo's {@code <hostname>-<pid>}; must be a valid node name
     * @param timeBoundary      how long the membership must stay unchanged before allocating
     * @param maxReactionTime   how long one try to lock an item waits
     */
    public SetPartitioner(KazooClient client, String path, Collection<String> set, PartitionFunction partitionFunction,
                          String identifier, Duration timeBoundary, Duration maxReactionTime) {
        this.client = Objects.requireNonNull(client, "client");
        ZkPaths.validate(path);
        this.path = path;
        this.items = List.copyOf(set);
        this.partitionFunction = partitionFunction != null ? partitionFunction : SetPartitioner::roundRobin;
        this.identifier = identifier != null ? identifier : Recipes.defaultIdentifier();
        this.timeBoundary = Objects.requireNonNull(timeBoundary, "timeBoundary");
        this.maxReactionTime = Objects.requireNonNull(maxReactionTime, "maxReactionTime");
        this.locksPath = Recipes.join(path, "locks");
        this.partyPath = Recipes.join(path, "party");
        this.party = new ShallowParty(client, partyPath, this.identifier);
        this.acquired = Recipes.newResult(client);
        client.addListener(sessionListener);
        AsyncResult<List<String>> paths = Recipes.all(client, List.of(
                Recipes.retryForever(client, () -> client.ensurePathAsync(locksPath)),
                Recipes.retryForever(client, () -> client.ensurePathAsync(partyPath))));
        Recipes.onDone(paths, (v, e) -> {
            if (e != null) {
                failOut(e);
                return;
            }
            Recipes.onDone(party.joinAsync(), (j, je) -> {
                if (je != null) {
                    failOut(je);
                } else {
                    watchMembership();
                }
            });
        });
    }

    // ------------------------------------------------------------------ state

    /** {@return the current state} */
    public synchronized State state() {
        return state;
    }

    /**
     * Increases with every state change.
     *
     * @return a number that increases with every state change
     */
    public synchronized int stateId() {
        return stateId;
    }

    /** {@return whether the state is {@link State#FAILURE}} */
    public boolean failed() {
        return state() == State.FAILURE;
    }

    /** {@return whether the state is {@link State#RELEASE}: call {@link #releaseSet()}} */
    public boolean release() {
        return state() == State.RELEASE;
    }

    /** {@return whether the state is {@link State#ALLOCATING}} */
    public boolean allocating() {
        return state() == State.ALLOCATING;
    }

    /** {@return whether the state is {@link State#ACQUIRED}} */
    public boolean acquired() {
        return state() == State.ACQUIRED;
    }

    /** {@return this member's items while {@link State#ACQUIRED}; empty otherwise} */
    public synchronized List<String> partitions() {
        return state == State.ACQUIRED ? partitions : List.of();
    }

    /** {@return this member's identifier in the party} */
    public String identifier() {
        return identifier;
    }

    /**
     * Called on the client's handler with every new state.
     *
     * @param listener runs on the client's handler
     */
    public void addStateListener(Consumer<State> listener) {
        stateListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Removes a listener added with {@link #addStateListener}.
     *
     * @param listener runs on the client's handler
     */
    public void removeStateListener(Consumer<State> listener) {
        stateListeners.remove(listener);
    }

    /**
     * Waits at most {@code timeout} for the set to be acquired; true if it is.
     *
     * @param timeout how long to wait at most
     * @return true if the set is acquired
     */
    public boolean waitForAcquire(Duration timeout) {
        Recipes.requireNotHandlerThread(client, "waitForAcquire()");
        AsyncResult<Boolean> r;
        synchronized (this) {
            r = acquired;
        }
        r.await(timeout);
        return acquired();
    }

    /**
     * Completes with true when the set is acquired, with false if the partitioner fails first.
     *
     * @return true when the set is acquired, false if the partitioner fails first
     */
    public synchronized AsyncResult<Boolean> acquiredAsync() {
        return acquired;
    }

    /** Gives this member's items up and allocates again (the answer to {@link State#RELEASE}). */
    public void releaseSet() {
        Recipes.requireNotHandlerThread(client, "releaseSet()");
        releaseSetAsync().get();
    }

    /** {@return the outcome of {@link #releaseSet()}, without blocking} */
    public AsyncResult<Void> releaseSetAsync() {
        DefaultAsyncResult<Void> out = Recipes.newResult(client);
        Recipes.onDone(releaseLocks(), (v, e) -> {
            synchronized (this) {
                if (state == State.FAILURE) {
                    out.set(null);
                    return;
                }
            }
            setState(State.ALLOCATING);
            watchMembership();
            out.set(null);
        });
        return out;
    }

    /** Releases the items and leaves the party for good (state FAILURE). */
    public void finish() {
        AsyncResult<Void> done = finishAsync();
        if (!client.handler().inHandlerThread()) {
            done.await(Duration.ofSeconds(30));
        }
    }

    /** {@return the outcome of {@link #finish()}, without blocking} */
    public AsyncResult<Void> finishAsync() {
        DefaultAsyncResult<Void> out = Recipes.newResult(client);
        Recipes.onDone(releaseLocks(), (v, e) -> Recipes.onDone(failOut(null), (l, le) -> out.set(null)));
        return out;
    }

    /** The same as {@link #finish()}. */
    @Override
    public void close() {
        finish();
    }

    private void setState(State next) {
        DefaultAsyncResult<Boolean> toComplete = null;
        synchronized (this) {
            if (state == next) {
                return;
            }
            state = next;
            stateId++;
            if (next == State.ACQUIRED || next == State.FAILURE) {
                toComplete = acquired;
            } else if (acquired.ready()) {
                acquired = Recipes.newResult(client);
            }
        }
        if (toComplete != null) {
            toComplete.set(next == State.ACQUIRED);
        }
        for (Consumer<State> l : stateListeners) {
            try {
                l.accept(next);
            } catch (RuntimeException e) {
                log.error("A state listener of partitioner {} threw", path, e);
            }
        }
    }

    private AsyncResult<Void> failOut(Throwable cause) {
        if (cause != null) {
            log.warn("SetPartitioner on {} failed", path, cause);
        }
        Round r;
        synchronized (this) {
            r = round;
            round = null;
        }
        if (r != null) {
            r.close();
        }
        setState(State.FAILURE);
        client.removeListener(sessionListener);
        return Recipes.map(client, party.participating() ? party.leaveAsync() : Recipes.completed(client, false),
                left -> null);
    }

    private void onSession(KazooState s) {
        synchronized (this) {
            if (state == State.FAILURE) {
                return;
            }
        }
        if (s == KazooState.LOST) {
            releaseLocks();
            failOut(null);
            return;
        }
        synchronized (this) {
            if (s == KazooState.SUSPENDED) {
                disconnected = true;
            } else if (!disconnected) {
                return; // a CONNECTED from before we started, delivered late: nothing was interrupted
            } else {
                disconnected = false;
            }
        }
        if (!release()) {
            setState(State.RELEASE); // the connection was interrupted: our locks may be gone
        }
    }

    // ------------------------------------------------------------------ membership (PatientChildrenWatch)

    /** One look at the membership, settled when it stays unchanged for {@code timeBoundary}. */
    private final class Round {
        final Watcher watcher = event -> changed(event.type());
        final int stateId;
        List<String> members;
        Future<?> timer;
        boolean changed;
        boolean settled;
        boolean closed;

        Round(int stateId) {
            this.stateId = stateId;
        }

        void changed(EventType type) {
            if (type != EventType.CHILD && type != EventType.NONE && type != EventType.DELETED) {
                return;
            }
            boolean restart;
            synchronized (SetPartitioner.this) {
                if (closed) {
                    return;
                }
                changed = true;
                restart = !settled;
            }
            if (restart) {
                return; // the timer notices and looks again
            }
            // Settled and allocating or acquired: the party changed under us.
            membershipChanged(this);
        }

        void close() {
            synchronized (SetPartitioner.this) {
                closed = true;
            }
            Recipes.cancel(timer);
            client.removeWatchesAsync(partyPath, watcher, WatcherType.CHILDREN);
        }
    }

    private void watchMembership() {
        Round r;
        Round old;
        synchronized (this) {
            if (state != State.ALLOCATING) {
                return;
            }
            old = round;
            r = new Round(stateId);
            round = r;
        }
        if (old != null) {
            old.close();
        }
        look(r);
    }

    private void look(Round r) {
        synchronized (this) {
            // Reset before asking: the watch event of a change may be handled before this read's reply.
            r.changed = false;
        }
        Recipes.onDone(Recipes.retryForever(client, () -> client.getChildrenAsync(partyPath, r.watcher)), (children, e) -> {
            if (e != null) {
                failOut(e);
                return;
            }
            synchronized (this) {
                if (r.closed) {
                    return;
                }
                r.members = children.stream().map(c -> c.substring(c.indexOf('-') + 1)).toList();
            }
            r.timer = client.schedule(timeBoundary, () -> {
                boolean again;
                synchronized (this) {
                    if (r.closed) {
                        return;
                    }
                    again = r.changed;
                    r.settled = !again;
                }
                if (again) {
                    look(r); // changed during the wait: wait again
                } else {
                    allocate(r);
                }
            });
        });
    }

    private void membershipChanged(Round r) {
        synchronized (this) {
            if (round != r) {
                return;
            }
        }
        if (acquired()) {
            setState(State.RELEASE);
        }
        // While allocating, the lock loop sees r.changed and starts over.
    }

    // ------------------------------------------------------------------ allocation

    private void allocate(Round r) {
        List<String> mine;
        synchronized (this) {
            if (state != State.ALLOCATING || round != r) {
                return;
            }
            mine = List.copyOf(partitionFunction.partition(identifier, r.members, items));
        }
        lockNext(r, mine, 0, null);
    }

    /** Locks {@code mine[i]}, one short try at a time, checking between tries whether to stop. */
    private void lockNext(Round r, List<String> mine, int i, Lock pending) {
        if (abortIfNeeded(r)) {
            return;
        }
        if (i >= mine.size()) {
            boolean ok;
            synchronized (this) {
                ok = round == r && !r.changed && state == State.ALLOCATING && stateId == r.stateId;
                if (ok) {
                    partitions = mine;
                }
            }
            if (ok) {
                setState(State.ACQUIRED);
            } else {
                abortIfNeeded(r);
            }
            return;
        }
        Lock lock = pending != null ? pending : new Lock(client, Recipes.join(locksPath, mine.get(i)), identifier);
        Recipes.onDone(lock.acquireAsync(maxReactionTime), (won, e) -> {
            if (e == null && won) {
                boolean keep;
                synchronized (this) {
                    keep = round == r && state == State.ALLOCATING;
                    if (keep) {
                        locks.add(lock);
                    }
                }
                if (!keep) {
                    lock.releaseAsync(); // the allocation ended while this lock was coming
                    return;
                }
                lockNext(r, mine, i + 1, null);
            } else if (e == null || e instanceof LockTimeoutException || KazooRetry.transientError(e)) {
                lockNext(r, mine, i, lock); // try again, unless the party moved meanwhile
            } else {
                releaseLocks();
                failOut(e);
            }
        });
    }

    /** Kazoo's {@code abort_if_needed}: start over when the party changed, stop when the state moved. */
    private boolean abortIfNeeded(Round r) {
        boolean changed;
        boolean stateMoved;
        synchronized (this) {
            changed = r.changed;
            stateMoved = stateId != r.stateId || round != r || state != State.ALLOCATING;
        }
        if (stateMoved) {
            return true;
        }
        if (changed) {
            Recipes.onDone(releaseLocks(), (v, e) -> watchMembership());
            return true;
        }
        return false;
    }

    private AsyncResult<Void> releaseLocks() {
        List<Lock> held;
        synchronized (this) {
            held = new ArrayList<>(locks);
            locks.clear();
            partitions = List.of();
        }
        List<AsyncResult<Boolean>> released = new ArrayList<>();
        for (Lock l : held) {
            released.add(l.releaseAsync());
        }
        return Recipes.map(client, Recipes.all(client, released), v -> null);
    }

    @Override
    public String toString() {
        return "SetPartitioner[" + path + ", " + identifier + ", " + state() + ", " + partitions() + "]";
    }
}
