package dev.zkasync.spring.cloud.discovery.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.zkasync.client.KazooClient;
import dev.zkasync.spring.boot.autoconfigure.ZkAsyncAutoConfiguration;
import dev.zkasync.spring.cloud.discovery.ZkAsyncAutoServiceRegistration;
import dev.zkasync.spring.cloud.discovery.ZkAsyncRegistration;
import dev.zkasync.spring.cloud.discovery.ZkAsyncServiceRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.serviceregistry.AutoServiceRegistrationProperties;
import org.springframework.cloud.client.serviceregistry.ServiceRegistry;
import org.springframework.cloud.commons.util.InetUtils;
import org.springframework.cloud.commons.util.InetUtilsProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for registering this application on the
 * zk-async {@link KazooClient} bean: a {@link ZkAsyncServiceRegistry}, this application's
 * {@link ZkAsyncRegistration} from {@code zk.async.discovery.*}, and, in a web application,
 * {@link ZkAsyncAutoServiceRegistration} (registered when the web server is up, deregistered first
 * thing on shutdown). Spring Cloud's {@code spring.cloud.service-registry.enabled} and
 * {@code spring.cloud.service-registry.auto-registration.enabled} apply, as does
 * {@code zk.async.discovery.register}.
 */
@AutoConfiguration(after = ZkAsyncAutoConfiguration.class,
        beforeName = { "org.springframework.cloud.client.serviceregistry.ServiceRegistryAutoConfiguration",
                "org.springframework.cloud.client.serviceregistry.AutoServiceRegistrationAutoConfiguration" })
@ConditionalOnClass({ KazooClient.class, ServiceRegistry.class })
@ConditionalOnBooleanProperty(name = "zk.async.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "zk.async.discovery.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "spring.cloud.service-registry.enabled", matchIfMissing = true)
@ConditionalOnBean(KazooClient.class)
@EnableConfigurationProperties(ZkAsyncDiscoveryProperties.class)
public final class ZkAsyncServiceRegistryAutoConfiguration {

    /** Created by Spring Boot's auto-configuration. */
    public ZkAsyncServiceRegistryAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    ZkAsyncServiceRegistry zkAsyncServiceRegistry(KazooClient client, ZkAsyncDiscoveryProperties properties) {
        return new ZkAsyncServiceRegistry(client, properties.getRoot());
    }

    @Bean
    @ConditionalOnMissingBean
    ZkAsyncRegistration zkAsyncRegistration(ZkAsyncDiscoveryProperties properties, Environment environment,
            ApplicationContext context, ObjectProvider<InetUtils> inetUtils) {
        String serviceName = StringUtils.hasText(properties.getServiceName()) ? properties.getServiceName()
                : environment.getProperty("spring.application.name", "application");
        String instanceId = StringUtils.hasText(properties.getInstanceId()) ? properties.getInstanceId()
                : UUID.randomUUID().toString();
        String host = properties.getInstanceHost();
        if (!StringUtils.hasText(host)) {
            InetUtils.HostInfo info = inetUtils.getIfAvailable(() -> new InetUtils(new InetUtilsProperties()))
                .findFirstNonLoopbackHostInfo();
            host = properties.isPreferIpAddress() ? info.getIpAddress() : info.getHostname();
        }
        Map<String, String> metadata = new LinkedHashMap<>(properties.getMetadata());
        metadata.put(ZkAsyncRegistration.INSTANCE_STATUS_KEY, properties.getInitialStatus());
        int port = (properties.getInstancePort() != null) ? properties.getInstancePort() : 0;
        return new ZkAsyncRegistration(serviceName, instanceId, host, port, properties.getInstanceSslPort(),
                properties.getUriSpec(), context.getId(), metadata);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.web.server.context.WebServerInitializedEvent")
    @ConditionalOnBooleanProperty(name = "spring.cloud.service-registry.auto-registration.enabled",
            matchIfMissing = true)
    static class AutoRegistrationConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ZkAsyncAutoServiceRegistration zkAsyncAutoServiceRegistration(ApplicationContext context,
                ZkAsyncServiceRegistry registry, ZkAsyncRegistration registration,
                ZkAsyncDiscoveryProperties properties,
                ObjectProvider<AutoServiceRegistrationProperties> autoRegistrationProperties) {
            return new ZkAsyncAutoServiceRegistration(context, registry,
                    autoRegistrationProperties.getIfAvailable(AutoServiceRegistrationProperties::new), registration,
                    properties.isRegister());
        }

    }

}
