package dev.zkasync.spring.boot.autoconfigure;

import dev.zkasync.client.KazooClient;
import dev.zkasync.client.KazooClientBuilder;
import io.netty.channel.EventLoopGroup;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for {@link KazooClient}: a client built from
 * the {@code zk.async.*} properties (or a service connection's {@link ZkAsyncConnectionDetails}) and
 * the {@link KazooClientBuilderCustomizer} beans, started and stopped by a
 * {@link KazooClientLifecycle}. An application's own {@code KazooClient} bean replaces both;
 * {@code zk.async.enabled=false} switches everything off. Unknown {@code zk.async.*} keys are
 * reported with one warning at startup.
 */
@AutoConfiguration(afterName = "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration")
@ConditionalOnClass(KazooClient.class)
@ConditionalOnBooleanProperty(name = "zk.async.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ZkAsyncProperties.class)
public final class ZkAsyncAutoConfiguration {

    @Bean
    static SmartInitializingSingleton zkAsyncUnknownPropertiesReporter(Environment environment,
            ResourceLoader resourceLoader) {
        ClassLoader classLoader = resourceLoader.getClassLoader();
        return () -> ZkAsyncUnknownProperties.report(environment,
                (classLoader != null) ? classLoader : ZkAsyncUnknownProperties.class.getClassLoader());
    }

    @Bean
    @ConditionalOnMissingBean(ZkAsyncConnectionDetails.class)
    PropertiesZkAsyncConnectionDetails zkAsyncConnectionDetails(ZkAsyncProperties properties,
            ObjectProvider<SslBundles> sslBundles) {
        return new PropertiesZkAsyncConnectionDetails(properties, sslBundles.getIfAvailable());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(KazooClient.class)
    static class KazooClientConfiguration {

        @Bean
        StandardKazooClientBuilderCustomizer standardKazooClientBuilderCustomizer(ZkAsyncProperties properties,
                ZkAsyncConnectionDetails connectionDetails, Environment environment, ResourceLoader resourceLoader,
                ObjectProvider<EventLoopGroup> eventLoopGroup) {
            return new StandardKazooClientBuilderCustomizer(properties, connectionDetails, environment,
                    resourceLoader, eventLoopGroup.getIfUnique());
        }

        @Bean
        KazooClient kazooClient(ObjectProvider<KazooClientBuilderCustomizer> customizers) {
            KazooClientBuilder builder = KazooClient.builder();
            customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
            return builder.build();
        }

        @Bean
        @ConditionalOnMissingBean
        KazooClientLifecycle kazooClientLifecycle(KazooClient kazooClient, ZkAsyncProperties properties) {
            KazooClientLifecycle lifecycle = new KazooClientLifecycle(kazooClient, properties.getStartup());
            lifecycle.setCreateChroot(properties.isCreateChroot());
            return lifecycle;
        }

    }

}
