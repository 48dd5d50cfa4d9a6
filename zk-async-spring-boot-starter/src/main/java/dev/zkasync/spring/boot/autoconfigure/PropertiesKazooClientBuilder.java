package dev.zkasync.spring.boot.autoconfigure;

import dev.zkasync.client.KazooClient;
import dev.zkasync.client.KazooClientBuilder;

import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;

/**
 * A {@link KazooClientBuilder} set up from {@link ZkAsyncProperties} alone, for code that runs
 * before the application context exists (the {@code spring.config.import=zk-async:} import). It
 * applies what the auto-configuration applies from the properties; what only the context has
 * ({@link KazooClientBuilderCustomizer} beans, service connections, SSL bundles, a shared
 * {@code EventLoopGroup}) it cannot apply, and a {@code zk.async.ssl.bundle} is refused with a
 * {@link ZkAsyncPropertyException}.
 */
public final class PropertiesKazooClientBuilder {

    private PropertiesKazooClientBuilder() {
    }

    /**
     * Creates a builder from the properties.
     * @param properties the bound {@code zk.async.*} properties
     * @param environment where {@code spring.threads.virtual.enabled} and
     * {@code spring.lifecycle.timeout-per-shutdown-phase} are read
     * @param resourceLoader loads TLS key and trust stores
     * @return a builder for {@link KazooClient}
     * @throws ZkAsyncPropertyException when {@code zk.async.ssl.bundle} is set, or a property is invalid
     */
    public static KazooClientBuilder create(ZkAsyncProperties properties, Environment environment,
            ResourceLoader resourceLoader) {
        String bundle = properties.getSsl().getBundle();
        if (StringUtils.hasText(bundle)) {
            throw new ZkAsyncPropertyException("zk.async.ssl.bundle", bundle,
                    "SSL bundles exist only in the application context, and spring.config.import=zk-async: "
                            + "connects before it exists",
                    "With spring.config.import=zk-async:, give the key and trust material with zk.async.tls.* "
                            + "(key-store, trust-store or pem) instead of zk.async.ssl.bundle.",
                    null);
        }
        KazooClientBuilder builder = KazooClient.builder();
        new StandardKazooClientBuilderCustomizer(properties, new PropertiesZkAsyncConnectionDetails(properties, null),
                environment, resourceLoader, null)
            .customize(builder);
        return builder;
    }

}
