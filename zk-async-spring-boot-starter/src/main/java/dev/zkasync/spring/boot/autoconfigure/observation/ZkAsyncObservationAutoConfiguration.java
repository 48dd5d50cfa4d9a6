package dev.zkasync.spring.boot.autoconfigure.observation;

import dev.zkasync.client.KazooClient;
import dev.zkasync.spring.boot.autoconfigure.KazooClientBuilderCustomizer;
import dev.zkasync.spring.boot.autoconfigure.ZkAsyncAutoConfiguration;
import dev.zkasync.spring.boot.observation.ObservationRequestObserver;
import dev.zkasync.spring.boot.observation.ZooKeeperClientObservationConvention;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

/**
 * {@link EnableAutoConfiguration Auto-configuration} that makes every request of the
 * auto-configured {@link KazooClient} a {@code zookeeper.client.operations} observation. Without an
 * {@link ObservationRegistry} bean the client gets no observer and pays nothing. A
 * {@link ZooKeeperClientObservationConvention} bean replaces the default convention; observations
 * are switched off with {@code management.observations.enable.zookeeper.client=false}.
 */
@AutoConfiguration(before = ZkAsyncAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({ KazooClient.class, ObservationRegistry.class })
@ConditionalOnBooleanProperty(name = "zk.async.enabled", matchIfMissing = true)
@ConditionalOnBean(ObservationRegistry.class)
public final class ZkAsyncObservationAutoConfiguration {

    @Bean
    @Order(0)
    KazooClientBuilderCustomizer zkAsyncObservationCustomizer(ObservationRegistry observationRegistry,
            ObjectProvider<ZooKeeperClientObservationConvention> convention) {
        return (builder) -> builder
            .requestObserver(new ObservationRequestObserver(observationRegistry, convention.getIfUnique()));
    }

}
