package dev.zkasync.sample.config;

import java.nio.charset.StandardCharsets;

import dev.zkasync.reactor.ReactiveKazooClient;
import dev.zkasync.sample.web.Names;
import reactor.core.publisher.Flux;

import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /config/{key}/events}: the key's value now and after every change, as server-sent
 * events, until the client disconnects. Each event is named {@code value} (data: the
 * {@link ConfigEntry} as JSON) or {@code deleted} (data: the key) and carries the node's version
 * as its id.
 *
 * <p>Built on {@link ReactiveKazooClient#data(String)}, which is conflated: a slow reader skips
 * values in between and gets the newest, so a stalled connection never buffers without bound.
 * Spring MVC writes the {@code Flux} as {@code text/event-stream} without holding a request thread.
 */
@RestController
public class ConfigEventsController {

	private final ConfigService config;

	private final ReactiveKazooClient zk;

	public ConfigEventsController(ConfigService config, ReactiveKazooClient zk) {
		this.config = config;
		this.zk = zk;
	}

	// No 'produces': a ServerSentEvent stream is text/event-stream anyway, and a bad key's 400
	// problem must still be writable as application/problem+json.
	@GetMapping("/config/{key}/events")
	public Flux<ServerSentEvent<Object>> events(@PathVariable String key) {
		// Checked here, before the stream starts, so a bad key is a 400: the path alone would take it
		// (ZooKeeper allows spaces) and stream a never-ending 'deleted' for a node that cannot exist.
		String path = this.config.path(Names.require("key", key));
		return this.zk.data(path)
			.map((node) -> node
				.<ServerSentEvent<Object>>map((data) -> ServerSentEvent
					.<Object>builder(new ConfigEntry(key, new String(data.data(), StandardCharsets.UTF_8),
							data.stat().version(), null))
					.event("value")
					.id(Integer.toString(data.stat().version()))
					.build())
				.orElseGet(() -> ServerSentEvent.<Object>builder(key).event("deleted").build()));
	}

}
