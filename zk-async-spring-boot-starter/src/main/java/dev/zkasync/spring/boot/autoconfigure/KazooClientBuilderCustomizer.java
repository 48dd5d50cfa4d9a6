package dev.zkasync.spring.boot.autoconfigure;

import dev.zkasync.client.KazooClientBuilder;

/**
 * Customizes the {@link KazooClientBuilder} of the auto-configured client. Beans of this type are
 * applied in their {@link org.springframework.core.Ordered order}, after the {@code zk.async.*}
 * properties (which are applied at order 0), so a customizer can override any property.
 */
@FunctionalInterface
public interface KazooClientBuilderCustomizer {

    /**
     * Customizes the builder.
     * @param builder the builder to customize
     */
    void customize(KazooClientBuilder builder);

}
