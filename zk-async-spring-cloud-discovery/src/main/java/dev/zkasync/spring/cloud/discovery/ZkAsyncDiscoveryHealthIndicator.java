package dev.zkasync.spring.cloud.discovery;

import dev.zkasync.client.KazooClient;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of discovery, from local state only (no request to ZooKeeper): {@code UP} once the
 * instance cache has loaded and while the client is connected; {@code DOWN} with a {@code reason}
 * otherwise. Details: {@code root}, {@code services}, {@code instances}, {@code cacheUpdates}, and
 * for this application's registration {@code instanceId}, {@code registered} and {@code status}.
 */
public class ZkAsyncDiscoveryHealthIndicator extends AbstractHealthIndicator {

    private final KazooClient client;

    private final ZkAsyncServiceCache cache;

    private final ZkAsyncServiceRegistry registry;

    private final ZkAsyncRegistration registration;

    /**
     * Creates an indicator.
     * @param client the client
     * @param cache the instance cache
     * @param registry the registry, or {@code null}
     * @param registration this application's registration, or {@code null}
     */
    public ZkAsyncDiscoveryHealthIndicator(KazooClient client, ZkAsyncServiceCache cache,
            ZkAsyncServiceRegistry registry, ZkAsyncRegistration registration) {
        super("ZooKeeper discovery health check failed");
        this.client = client;
        this.cache = cache;
        this.registry = registry;
        this.registration = registration;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (!this.cache.isInitialized()) {
            builder.down().withDetail("reason", "the instance cache has not loaded yet");
        }
        else if (!this.client.connected()) {
            builder.down().withDetail("reason", "not connected to ZooKeeper: the cache may be stale");
        }
        else {
            builder.up();
        }
        builder.withDetail("root", this.cache.getRoot())
            .withDetail("services", this.cache.getServices().size())
            .withDetail("instances", this.cache.instanceCount())
            .withDetail("cacheUpdates", this.cache.updateCount());
        if (this.registration != null) {
            builder.withDetail("instanceId", this.registration.getInstanceId());
            builder.withDetail("registered", this.registry != null && this.registry.isRegistered(this.registration));
            Object status = this.registration.getMetadata().get(ZkAsyncRegistration.INSTANCE_STATUS_KEY);
            if (status != null) {
                builder.withDetail("status", status);
            }
        }
    }

}
