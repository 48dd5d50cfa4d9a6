package dev.zkasync.spring.boot.autoconfigure.observation;

import java.util.Objects;

import dev.zkasync.client.KazooClient;
import dev.zkasync.spring.boot.config.ZkAsyncConfigData;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Binds the context's request observer to the client that {@code spring.config.import=zk-async:}
 * built before the context existed, at the moment that client becomes the {@link KazooClient} bean:
 * from then on its requests are measured as those of a client built in the context.
 */
final class ConfigDataClientInstrumentation implements BeanPostProcessor {

    private final ObjectProvider<ZkAsyncConfigData> configData;

    private final ObjectProvider<RequestObserverCustomizer> customizers;

    ConfigDataClientInstrumentation(ObjectProvider<ZkAsyncConfigData> configData,
            ObjectProvider<RequestObserverCustomizer> customizers) {
        this.configData = configData;
        this.customizers = customizers;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof KazooClient client) {
            ZkAsyncConfigData imported = this.configData.getIfAvailable();
            if (imported != null && imported.getClient() == client) {
                // as on a builder, the last customizer that sets an observer wins
                this.customizers.orderedStream()
                    .map(RequestObserverCustomizer::observer)
                    .filter(Objects::nonNull)
                    .reduce((first, second) -> second)
                    .ifPresent(imported::bindRequestObserver);
            }
        }
        return bean;
    }

}
