package dev.zkasync.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plain HTTP against a running instance of the sample (java.net.http, no Spring in between), so the
 * tests see exactly what curl would.
 */
final class Http {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	private final int port;

	Http(int port) {
		this.port = port;
		this.base = "http://127.0.0.1:" + port;
	}

	int port() {
		return this.port;
	}

	String base() {
		return this.base;
	}

	/** One response: status, content type, headers and body. */
	record Response(int status, HttpResponse<String> raw) {

		String body() {
			return this.raw.body();
		}

		JsonNode json() {
			return JSON.readTree(this.raw.body());
		}

		String contentType() {
			return this.raw.headers().firstValue("Content-Type").orElse("");
		}

		String header(String name) {
			return this.raw.headers().firstValue(name).orElse(null);
		}

	}

	Response get(String path) {
		return send(request(path).GET().build());
	}

	Response get(String path, String accept) {
		return send(request(path).header("Accept", accept).GET().build());
	}

	Response put(String path, String body) {
		return send(request(path).header("Content-Type", "text/plain")
			.PUT(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	Response delete(String path) {
		return send(request(path).DELETE().build());
	}

	Response post(String path) {
		return send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build());
	}

	CompletableFuture<Response> postAsync(String path) {
		return CLIENT.sendAsync(request(path).POST(HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofString())
			.thenApply((response) -> new Response(response.statusCode(), response));
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.base + path)).timeout(Duration.ofSeconds(30));
	}

	private Response send(HttpRequest request) {
		try {
			HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

}
