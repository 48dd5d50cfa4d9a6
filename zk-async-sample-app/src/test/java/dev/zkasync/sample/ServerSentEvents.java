package dev.zkasync.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code text/event-stream} read as curl would: one connection, its lines parsed into events by a
 * thread of its own; {@link #close()} drops the connection.
 */
final class ServerSentEvents implements AutoCloseable {

	/** One event: its {@code event:}, {@code id:} and {@code data:} fields. */
	record Event(String name, String id, String data) {
	}

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

	private final Stream<String> lines;

	private final HttpResponse<Stream<String>> response;

	ServerSentEvents(String uri) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(uri)).header("Accept", "text/event-stream").build();
		this.response = CLIENT.send(request, HttpResponse.BodyHandlers.ofLines());
		this.lines = this.response.body();
		Thread.ofVirtual().name("sse-reader").start(this::read);
	}

	int status() {
		return this.response.statusCode();
	}

	String contentType() {
		return this.response.headers().firstValue("Content-Type").orElse("");
	}

	private void read() {
		Map<String, String> fields = new HashMap<>();
		try {
			this.lines.forEach((line) -> {
				if (line.isEmpty()) {
					if (!fields.isEmpty()) {
						this.events.add(new Event(fields.get("event"), fields.get("id"), fields.get("data")));
						fields.clear();
					}
					return;
				}
				int colon = line.indexOf(':');
				if (colon > 0) {
					fields.merge(line.substring(0, colon), line.substring(colon + 1).stripLeading(),
							(a, b) -> a + "\n" + b);
				}
			});
		}
		catch (RuntimeException ex) {
			// the connection was closed by close()
		}
	}

	/**
	 * The next event, waiting for it.
	 * @param timeout how long to wait
	 * @return the event
	 */
	Event next(Duration timeout) throws InterruptedException {
		Event event = this.events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(event).as("an event within %s", timeout).isNotNull();
		return event;
	}

	@Override
	public void close() {
		this.lines.close();
	}

}
