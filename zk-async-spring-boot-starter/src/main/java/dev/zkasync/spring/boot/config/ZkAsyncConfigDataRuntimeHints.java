package dev.zkasync.spring.boot.config;

import dev.zkasync.spring.boot.autoconfigure.ZkAsyncProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;

/**
 * What {@code spring.config.import=zk-async:} binds by reflection in a GraalVM native image
 * (registered in {@code META-INF/spring/aot.factories}): it binds {@link ZkAsyncConfigProperties}
 * and {@link ZkAsyncProperties} with a {@code Binder} before the application context exists, so
 * Spring Boot's processing of the context's {@code @ConfigurationProperties} beans does not cover
 * them.
 */
final class ZkAsyncConfigDataRuntimeHints implements RuntimeHintsRegistrar {

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        BindableRuntimeHintsRegistrar.forTypes(ZkAsyncConfigProperties.class, ZkAsyncProperties.class)
            .registerHints(hints, classLoader);
    }

}
