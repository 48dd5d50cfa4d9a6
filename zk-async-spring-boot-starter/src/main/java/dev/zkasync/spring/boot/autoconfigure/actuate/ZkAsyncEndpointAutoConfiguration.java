package dev.zkasync.spring.boot.autoconfigure.actuate;

import java.util.Map;

import dev.zkasync.client.KazooClient;
import dev.zkasync.spring.boot.actuate.ZkAsyncEndpoint;
import dev.zkasync.spring.boot.autoconfigure.ZkAsyncAutoConfiguration;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@code zookeeper} actuator endpoint
 * ({@link ZkAsyncEndpoint}), over every {@link KazooClient} bean. Like every endpoint it is
 * reachable over HTTP once exposed ({@code management.endpoints.web.exposure.include}).
 */
@AutoConfiguration(after = ZkAsyncAutoConfiguration.class)
@ConditionalOnClass({ KazooClient.class, Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBooleanProperty(name = "zk.async.enabled", matchIfMissing = true)
@ConditionalOnBean(KazooClient.class)
@ConditionalOnAvailableEndpoint(ZkAsyncEndpoint.class)
public final class ZkAsyncEndpointAutoConfiguration {

    /** Created by Spring Boot's auto-configuration. */
    public ZkAsyncEndpointAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    ZkAsyncEndpoint zkAsyncEndpoint(Map<String, KazooClient> clients) {
        return new ZkAsyncEndpoint(clients);
    }

}
