package dev.zkasync.spring.cloud.discovery;

import java.util.List;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Meters of a {@link ZkAsyncServiceCache}, tagged with its {@code root}:
 * {@code zookeeper.discovery.cache.services} and {@code zookeeper.discovery.cache.instances}
 * (gauges), {@code zookeeper.discovery.cache.updates} (changes applied) and
 * {@code zookeeper.discovery.cache.skipped} (nodes that were not instances), both counters.
 */
public class ZkAsyncServiceCacheMetrics implements MeterBinder {

    private final ZkAsyncServiceCache cache;

    /**
     * Creates the binder.
     * @param cache the cache to measure
     */
    public ZkAsyncServiceCacheMetrics(ZkAsyncServiceCache cache) {
        this.cache = cache;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        List<Tag> tags = List.of(Tag.of("root", this.cache.getRoot()));
        Gauge.builder("zookeeper.discovery.cache.services", this.cache, (c) -> c.getServices().size())
            .tags(tags)
            .description("Services in the discovery cache")
            .register(registry);
        Gauge.builder("zookeeper.discovery.cache.instances", this.cache, ZkAsyncServiceCache::instanceCount)
            .tags(tags)
            .description("Service instances in the discovery cache")
            .register(registry);
        FunctionCounter.builder("zookeeper.discovery.cache.updates", this.cache, ZkAsyncServiceCache::updateCount)
            .tags(tags)
            .description("Changes of services and instances the discovery cache applied")
            .register(registry);
        FunctionCounter.builder("zookeeper.discovery.cache.skipped", this.cache, ZkAsyncServiceCache::skippedCount)
            .tags(tags)
            .description("Instance nodes skipped because their data is not a service instance")
            .register(registry);
    }

}
