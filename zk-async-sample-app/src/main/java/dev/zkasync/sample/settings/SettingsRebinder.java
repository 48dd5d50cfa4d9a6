package dev.zkasync.sample.settings;

import dev.zkasync.spring.boot.config.ZkAsyncConfigChangedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Rebinds {@link SampleSettings} when ZooKeeper changes one of its keys. The imported property
 * sources are live already; without Spring Cloud Context (whose refresh scope Spring AOT does not
 * support) nothing else would bind the new values to the bean.
 */
@Component
public class SettingsRebinder implements ApplicationListener<ZkAsyncConfigChangedEvent> {

	private static final Logger log = LoggerFactory.getLogger(SettingsRebinder.class);

	private final SampleSettings settings;

	private final Environment environment;

	public SettingsRebinder(SampleSettings settings, Environment environment) {
		this.settings = settings;
		this.environment = environment;
	}

	@Override
	public void onApplicationEvent(ZkAsyncConfigChangedEvent event) {
		if (event.getKeys().stream().noneMatch((key) -> key.startsWith(SampleSettings.PREFIX + "."))) {
			return;
		}
		// a fresh bind, so that a deleted key falls back to its default
		SampleSettings bound = Binder.get(this.environment).bindOrCreate(SampleSettings.PREFIX, SampleSettings.class);
		this.settings.update(bound);
		log.info("Settings changed in ZooKeeper: {}", this.settings.view());
	}

}
