package dev.zkasync.spring.boot.autoconfigure.metrics;

import dev.zkasync.client.KazooClient;
import dev.zkasync.spring.boot.autoconfigure.ZkAsyncAutoConfiguration;
import dev.zkasync.spring.boot.metrics.KazooClientMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the connection meters of every
 * {@link KazooClient} bean ({@link KazooClientMetrics}, tagged with the bean's name).
 */
@AutoConfiguration(after = ZkAsyncAutoConfiguration.class,
        afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ KazooClient.class, MeterRegistry.class, MeterBinder.class })
@ConditionalOnBooleanProperty(name = "zk.async.enabled", matchIfMissing = true)
@ConditionalOnBean({ KazooClient.class, MeterRegistry.class })
public final class ZkAsyncMetricsAutoConfiguration {

    /** Created by Spring Boot's auto-configuration. */
    public ZkAsyncMetricsAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(name = "zkAsyncClientMeterBinder")
    MeterBinder zkAsyncClientMeterBinder(ListableBeanFactory beanFactory) {
        return (registry) -> beanFactory.getBeansOfType(KazooClient.class)
            .forEach((name, client) -> new KazooClientMetrics(client, KazooClientMetrics.nameTag(name))
                .bindTo(registry));
    }

}
