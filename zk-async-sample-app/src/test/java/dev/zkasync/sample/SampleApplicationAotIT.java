package dev.zkasync.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jar, AOT-processed by the build ({@code spring-boot:process-aot}), run as a user
 * would run it with {@code java -Dspring.aot.enabled=true -jar ...} in a JVM of its own: on its
 * embedded ZooKeeper and a free port, with {@code spring.config.import=optional:zk-async:}, its
 * endpoints answer over real HTTP. Without the generated code the application would refuse to start
 * in this mode.
 */
class SampleApplicationAotIT {

	private static final Duration STARTUP = Duration.ofSeconds(120);

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

	@TempDir
	Path temp;

	private Process app;

	private Path log;

	@AfterEach
	void stopTheApplication() throws InterruptedException {
		if (this.app == null) {
			return;
		}
		List<ProcessHandle> children = this.app.descendants().toList(); // the embedded ZooKeeper
		this.app.destroy();
		if (!this.app.waitFor(30, TimeUnit.SECONDS)) {
			this.app.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
	}

	@Test
	void theAotProcessedJarStartsAndServesItsEndpoints() throws Exception {
		String jar = System.getProperty("zk.async.sample.jar");
		assertThat(jar).as("zk.async.sample.jar, set by the build").isNotNull();
		String java = ProcessHandle.current().info().command().orElse("java");
		this.log = this.temp.resolve("app.log");
		this.app = new ProcessBuilder(java,
				// C1 only: a short-lived JVM starts faster on a busy CI machine
				"-XX:TieredStopAtLevel=1", "-Dspring.aot.enabled=true", "-jar", jar, "--server.port=0",
				"--sample.instance-id=aot-instance", "--sample.leader.job-interval=200ms",
				// on SIGTERM the embedded server is stopped by its own shutdown hook, and deregistering
				// from discovery would otherwise wait up to twice the 30 s default for it
				"--zk.async.request-timeout=2s",
				// the config import too: the sample's config keys become live properties. (Not seen through
				// /actuator/env: which endpoints exist was decided when the build processed the app.)
				"--spring.config.import=optional:zk-async:/zk-async-sample/config",
				"--logging.level.dev.zkasync.spring.boot.config=DEBUG")
			.redirectErrorStream(true)
			.redirectOutput(this.log.toFile())
			.start();

		await().atMost(STARTUP).until(() -> !this.app.isAlive() || PORT.matcher(log()).find());
		assertThat(this.app.isAlive()).as("running; its log:%n%s", log()).isTrue();
		// AOT-processed, and on the embedded server (no zk.async.hosts given)
		assertThat(log()).contains("Starting AOT-processed SampleApplication",
				"No zk.async.hosts set: started an embedded ZooKeeper at 127.0.0.1:",
				"Connecting to ZooKeeper at 127.0.0.1:", "for spring.config.import");
		Matcher port = PORT.matcher(log());
		assertThat(port.find()).isTrue();
		Http http = new Http(Integer.parseInt(port.group(1)));

		JsonNode health = http.get("/actuator/health").json();
		assertThat(health.path("components").path("zkAsync").path("status").asString()).isEqualTo("UP");

		assertThat(http.put("/config/aot", "generated").status()).isEqualTo(201);
		assertThat(http.get("/config/aot").json().path("value").asString()).isEqualTo("generated");
		await().atMost(PATIENCE).until(() -> log().contains("Configuration from ZooKeeper changed: [aot]"));
		try (ServerSentEvents events = new ServerSentEvents(http.base() + "/config/aot/events")) {
			ServerSentEvents.Event first = events.next(PATIENCE);
			assertThat(first.name()).isEqualTo("value");
			assertThat(first.data()).contains("\"value\":\"generated\"");
		}
		Http.Response invalid = http.get("/config/not%20valid/events", "text/event-stream");
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.json().path("title").asString()).isEqualTo("Invalid key");

		await().atMost(PATIENCE).untilAsserted(() -> {
			JsonNode leader = http.get("/leader").json();
			assertThat(leader.path("leader").asString()).isEqualTo("aot-instance");
			assertThat(leader.path("lastJobRun").path("ranBy").asString()).isEqualTo("aot-instance");
		});
		assertThat(http.get("/members").json().path("members").get(0).path("id").asString())
			.isEqualTo("aot-instance");
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(http.get("/peers").json().path("self").path("uri").asString())
				.endsWith(":" + http.port()));
		assertThat(http.get("/actuator/prometheus").body()).contains("zookeeper_client_state");
		assertThat(log()).as("nothing logged at ERROR").doesNotContain(" ERROR ");
	}

	private String log() {
		try {
			return Files.readString(this.log, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
