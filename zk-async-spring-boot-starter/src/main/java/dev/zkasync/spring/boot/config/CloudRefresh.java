package dev.zkasync.spring.boot.config;

import java.util.Set;

import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.cloud.context.scope.refresh.RefreshScope;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * Spring Cloud Context's refresh, without its reload of the environment (the imported property
 * sources are live already): {@code @ConfigurationProperties} beans rebind on the
 * {@link EnvironmentChangeEvent}, {@code @RefreshScope} beans are recreated on next use.
 */
final class CloudRefresh {

    private static final boolean PRESENT = ClassUtils.isPresent(
            "org.springframework.cloud.context.environment.EnvironmentChangeEvent", CloudRefresh.class.getClassLoader());

    private CloudRefresh() {
    }

    static void refresh(ConfigurableApplicationContext context, Set<String> keys) {
        if (PRESENT) {
            SpringCloudContext.refresh(context, keys);
        }
    }

    /**
     * Holds every use of Spring Cloud's types, so that linking {@link CloudRefresh} never loads
     * them: without spring-cloud-context on the class path it would fail with
     * {@code NoClassDefFoundError}.
     */
    private static final class SpringCloudContext {

        static void refresh(ConfigurableApplicationContext context, Set<String> keys) {
            context.publishEvent(new EnvironmentChangeEvent(context, keys));
            context.getBeanProvider(RefreshScope.class).ifAvailable(RefreshScope::refreshAll);
        }

    }

}
