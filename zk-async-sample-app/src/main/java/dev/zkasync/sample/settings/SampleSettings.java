package dev.zkasync.sample.settings;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the service kept in ZooKeeper ({@code sample.settings.*}): the application imports
 * them with {@code spring.config.import=zk-async:} from the nodes under
 * {@code /config/zk-async-sample} (and {@code /config/application}), and {@link SettingsRebinder}
 * rebinds this bean when one of them changes, without a restart. {@code GET /settings} shows it.
 */
@ConfigurationProperties(SampleSettings.PREFIX)
public class SampleSettings {

	/** The prefix of the settings' keys. */
	public static final String PREFIX = "sample.settings";

	/**
	 * Greeting that GET /settings shows.
	 */
	private volatile String greeting = "Hello from zk-async";

	/**
	 * Feature flags by name, for example 'sample.settings.features.dark-mode=true'.
	 */
	private volatile Map<String, Boolean> features = Map.of();

	public String getGreeting() {
		return this.greeting;
	}

	public void setGreeting(String greeting) {
		this.greeting = greeting;
	}

	public Map<String, Boolean> getFeatures() {
		return this.features;
	}

	public void setFeatures(Map<String, Boolean> features) {
		this.features = Map.copyOf(features);
	}

	/** Takes every value of {@code bound}: a key removed from ZooKeeper goes back to its default. */
	synchronized void update(SampleSettings bound) {
		this.greeting = bound.getGreeting();
		this.features = bound.getFeatures();
	}

	/** The settings at one moment, never half of an update. */
	synchronized SettingsView view() {
		return new SettingsView(this.greeting, this.features);
	}

	/**
	 * What {@code GET /settings} shows.
	 *
	 * @param greeting {@code sample.settings.greeting}
	 * @param features {@code sample.settings.features.*}
	 */
	public record SettingsView(String greeting, Map<String, Boolean> features) {
	}

}
