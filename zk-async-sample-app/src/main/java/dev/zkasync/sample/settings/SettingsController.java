package dev.zkasync.sample.settings;

import dev.zkasync.sample.settings.SampleSettings.SettingsView;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /settings}: the {@link SampleSettings} bean as it is now, read from ZooKeeper at
 * startup and rebound on every change there.
 */
@RestController
public class SettingsController {

	private final SampleSettings settings;

	public SettingsController(SampleSettings settings) {
		this.settings = settings;
	}

	@GetMapping("/settings")
	public SettingsView settings() {
		return this.settings.view();
	}

}
