package dev.zkasync.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.zkasync.client.KazooClient;
import dev.zkasync.client.KazooClientBuilder;
import dev.zkasync.spring.boot.config.ZkAsyncConfigData;
import io.netty.channel.EventLoopGroup;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ListableBeanFactory;
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
 * {@link KazooClientLifecycle}. When {@code spring.config.import=zk-async:} opened a client before the
 * context existed, that client is the bean: the request observer is bound to it later, and the other
 * customizers and a service connection cannot apply any more (a warning names them). An
 * application's own {@code KazooClient} bean replaces both;
 * {@code zk.async.enabled=false} switches everything off. Unknown {@code zk.async.*} keys are
 * reported with one warning at startup.
 */
@AutoConfiguration(afterName = "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration")
@ConditionalOnClass(KazooClient.class)
@ConditionalOnBooleanProperty(name = "zk.async.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ZkAsyncProperties.class)
public final class ZkAsyncAutoConfiguration {

    /** Created by Spring Boot's auto-configuration. */
    public ZkAsyncAutoConfiguration() {
    }

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

        private static final Log logger = LogFactory.getLog(KazooClientConfiguration.class);

        /** The package of the starter's auto-configurations, whose customizers the import covers. */
        private static final String STARTER_AUTOCONFIGURATION = "dev.zkasync.spring.boot.autoconfigure.";

        @Bean
        StandardKazooClientBuilderCustomizer standardKazooClientBuilderCustomizer(ZkAsyncProperties properties,
                ZkAsyncConnectionDetails connectionDetails, Environment environment, ResourceLoader resourceLoader,
                ObjectProvider<EventLoopGroup> eventLoopGroup) {
            return new StandardKazooClientBuilderCustomizer(properties, connectionDetails, environment,
                    resourceLoader, eventLoopGroup.getIfUnique());
        }

        @Bean
        KazooClient kazooClient(ObjectProvider<KazooClientBuilderCustomizer> customizers,
                ObjectProvider<ZkAsyncConfigData> configData, ZkAsyncConnectionDetails connectionDetails,
                ListableBeanFactory beanFactory) {
            ZkAsyncConfigData imported = configData.getIfAvailable();
            if (imported != null) {
                // one session: the one spring.config.import=zk-async: opened before the context existed
                warnNotApplied(beanFactory, connectionDetails);
                return imported.getClient();
            }
            KazooClientBuilder builder = KazooClient.builder();
            customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
            return builder.build();
        }

        /**
         * Names what the import's client, built from the properties alone, does without. The
         * starter's own customizers are covered: the import applied the properties, and the
         * request observer is bound to its client later.
         */
        private static void warnNotApplied(ListableBeanFactory beanFactory, ZkAsyncConnectionDetails connectionDetails) {
            List<String> notApplied = new ArrayList<>();
            beanFactory.getBeansOfType(KazooClientBuilderCustomizer.class).forEach((name, customizer) -> {
                if (!customizer.getClass().getName().startsWith(STARTER_AUTOCONFIGURATION)) {
                    notApplied.add("KazooClientBuilderCustomizer bean '" + name + "'");
                }
            });
            if (!(connectionDetails instanceof PropertiesZkAsyncConnectionDetails)) {
                notApplied.add("the service connection " + connectionDetails.getClass().getSimpleName());
            }
            if (!notApplied.isEmpty()) {
                logger.warn("The KazooClient bean is the client spring.config.import=zk-async: built from zk.async.* "
                        + "before the application context existed; not applied to it: " + String.join(", ", notApplied));
            }
        }

        @Bean
        @ConditionalOnMissingBean
        KazooClientLifecycle kazooClientLifecycle(KazooClient kazooClient, ZkAsyncProperties properties,
                ObjectProvider<ZkAsyncConfigData> configData) {
            ZkAsyncProperties.Startup startup = properties.getStartup();
            ZkAsyncConfigData imported = configData.getIfAvailable();
            KazooClientLifecycle lifecycle;
            if (imported != null && imported.getClient() == kazooClient && !imported.isRequired()) {
                // only optional: imports: the application starts at once, as it did without ZooKeeper
                lifecycle = new KazooClientLifecycle(kazooClient, false, startup.getTimeout(), startup.isFailFast(),
                        KazooClientLifecycle.DEFAULT_PHASE);
            } else {
                lifecycle = new KazooClientLifecycle(kazooClient, startup);
            }
            lifecycle.setCreateChroot(properties.isCreateChroot());
            return lifecycle;
        }

    }

}
