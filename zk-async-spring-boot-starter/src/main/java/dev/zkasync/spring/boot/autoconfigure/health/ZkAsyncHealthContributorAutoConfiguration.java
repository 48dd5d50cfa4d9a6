package dev.zkasync.spring.boot.autoconfigure.health;

import dev.zkasync.client.KazooClient;
import dev.zkasync.spring.boot.autoconfigure.ZkAsyncAutoConfiguration;
import dev.zkasync.spring.boot.health.ZkAsyncHealthIndicator;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.CompositeHealthContributorConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for {@link ZkAsyncHealthIndicator}: health
 * component {@code zkAsync} (Spring Cloud Zookeeper owns {@code zookeeper}), switched by
 * {@code management.health.zkasync.enabled}. With several {@code KazooClient} beans it is a
 * composite with one indicator per bean.
 */
@AutoConfiguration(after = ZkAsyncAutoConfiguration.class)
@ConditionalOnClass({ KazooClient.class, HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBooleanProperty(name = "zk.async.enabled", matchIfMissing = true)
@ConditionalOnBean(KazooClient.class)
@ConditionalOnEnabledHealthIndicator("zkasync")
public final class ZkAsyncHealthContributorAutoConfiguration
        extends CompositeHealthContributorConfiguration<ZkAsyncHealthIndicator, KazooClient> {

    ZkAsyncHealthContributorAutoConfiguration() {
        super(ZkAsyncHealthIndicator::new);
    }

    @Bean
    @ConditionalOnMissingBean(name = { "zkAsyncHealthIndicator", "zkAsyncHealthContributor" })
    HealthContributor zkAsyncHealthContributor(ConfigurableListableBeanFactory beanFactory) {
        return createContributor(beanFactory, KazooClient.class);
    }

}
