package dev.zkasync.spring.cloud.discovery;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What a GraalVM native image needs of the discovery module (registered in
 * {@code META-INF/spring/aot.factories}): the instances the {@code DiscoveryClient} hands out and
 * this instance's registration can be written as JSON, as an application does when it returns
 * {@code discoveryClient.getInstances(...)} from a controller. The instance JSON kept in ZooKeeper
 * needs nothing: it is read and written as a Jackson tree, without data binding.
 */
final class ZkAsyncDiscoveryRuntimeHints implements RuntimeHintsRegistrar {

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(), ZkAsyncServiceInstance.class,
                ZkAsyncRegistration.class);
    }

}
