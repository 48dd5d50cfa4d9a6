package dev.zkasync.spring.cloud.discovery;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.zkasync.client.KazooClient;
import dev.zkasync.client.recipe.CachedNode;
import dev.zkasync.client.recipe.CuratorCache;
import dev.zkasync.client.recipe.KazooRecipes;
import dev.zkasync.client.recipe.TreeEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * The services and instances under the discovery root, kept current by a {@link CuratorCache}
 * (one persistent recursive watch; two watches per node on servers before 3.6), so a lookup never
 * waits on ZooKeeper. Instances are parsed once, when their node changes; a node that is not an
 * instance is skipped with a warning naming it.
 *
 * <p>A {@link SmartLifecycle} in the phase after the client's, so it loads once the client is
 * started and closes its watch before the client stops. Until the first load is done, lookups
 * answer from what is loaded so far.
 */
public class ZkAsyncServiceCache implements SmartLifecycle {

    /** The phase: after {@code KazooClientLifecycle}'s 0, so the client is started first. */
    public static final int PHASE = 1;

    private static final Log logger = LogFactory.getLog(ZkAsyncServiceCache.class);

    private final KazooClient client;

    private final String root;

    // service name -> instance id -> instance, sorted so answers come in a stable order
    private final Map<String, NavigableMap<String, ZkAsyncServiceInstance>> services = new ConcurrentHashMap<>();

    private final AtomicLong updates = new AtomicLong();

    private final AtomicLong skipped = new AtomicLong();

    private volatile CuratorCache cache;

    private volatile boolean initialized;

    /**
     * Creates a cache of the services under {@code root}; {@link #start()} loads it.
     * @param client the client
     * @param root the discovery root, for example {@code /services}
     */
    public ZkAsyncServiceCache(KazooClient client, String root) {
        this.client = client;
        this.root = root;
    }

    /**
     * The discovery root.
     * @return the root path
     */
    public String getRoot() {
        return this.root;
    }

    @Override
    public synchronized void start() {
        if (this.cache != null) {
            return;
        }
        CuratorCache newCache = KazooRecipes.of(this.client).curatorCache(this.root);
        newCache.listen(this::onEvent);
        this.cache = newCache;
        newCache.start();
    }

    @Override
    public synchronized void stop() {
        CuratorCache current = this.cache;
        if (current != null) {
            this.cache = null;
            current.close();
            this.initialized = false;
            this.services.clear();
        }
    }

    @Override
    public boolean isRunning() {
        return this.cache != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /**
     * Whether the initial load is done.
     * @return {@code true} once every node present at start was read
     */
    public boolean isInitialized() {
        return this.cache != null && this.initialized;
    }

    /**
     * The names of the services (the nodes under the root), sorted.
     * @return the names
     */
    public List<String> getServices() {
        return this.services.keySet().stream().sorted().toList();
    }

    /**
     * A service's instances.
     * @param serviceId the service name
     * @return its instances, by instance id; empty for an unknown service
     */
    public List<ZkAsyncServiceInstance> getInstances(String serviceId) {
        NavigableMap<String, ZkAsyncServiceInstance> instances = this.services.get(serviceId);
        return (instances != null) ? List.copyOf(instances.values()) : List.of();
    }

    /**
     * The number of instances cached, all services together.
     * @return the count
     */
    public int instanceCount() {
        return this.services.values().stream().mapToInt(Map::size).sum();
    }

    /**
     * How many changes the cache applied since it started (services and instances added, changed or removed).
     * @return the count
     */
    public long updateCount() {
        return this.updates.get();
    }

    /**
     * How many instance nodes were skipped because their data is not an instance.
     * @return the count
     */
    public long skippedCount() {
        return this.skipped.get();
    }

    // On the client's handler thread, one event at a time.
    private void onEvent(TreeEvent event) {
        if (event.type() == TreeEvent.Type.INITIALIZED) {
            // The recipe's own result completes before its listeners have seen the last nodes.
            this.initialized = true;
            return;
        }
        CachedNode node = event.node();
        if (node == null || node.path().equals(this.root)) {
            return;
        }
        String relative = node.path().substring(this.root.equals("/") ? 1 : this.root.length() + 1);
        int slash = relative.indexOf('/');
        String service = (slash < 0) ? relative : relative.substring(0, slash);
        String instanceId = (slash < 0) ? null : relative.substring(slash + 1);
        if (instanceId != null && instanceId.indexOf('/') >= 0) {
            return; // deeper than an instance: not part of the layout
        }
        switch (event.type()) {
            case NODE_ADDED, NODE_UPDATED -> {
                NavigableMap<String, ZkAsyncServiceInstance> instances = this.services.computeIfAbsent(service,
                        (name) -> new ConcurrentSkipListMap<>());
                if (instanceId != null) {
                    ZkAsyncServiceInstance instance = parse(service, instanceId, node);
                    if (instance == null) {
                        instances.remove(instanceId);
                        return;
                    }
                    instances.put(instanceId, instance);
                }
                this.updates.incrementAndGet();
            }
            case NODE_REMOVED -> {
                if (instanceId == null) {
                    this.services.remove(service);
                }
                else {
                    NavigableMap<String, ZkAsyncServiceInstance> instances = this.services.get(service);
                    if (instances != null) {
                        instances.remove(instanceId);
                    }
                }
                this.updates.incrementAndGet();
            }
            default -> {
            }
        }
    }

    private ZkAsyncServiceInstance parse(String service, String instanceId, CachedNode node) {
        byte[] data = node.data();
        try {
            if (data == null || data.length == 0) {
                throw new IllegalArgumentException("no data");
            }
            return InstanceJson.read(service, instanceId, data);
        }
        catch (IllegalArgumentException ex) {
            this.skipped.incrementAndGet();
            logger.warn("Skipping " + node.path() + ": its data is not a service instance (" + ex.getMessage() + ")");
            return null;
        }
    }

    @Override
    public String toString() {
        return "ZkAsyncServiceCache[" + this.root + ", " + this.services.size() + " services, " + instanceCount()
                + " instances]";
    }

}
