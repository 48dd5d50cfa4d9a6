package dev.zkasync.spring.boot.config;

import java.util.Set;

import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.cloud.context.scope.refresh.RefreshScope;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Spring Cloud Context's refresh, without its reload of the environment (the imported property
 * sources are live already): {@code @ConfigurationProperties} beans rebind on the
 * {@link EnvironmentChangeEvent}, {@code @RefreshScope} beans are recreated on next use. Called only
 * when spring-cloud-context is on the class path.
 */
final class CloudRefresh {

    private CloudRefresh() {
    }

    static void refresh(ConfigurableApplicationContext context, Set<String> keys) {
        context.publishEvent(new EnvironmentChangeEvent(context, keys));
        context.getBeanProvider(RefreshScope.class).ifAvailable(RefreshScope::refreshAll);
    }

}
