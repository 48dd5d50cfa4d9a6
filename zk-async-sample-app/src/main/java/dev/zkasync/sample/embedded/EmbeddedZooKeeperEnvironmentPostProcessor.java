package dev.zkasync.sample.embedded;

import java.util.Map;

import org.apache.commons.logging.Log;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Starts an {@link EmbeddedZooKeeper} when {@code zk.async.hosts} is not set, and points the
 * starter at it with {@code zk.async.hosts=127.0.0.1:<port>}.
 *
 * <p>It runs before Boot processes config data, because the application's
 * {@code spring.config.import=zk-async:} connects to ZooKeeper while the configuration files are
 * read: the server has to be up and its address known by then. So it sees the command line, system
 * properties and the environment ({@code ZK_ASYNC_HOSTS}), not {@code application.yml}; a host list
 * set only in a configuration file still wins over the embedded server's address (that property
 * source is the last one), but the server is started for nothing.
 *
 * <p>When the bootstrap context closes, the server becomes the singleton
 * {@value EmbeddedZooKeeper#BEAN_NAME} and the first disposable bean, so it is stopped last when
 * the context closes: after the web server has drained and the client has closed its session.
 * Registered in {@code META-INF/spring.factories}.
 */
public class EmbeddedZooKeeperEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** The property source that carries the embedded server's address. */
	public static final String PROPERTY_SOURCE_NAME = "embeddedZooKeeper";

	// Deferred: this runs before Boot has set up logging, and a plain logger's lines would be lost.
	private final Log log;

	private final ConfigurableBootstrapContext bootstrapContext;

	public EmbeddedZooKeeperEnvironmentPostProcessor(DeferredLogFactory logFactory,
			ConfigurableBootstrapContext bootstrapContext) {
		this.log = logFactory.getLog(EmbeddedZooKeeperEnvironmentPostProcessor.class);
		this.bootstrapContext = bootstrapContext;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			return;
		}
		Binder binder = Binder.get(environment);
		if (!binder.bind("zk.async.enabled", Boolean.class).orElse(true)) {
			return;
		}
		String hosts = binder.bind("zk.async.hosts", String.class).orElse("");
		if (StringUtils.hasText(hosts)) {
			this.log.info("Using the ZooKeeper ensemble at " + hosts + " (zk.async.hosts)");
			return;
		}
		EmbeddedZooKeeper server = EmbeddedZooKeeper.start();
		environment.getPropertySources()
			.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of("zk.async.hosts", server.connectString())));
		this.bootstrapContext.addCloseListener((event) -> {
			ConfigurableListableBeanFactory beanFactory = event.getApplicationContext().getBeanFactory();
			beanFactory.registerSingleton(EmbeddedZooKeeper.BEAN_NAME, server);
			Assert.state(beanFactory instanceof DefaultSingletonBeanRegistry,
					() -> "cannot register the embedded ZooKeeper for shutdown with " + beanFactory);
			((DefaultSingletonBeanRegistry) beanFactory).registerDisposableBean(EmbeddedZooKeeper.BEAN_NAME, server);
		});
		this.log.info("No zk.async.hosts set: started an embedded ZooKeeper at " + server.connectString() + " (data in "
				+ server.dataDir() + "). Set zk.async.hosts=host:port,... to use a real ensemble.");
	}

	@Override
	public int getOrder() {
		return ConfigDataEnvironmentPostProcessor.ORDER - 1;
	}

}
