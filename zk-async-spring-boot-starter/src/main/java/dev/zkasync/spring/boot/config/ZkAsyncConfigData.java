package dev.zkasync.spring.boot.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

import dev.zkasync.client.KazooClient;
import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.recipe.KazooRecipes;
import dev.zkasync.client.recipe.TreeCache;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.util.ClassUtils;

/**
 * The client that {@code spring.config.import=zk-async:} opened before the application context
 * existed, and the live property sources it feeds. It becomes the bean
 * {@value #BEAN_NAME}; the auto-configured {@link KazooClient} bean is then this client (one
 * session for configuration and the application), and changes to imported properties are
 * published as {@link ZkAsyncConfigChangedEvent}s.
 */
public final class ZkAsyncConfigData implements DisposableBean {

    /**
     * The bean name under which the application context holds it.
     */
    public static final String BEAN_NAME = "zkAsyncConfigData";

    // Checked here, not in CloudRefresh: verifying that class loads Spring Cloud's event type, so
    // merely calling it fails with NoClassDefFoundError when spring-cloud-context is absent.
    private static final boolean CLOUD_CONTEXT_PRESENT = ClassUtils.isPresent(
            "org.springframework.cloud.context.environment.EnvironmentChangeEvent",
            ZkAsyncConfigData.class.getClassLoader());

    private final KazooClient client;

    private final String hosts;

    private final Duration timeout;

    private final Log logger;

    private final Map<String, ZkAsyncPropertySource> sources = new ConcurrentHashMap<>();

    private volatile boolean required;

    private volatile @Nullable ConfigurableApplicationContext context;

    ZkAsyncConfigData(KazooClient client, String hosts, Duration timeout, Log logger) {
        this.client = client;
        this.hosts = hosts;
        this.timeout = timeout;
        this.logger = logger;
    }

    /**
     * The client the import opened, connected or connecting.
     * @return the client
     */
    public KazooClient getClient() {
        return this.client;
    }

    /**
     * Whether some import needs the configuration (is not {@code optional:}); when none does, the
     * application starts without waiting for ZooKeeper.
     * @return whether a connection was required at startup
     */
    public boolean isRequired() {
        return this.required;
    }

    String getHosts() {
        return this.hosts;
    }

    Duration getTimeout() {
        return this.timeout;
    }

    void require() {
        this.required = true;
    }

    /**
     * The live property source of a context node, created on first use. A source created while
     * the client is connected holds the node's properties when this returns.
     */
    ZkAsyncPropertySource propertySource(ZkAsyncConfigDataResource resource) {
        ZkAsyncPropertySource source = this.sources.computeIfAbsent(resource.getPath(), this::open);
        // an optional import without a connection returns at once: the source fills when the cache loads
        if (!source.getSource().initialized().ready() && (this.client.connected() || !resource.optional())) {
            awaitInitialized(source, resource);
        }
        return source;
    }

    private ZkAsyncPropertySource open(String path) {
        TreeCache cache = KazooRecipes.of(this.client).treeCache(path);
        ZkAsyncPropertySource source = new ZkAsyncPropertySource(path, cache, this.logger, this::changed);
        cache.start();
        return source;
    }

    private void awaitInitialized(ZkAsyncPropertySource source, ZkAsyncConfigDataResource resource) {
        AsyncResult<Void> initialized = source.getSource().initialized();
        if (initialized.await(this.timeout) && initialized.successful()) {
            source.reload();
            return;
        }
        Throwable cause = initialized.ready() ? initialized.exception()
                : new TimeoutException("not loaded within " + this.timeout);
        if (!resource.optional()) {
            throw failure(resource, cause);
        }
        this.logger.warn("Could not read " + resource.getPath() + " from ZooKeeper at " + this.hosts
                + " yet; it loads when it can (" + cause + ")");
    }

    private ZkAsyncConfigDataException failure(ZkAsyncConfigDataResource resource, Throwable cause) {
        return new ZkAsyncConfigDataException(this.hosts, List.of(resource.getPath()), this.timeout,
                this.client.clientState(), cause);
    }

    /** Makes this the bean {@value #BEAN_NAME} of the context, and publishes changes there. */
    void attach(ConfigurableApplicationContext context) {
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        if (!beanFactory.containsSingleton(BEAN_NAME)) {
            beanFactory.registerSingleton(BEAN_NAME, this);
            if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
                registry.registerDisposableBean(BEAN_NAME, this);
            }
        }
        // the caches' watches go while the session is still open (the client stops in a later phase)
        context.addApplicationListener((event) -> {
            if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
                closeSources();
            }
        });
        this.context = context;
    }

    private void changed(Set<String> keys) {
        ConfigurableApplicationContext context = this.context;
        if (this.logger.isDebugEnabled()) {
            this.logger.debug("Configuration from ZooKeeper changed: " + keys);
        }
        if (context == null || !context.isActive()) {
            return;
        }
        // refreshed beans first, so that listeners of the event see the new values everywhere
        if (CLOUD_CONTEXT_PRESENT) {
            CloudRefresh.refresh(context, keys);
        }
        context.publishEvent(new ZkAsyncConfigChangedEvent(this, keys));
    }

    private void closeSources() {
        this.sources.values().forEach((source) -> source.getSource().close());
    }

    @Override
    public void destroy() {
        closeSources();
        this.client.stop();
    }

}
