package dev.zkasync.spring.cloud.discovery.autoconfigure;

import dev.zkasync.client.KazooClient;
import dev.zkasync.spring.boot.autoconfigure.ZkAsyncAutoConfiguration;
import dev.zkasync.spring.cloud.discovery.ZkAsyncDiscoveryClient;
import dev.zkasync.spring.cloud.discovery.ZkAsyncDiscoveryHealthIndicator;
import dev.zkasync.spring.cloud.discovery.ZkAsyncReactiveDiscoveryClient;
import dev.zkasync.spring.cloud.discovery.ZkAsyncRegistration;
import dev.zkasync.spring.cloud.discovery.ZkAsyncServiceCache;
import dev.zkasync.spring.cloud.discovery.ZkAsyncServiceCacheMetrics;
import dev.zkasync.spring.cloud.discovery.ZkAsyncServiceRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.cloud.client.ConditionalOnBlockingDiscoveryEnabled;
import org.springframework.cloud.client.ConditionalOnDiscoveryEnabled;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for discovery on the zk-async
 * {@link KazooClient} bean: a {@link ZkAsyncServiceCache} of {@code zk.async.discovery.root}, a
 * {@link DiscoveryClient} and (with Reactor) a {@link ReactiveDiscoveryClient} answering from it, the
 * {@code zkAsyncDiscovery} health indicator and the cache's meters. Switched off by
 * {@code zk.async.discovery.enabled=false} or Spring Cloud's {@code spring.cloud.discovery.enabled=false}.
 */
@AutoConfiguration(after = ZkAsyncAutoConfiguration.class,
        beforeName = { "org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration",
                "org.springframework.cloud.client.discovery.simple.reactive.SimpleReactiveDiscoveryClientAutoConfiguration",
                "org.springframework.cloud.client.CommonsClientAutoConfiguration",
                "org.springframework.cloud.client.ReactiveCommonsClientAutoConfiguration" },
        afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ KazooClient.class, DiscoveryClient.class })
@ConditionalOnBooleanProperty(name = "zk.async.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "zk.async.discovery.enabled", matchIfMissing = true)
@ConditionalOnDiscoveryEnabled
@ConditionalOnBean(KazooClient.class)
@EnableConfigurationProperties(ZkAsyncDiscoveryProperties.class)
public final class ZkAsyncDiscoveryAutoConfiguration {

    /** Created by Spring Boot's auto-configuration. */
    public ZkAsyncDiscoveryAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    ZkAsyncServiceCache zkAsyncServiceCache(KazooClient client, ZkAsyncDiscoveryProperties properties) {
        return new ZkAsyncServiceCache(client, properties.getRoot());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBlockingDiscoveryEnabled
    static class BlockingConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ZkAsyncDiscoveryClient zkAsyncDiscoveryClient(ZkAsyncServiceCache cache,
                ZkAsyncDiscoveryProperties properties) {
            return new ZkAsyncDiscoveryClient(cache, properties.getOrder());
        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Flux.class)
    // Not Commons' @ConditionalOnReactiveDiscoveryEnabled: that one also wants WebFlux's WebClient.
    @ConditionalOnBooleanProperty(name = "spring.cloud.discovery.reactive.enabled", matchIfMissing = true)
    static class ReactiveConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ZkAsyncReactiveDiscoveryClient zkAsyncReactiveDiscoveryClient(ZkAsyncServiceCache cache,
                ZkAsyncDiscoveryProperties properties) {
            return new ZkAsyncReactiveDiscoveryClient(cache, properties.getOrder());
        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
    @ConditionalOnEnabledHealthIndicator("zkasyncdiscovery")
    static class HealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "zkAsyncDiscoveryHealthIndicator")
        ZkAsyncDiscoveryHealthIndicator zkAsyncDiscoveryHealthIndicator(KazooClient client, ZkAsyncServiceCache cache,
                ObjectProvider<ZkAsyncServiceRegistry> registry, ObjectProvider<ZkAsyncRegistration> registration) {
            return new ZkAsyncDiscoveryHealthIndicator(client, cache, registry.getIfUnique(),
                    registration.getIfUnique());
        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ MeterRegistry.class, MeterBinder.class })
    @ConditionalOnBean(MeterRegistry.class)
    static class MetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "zkAsyncServiceCacheMetrics")
        ZkAsyncServiceCacheMetrics zkAsyncServiceCacheMetrics(ZkAsyncServiceCache cache) {
            return new ZkAsyncServiceCacheMetrics(cache);
        }

    }

}
