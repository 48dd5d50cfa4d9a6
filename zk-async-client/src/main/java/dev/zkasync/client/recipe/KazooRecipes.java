package dev.zkasync.client.recipe;

import dev.zkasync.client.KazooClient;

import java.time.Duration;
import java.util.Collection;
import java.util.Objects;

/**
 * The recipes of one client, made from one place (Kazoo binds them on its client; here the client
 * stays a plain ZooKeeper client and the recipes sit on top of it):
 *
 * <pre>{@code
 * KazooRecipes recipes = KazooRecipes.of(client);
 * try (Lock lock = recipes.lock("/locks/orders", "worker-1")) {
 *     lock.acquire(Duration.ofSeconds(10));
 *     ...
 * }
 * }</pre>
 *
 * <p>Each method returns a new recipe object, as its public constructor would; nothing is sent to
 * ZooKeeper until the recipe is used, except where a method says so. Cheap to make and stateless:
 * keep one, or call {@link #of} where needed.
 */
public final class KazooRecipes {
    private final KazooClient client;

    private KazooRecipes(KazooClient client) {
        this.client = client;
    }

    /**
     * The recipes of {@code client}.
     *
     * @param client the client the recipes use
     * @return the recipes, cheap to make
     */
    public static KazooRecipes of(KazooClient client) {
        return new KazooRecipes(Objects.requireNonNull(client, "client"));
    }

    /** {@return the client the recipes use} */
    public KazooClient client() {
        return client;
    }

    /**
     * Kazoo's {@code DataWatch}: {@code callback} now and on every change of {@code path}.
     *
     * @param path the recipe's node
     * @param callback called now and on every change, on the client's handler
     * @return a new recipe object
     */
    public DataWatch dataWatch(String path, DataWatch.Callback callback) {
        return new DataWatch(client, path, callback);
    }

    /**
     * Kazoo's {@code ChildrenWatch}: {@code callback} now and on every change of {@code path}'s children.
     *
     * @param path the recipe's node
     * @param callback called now and on every change, on the client's handler
     * @return a new recipe object
     */
    public ChildrenWatch childrenWatch(String path, ChildrenWatch.Callback callback) {
        return new ChildrenWatch(client, path, callback);
    }

    /**
     * Kazoo's {@code Lock} in Kazoo's node layout.
     *
     * @param path the recipe's node
     * @param identifier identifies this participant to the others (stored as its node's data)
     * @return a new recipe object
     */
    public Lock lock(String path, String identifier) {
        return new Lock(client, path, identifier);
    }

    /**
     * A {@code Lock} in the given node layout ({@code CURATOR} to share it with Curator's InterProcessMutex).
     *
     * @param path the recipe's node
     * @param identifier identifies this participant to the others (stored as its node's data)
     * @param layout the node layout
     * @return a new recipe object
     */
    public Lock lock(String path, String identifier, Lock.Layout layout) {
        return new Lock(client, path, identifier, layout);
    }

    /**
     * Kazoo's {@code ReadLock}.
     *
     * @param path the recipe's node
     * @param identifier identifies this participant to the others (stored as its node's data)
     * @return a new recipe object
     */
    public ReadLock readLock(String path, String identifier) {
        return new ReadLock(client, path, identifier);
    }

    /**
     * Kazoo's {@code WriteLock}.
     *
     * @param path the recipe's node
     * @param identifier identifies this participant to the others (stored as its node's data)
     * @return a new recipe object
     */
    public WriteLock writeLock(String path, String identifier) {
        return new WriteLock(client, path, identifier);
    }

    /**
     * Kazoo's {@code Election}.
     *
     * @param path the recipe's node
     * @param identifier identifies this participant to the others (stored as its node's data)
     * @return a new recipe object
     */
    public Election election(String path, String identifier) {
        return new Election(client, path, identifier);
    }

    /**
     * Kazoo's {@code Semaphore} with {@code maxLeases} leases.
     *
     * @param path the recipe's node
     * @param identifier identifies this participant to the others (stored as its node's data)
     * @param maxLeases how many holders at most
     * @return a new recipe object
     */
    public Semaphore semaphore(String path, String identifier, int maxLeases) {
        return new Semaphore(client, path, identifier, maxLeases);
    }

    /**
     * Kazoo's {@code Counter} in Kazoo's text form, 0 by default.
     *
     * @param path the recipe's node
     * @return a new recipe object
     */
    public Counter counter(String path) {
        return new Counter(client, path);
    }

