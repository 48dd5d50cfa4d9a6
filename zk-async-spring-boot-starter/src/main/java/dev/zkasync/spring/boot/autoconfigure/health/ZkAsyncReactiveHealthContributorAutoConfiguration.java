package dev.zkasync.spring.boot.autoconfigure.health;

import dev.zkasync.client.KazooClient;
import dev.zkasync.spring.boot.autoconfigure.ZkAsyncAutoConfiguration;
import dev.zkasync.spring.boot.health.ZkAsyncReactiveHealthIndicator;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.autoconfigure.contributor.CompositeReactiveHealthContributorConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for {@link ZkAsyncReactiveHealthIndicator} in a
 * reactive web application: the health component {@code zkAsync} as a reactive contributor, in place
 * of the blocking one of {@link ZkAsyncHealthContributorAutoConfiguration} (same name, same
 * {@code management.health.zkasync.enabled} switch; a composite with several {@code KazooClient}
 * beans).
 */
@AutoConfiguration(after = ZkAsyncAutoConfiguration.class, before = ZkAsyncHealthContributorAutoConfiguration.class)
@ConditionalOnClass({ KazooClient.class, Mono.class, ReactiveHealthIndicator.class,
        ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBooleanProperty(name = "zk.async.enabled", matchIfMissing = true)
@ConditionalOnBean(KazooClient.class)
@ConditionalOnEnabledHealthIndicator("zkasync")
public final class ZkAsyncReactiveHealthContributorAutoConfiguration
        extends CompositeReactiveHealthContributorConfiguration<ZkAsyncReactiveHealthIndicator, KazooClient> {

    ZkAsyncReactiveHealthContributorAutoConfiguration() {
        super(ZkAsyncReactiveHealthIndicator::new);
    }

    @Bean
    @ConditionalOnMissingBean(name = { "zkAsyncHealthIndicator", "zkAsyncHealthContributor" })
    ReactiveHealthContributor zkAsyncHealthContributor(ConfigurableListableBeanFactory beanFactory) {
        return createContributor(beanFactory, KazooClient.class);
    }

}
