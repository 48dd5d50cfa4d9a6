package dev.zkasync.spring.cloud.discovery;

import java.util.List;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * Spring Cloud Commons' {@link DiscoveryClient} over a {@link ZkAsyncServiceCache}: every lookup is
 * answered from the watch-kept cache, without a request to ZooKeeper.
 */
public class ZkAsyncDiscoveryClient implements DiscoveryClient {

    private final ZkAsyncServiceCache cache;

    private final int order;

    /**
     * Creates a client.
     * @param cache the cache to answer from
     * @param order the order among discovery clients
     */
    public ZkAsyncDiscoveryClient(ZkAsyncServiceCache cache, int order) {
        this.cache = cache;
        this.order = order;
    }

    @Override
    public String description() {
        return "zk-async discovery client (ZooKeeper " + this.cache.getRoot() + ")";
    }

    @Override
    public List<ServiceInstance> getInstances(String serviceId) {
        return List.copyOf(this.cache.getInstances(serviceId));
    }

    @Override
    public List<String> getServices() {
        return this.cache.getServices();
    }

    @Override
    public int getOrder() {
        return this.order;
    }

}