    /**
     * A {@code Counter}; {@code curatorFormat} stores Curator {@code SharedCount}'s 4-byte int.
     *
     * @param path the recipe's node
     * @param defaultValue the value when the node does not exist
     * @param curatorFormat whether to store the value as Curator's {@code SharedCount} does (a 4-byte int) instead of
     *         Kazoo's text
     * @return a new recipe object
     */
    public Counter counter(String path, long defaultValue, boolean curatorFormat) {
        return new Counter(client, path, defaultValue, curatorFormat);
    }

    /**
     * Kazoo's {@code Barrier}.
     *
     * @param path the recipe's node
     * @return a new recipe object
     */
    public Barrier barrier(String path) {
        return new Barrier(client, path);
    }

    /**
     * Kazoo's {@code DoubleBarrier} for {@code numClients} participants.
     *
     * @param path the recipe's node
     * @param numClients how many participants the barrier waits for
     * @param identifier identifies this participant to the others (stored as its node's data)
     * @return a new recipe object
     */
    public DoubleBarrier doubleBarrier(String path, int numClients, String identifier) {
        return new DoubleBarrier(client, path, numClients, identifier);
    }

    /**
     * Kazoo's {@code Party}.
     *
     * @param path the recipe's node
     * @param identifier identifies this participant to the others (stored as its node's data)
     * @return a new recipe object
     */
    public Party party(String path, String identifier) {
        return new Party(client, path, identifier);
    }

    /**
     * Kazoo's {@code ShallowParty}.
     *
     * @param path the recipe's node
     * @param identifier identifies this participant to the others (stored as its node's data)
     * @return a new recipe object
     */
    public ShallowParty shallowParty(String path, String identifier) {
        return new ShallowParty(client, path, identifier);
    }

    /**
     * Kazoo's {@code Queue}.
     *
     * @param path the recipe's node
     * @return a new recipe object
     */
    public Queue queue(String path) {
        return new Queue(client, path);
    }

    /**
     * Kazoo's {@code LockingQueue}.
     *
     * @param path the recipe's node
     * @return a new recipe object
     */
    public LockingQueue lockingQueue(String path) {
        return new LockingQueue(client, path);
    }

    /**
     * Kazoo's {@code TreeCache} of the subtree at {@code path} (not started).
     *
     * @param path the recipe's node
     * @return a new recipe object
     */
    public TreeCache treeCache(String path) {
        return new TreeCache(client, path);
    }

    /**
     * A Curator-style cache on one persistent recursive watch (not started).
     *
     * @param path the recipe's node
     * @return a new recipe object
     */
    public CuratorCache curatorCache(String path) {
        return new CuratorCache(client, path);
    }

    /**
     * Kazoo's {@code SetPartitioner} with Kazoo's defaults (round robin, 30 s boundary, 1 s reaction).
     *
     * @param path the recipe's node
     * @param set the items to partition
     * @param identifier identifies this participant to the others (stored as its node's data)
     * @return a new recipe object
     */
    public SetPartitioner setPartitioner(String path, Collection<String> set, String identifier) {
        return new SetPartitioner(client, path, set, identifier);
    }

    /**
     * A {@code SetPartitioner} with every setting.
     *
     * @param path the recipe's node
     * @param set the items to partition
     * @param partitionFunction which items a member gets
     * @param identifier identifies this participant to the others (stored as its node's data)
     * @param timeBoundary how long membership must stay unchanged before partitions are assigned
     * @param maxReactionTime how long membership must stay unchanged before partitions are assigned
     * @return a new recipe object
     */
    public SetPartitioner setPartitioner(String path, Collection<String> set,
                                         SetPartitioner.PartitionFunction partitionFunction, String identifier,
                                         Duration timeBoundary, Duration maxReactionTime) {
        return new SetPartitioner(client, path, set, partitionFunction, identifier, timeBoundary, maxReactionTime);
    }

    /**
     * Kazoo's {@code NonBlockingLease}: tries to obtain the lease now (blocking); see {@code obtained()}.
     *
     * @param path the recipe's node
     * @param duration how long an obtained lease lasts
     * @param identifier identifies this participant to the others (stored as its node's data)
     * @return a new recipe object
     */
    public NonBlockingLease nonBlockingLease(String path, Duration duration, String identifier) {
        return new NonBlockingLease(client, path, duration, identifier);
    }

    /**
     * Kazoo's {@code MultiNonBlockingLease}: tries one of {@code count} leases now (blocking).
     *
     * @param count how many leases exist
     * @param path the recipe's node
     * @param duration how long an obtained lease lasts
     * @param identifier identifies this participant to the others (stored as its node's data)
     * @return a new recipe object
     */
    public MultiNonBlockingLease multiNonBlockingLease(int count, String path, Duration duration, String identifier) {
        return new MultiNonBlockingLease(client, count, path, duration, identifier);
    }
}
