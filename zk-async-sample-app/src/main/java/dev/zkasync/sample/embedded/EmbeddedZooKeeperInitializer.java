package dev.zkasync.sample.embedded;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Starts an {@link EmbeddedZooKeeper} when {@code zk.async.hosts} is not set, and points the
 * starter at it by adding {@code zk.async.hosts=127.0.0.1:<port>} to the environment, before any
 * bean (the {@code KazooClient} included) is created. Setting {@code zk.async.hosts} (property,
 * {@code --zk.async.hosts=...} or the {@code ZK_ASYNC_HOSTS} environment variable) switches it off.
 *
 * <p>The server is registered as the singleton {@value EmbeddedZooKeeper#BEAN_NAME} and as the
 * first disposable bean, so it is stopped last when the context closes: after the web server has
 * drained and after the client has closed its session (lifecycle beans stop before any bean is
 * destroyed). It is stopped too if the context fails to start.
 *
 * <p>Registered in {@code META-INF/spring.factories}, so it applies to the application however it
 * starts ({@code main}, {@code spring-boot:run}, {@code @SpringBootTest}).
 */
public class EmbeddedZooKeeperInitializer
		implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

	/** The property source that carries the embedded server's address. */
	public static final String PROPERTY_SOURCE_NAME = "embeddedZooKeeper";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedZooKeeperInitializer.class);

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		if (context.getParent() != null || environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			return; // a child context (management server, ...) uses its parent's client
		}
		Binder binder = Binder.get(environment);
		if (!binder.bind("zk.async.enabled", Boolean.class).orElse(true)) {
			return;
		}
		String hosts = binder.bind("zk.async.hosts", String.class).orElse("");
		if (StringUtils.hasText(hosts)) {
			log.info("Using the ZooKeeper ensemble at {} (zk.async.hosts)", hosts);
			return;
		}
		EmbeddedZooKeeper server = EmbeddedZooKeeper.start();
		try {
			environment.getPropertySources()
				.addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of("zk.async.hosts", server.connectString())));
			ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
			beanFactory.registerSingleton(EmbeddedZooKeeper.BEAN_NAME, server);
			Assert.state(beanFactory instanceof DefaultSingletonBeanRegistry,
					() -> "cannot register the embedded ZooKeeper for shutdown with " + beanFactory);
			((DefaultSingletonBeanRegistry) beanFactory).registerDisposableBean(EmbeddedZooKeeper.BEAN_NAME, server);
		}
		catch (RuntimeException ex) {
			server.destroy();
			throw ex;
		}
		log.info("No zk.async.hosts set: started an embedded ZooKeeper at {} (data in {}). "
				+ "Set zk.async.hosts=host:port,... to use a real ensemble.", server.connectString(), server.dataDir());
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
