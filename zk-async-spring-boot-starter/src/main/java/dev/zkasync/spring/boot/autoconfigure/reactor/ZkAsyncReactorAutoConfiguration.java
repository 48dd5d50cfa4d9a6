package dev.zkasync.spring.boot.autoconfigure.reactor;

import dev.zkasync.client.KazooClient;
import dev.zkasync.reactor.ReactiveKazooClient;
import dev.zkasync.spring.boot.autoconfigure.ZkAsyncAutoConfiguration;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for a {@link ReactiveKazooClient} over the
 * application's {@link KazooClient}, when zk-async-reactor and reactor-core are on the class path.
 * It sends through that client and holds no connection of its own; an application's own
 * {@code ReactiveKazooClient} bean replaces it. With several {@code KazooClient} beans and no
 * primary one, none is made: build each with {@link ReactiveKazooClient#of(KazooClient)}.
 */
@AutoConfiguration(after = ZkAsyncAutoConfiguration.class)
@ConditionalOnClass({ ReactiveKazooClient.class, Mono.class, KazooClient.class })
@ConditionalOnBooleanProperty(name = "zk.async.enabled", matchIfMissing = true)
@ConditionalOnSingleCandidate(KazooClient.class)
@EnableConfigurationProperties(ZkAsyncReactorProperties.class)
public final class ZkAsyncReactorAutoConfiguration {

    /** Created by Spring Boot's auto-configuration. */
    public ZkAsyncReactorAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    ReactiveKazooClient reactiveKazooClient(KazooClient client, ZkAsyncReactorProperties properties) {
        return ReactiveKazooClient.of(client, properties.getEventBufferSize());
    }

}
