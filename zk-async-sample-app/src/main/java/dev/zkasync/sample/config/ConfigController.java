package dev.zkasync.sample.config;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /config}: distributed configuration.
 *
 * <pre>
 * PUT    /config/{key}   body: the value (any text)   201 created, 200 updated
 * GET    /config/{key}   200 {"key","value","version"}, 404 if missing
 * GET    /config         200 {"key": "value", ...}
 * DELETE /config/{key}   204, 404 if missing
 * </pre>
 *
 * Keys are 1 to 64 characters from {@code A-Z a-z 0-9 . _ -} (400 otherwise). Writes answer
 * asynchronously (a {@link CompletableFuture}: no request thread waits on ZooKeeper).
 */
@RestController
@RequestMapping("/config")
public class ConfigController {

	private final ConfigService config;

	public ConfigController(ConfigService config) {
		this.config = config;
	}

	@GetMapping
	public Map<String, String> all() {
		return this.config.all();
	}

	@GetMapping("/{key}")
	public ConfigEntry get(@PathVariable String key) {
		return this.config.get(key);
	}

	@PutMapping("/{key}")
	public CompletableFuture<ResponseEntity<ConfigEntry>> put(@PathVariable String key,
			@RequestBody(required = false) String value) {
		return this.config.put(key, (value != null) ? value : "")
			.thenApply((result) -> result.created()
					? ResponseEntity.created(URI.create("/config/" + key)).body(result.entry())
					: ResponseEntity.ok(result.entry()));
	}

	@DeleteMapping("/{key}")
	public CompletableFuture<ResponseEntity<Void>> delete(@PathVariable String key) {
		return this.config.delete(key).thenApply((ignored) -> ResponseEntity.noContent().build());
	}

}
