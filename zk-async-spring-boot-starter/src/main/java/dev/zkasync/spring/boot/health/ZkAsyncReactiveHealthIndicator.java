package dev.zkasync.spring.boot.health;

import dev.zkasync.client.KazooClient;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.util.Assert;

/**
 * {@link ReactiveHealthIndicator} for a {@link KazooClient}: the same status and details as
 * {@link ZkAsyncHealthIndicator}, read from the state the client keeps, so the check neither sends
 * a request nor blocks, and a reactive application's health endpoint answers it on its own thread
 * instead of handing a blocking indicator to another scheduler.
 */
public class ZkAsyncReactiveHealthIndicator extends AbstractReactiveHealthIndicator {

    private final KazooClient client;

    /**
     * Creates an indicator.
     * @param client the client
     */
    public ZkAsyncReactiveHealthIndicator(KazooClient client) {
        super("ZooKeeper health check failed");
        Assert.notNull(client, "'client' must not be null");
        this.client = client;
    }

    @Override
    protected Mono<Health> doHealthCheck(Health.Builder builder) {
        return Mono.fromSupplier(() -> {
            ZkAsyncHealthIndicator.describe(this.client, builder);
            return builder.build();
        });
    }

}
