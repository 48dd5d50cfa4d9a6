package dev.zkasync.spring.boot.autoconfigure.observation;

import dev.zkasync.client.KazooClient;
import dev.zkasync.spring.boot.autoconfigure.ZkAsyncAutoConfiguration;
import dev.zkasync.spring.boot.autoconfigure.ZkAsyncProperties;
import dev.zkasync.spring.boot.autoconfigure.ZkAsyncProperties.Instrumentation;
import dev.zkasync.spring.boot.config.ZkAsyncConfigData;
import dev.zkasync.spring.boot.metrics.TimerRequestObserver;
import dev.zkasync.spring.boot.observation.ObservationRequestObserver;
import dev.zkasync.spring.boot.observation.ZooKeeperClientObservationConvention;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.util.ClassUtils;

/**
 * {@link EnableAutoConfiguration Auto-configuration} that measures every request of the
 * auto-configured {@link KazooClient}, as {@code zk.async.instrumentation} says: as a
 * {@code zookeeper.client.operations} observation ({@link ObservationRequestObserver}), or as a
 * timer of that name recorded directly ({@link TimerRequestObserver}). By default requests are
 * observations when the application traces (a micrometer-tracing {@code Tracer} bean) and timers
 * otherwise, since a timer costs a fraction of an observation. Without a registry for the chosen
 * kind the client gets no observer and pays nothing. The client that
 * {@code spring.config.import=zk-async:} built before the context existed gets the same observer
 * when it becomes the {@code KazooClient} bean. A
 * {@link ZooKeeperClientObservationConvention} bean replaces the observations' default convention;
 * they are switched off with {@code management.observations.enable.zookeeper.client=false}, the
 * timers with {@code management.metrics.enable.zookeeper.client.operations=false}.
 */
@AutoConfiguration(before = ZkAsyncAutoConfiguration.class,
        afterName = { "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(KazooClient.class)
@ConditionalOnBooleanProperty(name = "zk.async.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ZkAsyncProperties.class)
public final class ZkAsyncObservationAutoConfiguration {

    /** Created by Spring Boot's auto-configuration. */
    public ZkAsyncObservationAutoConfiguration() {
    }

    private static final String TRACER = "io.micrometer.tracing.Tracer";

    private static final String METER_REGISTRY = "io.micrometer.core.instrument.MeterRegistry";

    /**
     * What {@code zk.async.instrumentation} comes to in this context. Decided when the client is
     * built, once every bean definition is known, so no auto-configuration order matters.
     */
    static Instrumentation resolve(ZkAsyncProperties properties, ListableBeanFactory beanFactory) {
        Instrumentation configured = properties.getInstrumentation();
        if (configured != Instrumentation.AUTO) {
            return configured;
        }
        if (hasBean(beanFactory, TRACER)) {
            return Instrumentation.OBSERVATION;
        }
        // An ObservationRegistry without meters has handlers of its own that want observations.
        return hasBean(beanFactory, METER_REGISTRY) ? Instrumentation.TIMER : Instrumentation.OBSERVATION;
    }

    @Bean
    static ConfigDataClientInstrumentation zkAsyncConfigDataClientInstrumentation(
            ObjectProvider<ZkAsyncConfigData> configData, ObjectProvider<RequestObserverCustomizer> customizers) {
        return new ConfigDataClientInstrumentation(configData, customizers);
    }

    private static boolean hasBean(ListableBeanFactory beanFactory, String typeName) {
        ClassLoader classLoader = ZkAsyncObservationAutoConfiguration.class.getClassLoader();
        return ClassUtils.isPresent(typeName, classLoader) && beanFactory
            .getBeanNamesForType(ClassUtils.resolveClassName(typeName, classLoader), true, false).length > 0;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ObservationRegistry.class)
    static class Observations {

        @Bean
        @Order(0)
        RequestObserverCustomizer zkAsyncObservationCustomizer(ZkAsyncProperties properties,
                ListableBeanFactory beanFactory, ObjectProvider<ObservationRegistry> observationRegistry,
                ObjectProvider<ZooKeeperClientObservationConvention> convention) {
            return new RequestObserverCustomizer(() -> {
                ObservationRegistry registry = observationRegistry.getIfUnique();
                return (registry != null && resolve(properties, beanFactory) == Instrumentation.OBSERVATION)
                        ? new ObservationRequestObserver(registry, convention.getIfUnique()) : null;
            });
        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class Timers {

        @Bean
        @Order(0)
        RequestObserverCustomizer zkAsyncTimerCustomizer(ZkAsyncProperties properties,
                ListableBeanFactory beanFactory, ObjectProvider<MeterRegistry> meterRegistry) {
            return new RequestObserverCustomizer(() -> {
                MeterRegistry registry = meterRegistry.getIfUnique();
                return (registry != null && resolve(properties, beanFactory) == Instrumentation.TIMER)
                        ? new TimerRequestObserver(registry) : null;
            });
        }

    }

}
