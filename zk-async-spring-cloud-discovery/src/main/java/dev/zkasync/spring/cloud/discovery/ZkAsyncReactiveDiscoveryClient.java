package dev.zkasync.spring.cloud.discovery;

import reactor.core.publisher.Flux;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;

/**
 * Spring Cloud Commons' {@link ReactiveDiscoveryClient} over a {@link ZkAsyncServiceCache}: each
 * subscription reads the watch-kept cache, so nothing blocks and nothing is sent to ZooKeeper.
 */
public class ZkAsyncReactiveDiscoveryClient implements ReactiveDiscoveryClient {

    private final ZkAsyncServiceCache cache;

    private final int order;

    /**
     * Creates a client.
     * @param cache the cache to answer from
     * @param order the order among discovery clients
     */
    public ZkAsyncReactiveDiscoveryClient(ZkAsyncServiceCache cache, int order) {
        this.cache = cache;
        this.order = order;
    }

    @Override
    public String description() {
        return "zk-async reactive discovery client (ZooKeeper " + this.cache.getRoot() + ")";
    }

    @Override
    public Flux<ServiceInstance> getInstances(String serviceId) {
        return Flux.defer(() -> Flux.fromIterable(this.cache.getInstances(serviceId)));
    }

    @Override
    public Flux<String> getServices() {
        return Flux.defer(() -> Flux.fromIterable(this.cache.getServices()));
    }

    @Override
    public int getOrder() {
        return this.order;
    }

}
