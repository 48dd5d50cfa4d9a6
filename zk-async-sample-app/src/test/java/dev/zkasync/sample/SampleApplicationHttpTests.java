package dev.zkasync.sample;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.zkasync.client.CreateOptions;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.recipe.KazooRecipes;
import dev.zkasync.client.recipe.Lock;
import dev.zkasync.client.recipe.Party;
import dev.zkasync.sample.embedded.EmbeddedZooKeeper;
import dev.zkasync.sample.settings.SampleSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample as a newcomer runs it: no {@code zk.async.hosts}, so it starts its embedded
 * ZooKeeper; everything is read over real HTTP on a random port. A second client (the test's own
 * {@link KazooClient}) plays "another service" writing config, holding a job's lock and joining
 * the member list.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.leader.job-interval=200ms", "sample.instance-id=http-test-instance" })
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleApplicationHttpTests {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	private static final String ROOT = "/zk-async-sample";

	@LocalServerPort
	private int port;

	@Autowired
	private EmbeddedZooKeeper embedded;

	@Autowired
	private Instance instance;

	private static KazooClient other;

	private Http http;

	@BeforeAll
	static void noHostsConfigured() {
		assertThat(System.getProperty("zk.async.hosts")).isNull();
		assertThat(System.getenv("ZK_ASYNC_HOSTS")).isNull();
	}

	@AfterAll
	static void closeOtherClient() {
		if (other != null) {
			other.close();
			other = null;
		}
	}

	private Http http() {
		if (this.http == null) {
			this.http = new Http(this.port);
		}
		return this.http;
	}

	/** Another service's client on the same (embedded) ZooKeeper. */
	private KazooClient other() {
		if (other == null) {
			other = KazooClient.builder().hosts(this.embedded.connectString()).build();
			other.start(Duration.ofSeconds(15));
		}
		return other;
	}

	@Test
	@Order(1)
	void theAppRunsOnItsEmbeddedZooKeeper() {
		assertThat(this.embedded.isRunning()).isTrue();
		JsonNode health = http().get("/actuator/health").json();
		assertThat(health.path("components").path("zkAsync").path("details").path("connectedServer").asString())
			.isEqualTo(this.embedded.connectString());
	}

	@Test
	@Order(2)
	void configRoundTrip() {
		Http.Response created = http().put("/config/greeting", "hello");
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.header("Location")).isEqualTo("/config/greeting");
		assertThat(created.json().path("value").asString()).isEqualTo("hello");
		assertThat(created.json().path("version").asInt()).isZero();

		// A write answers once this instance's cache has it: the next read sees it.
		Http.Response read = http().get("/config/greeting");
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json().path("value").asString()).isEqualTo("hello");
		assertThat(read.json().has("stale")).isFalse();

		Http.Response updated = http().put("/config/greeting", "hello again, with spaces and ünïcode");
		assertThat(updated.status()).isEqualTo(200);
		assertThat(updated.json().path("version").asInt()).isEqualTo(1);
		assertThat(http().get("/config/greeting").json().path("value").asString())
			.isEqualTo("hello again, with spaces and ünïcode");
		assertThat(new String(other().get(ROOT + "/config/greeting").data(), StandardCharsets.UTF_8))
			.isEqualTo("hello again, with spaces and ünïcode");

		assertThat(http().put("/config/color", "blue").status()).isEqualTo(201);
		JsonNode all = http().get("/config").json();
		assertThat(all.path("greeting").asString()).isEqualTo("hello again, with spaces and ünïcode");
		assertThat(all.path("color").asString()).isEqualTo("blue");

		assertThat(http().delete("/config/color").status()).isEqualTo(204);
		assertThat(http().get("/config/color").status()).isEqualTo(404);
		assertThat(http().delete("/config/color").status()).isEqualTo(404);
		assertThat(http().get("/config").json().has("color")).isFalse();
	}

	@Test
	@Order(3)
	void badInputGetsAClearProblemNeverAStackTrace() {
		Http.Response invalid = http().get("/config/not%20valid");
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.contentType()).startsWith("application/problem+json");
		assertThat(invalid.json().path("title").asString()).isEqualTo("Invalid key");
		assertThat(invalid.json().path("detail").asString()).contains("'not valid'", "A-Z a-z 0-9 . _ -");

		assertThat(http().put("/config/" + "k".repeat(65), "v").status()).isEqualTo(400);
		assertThat(http().post("/jobs/bad%20job/run").status()).isEqualTo(400);
		assertThat(http().post("/jobs/ok/run?durationMs=-1").status()).isEqualTo(400);
		Http.Response tooLarge = http().put("/config/big", "x".repeat(1_100_000));
		assertThat(tooLarge.status()).isEqualTo(413);
		assertThat(tooLarge.json().path("detail").asString()).contains("too large for ZooKeeper");

		Http.Response missing = http().get("/config/never-written");
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.contentType()).startsWith("application/problem+json");
		assertThat(missing.json().path("detail").asString()).isEqualTo("no config key 'never-written'");

		Http.Response noRoute = http().get("/no/such/thing");
		assertThat(noRoute.status()).isEqualTo(404);
		Http.Response wrongMethod = http().post("/config/greeting");
		assertThat(wrongMethod.status()).isEqualTo(405);
		for (Http.Response response : List.of(invalid, tooLarge, missing, noRoute, wrongMethod)) {
			assertThat(response.body()).doesNotContain("Exception", "\tat ", "trace");
		}
	}

	@Test
	@Order(4)
	void aChangeMadeByAnotherClientShowsUpWithoutARestart() {
		String path = ROOT + "/config/from-elsewhere";
		other().create(path, "v1".getBytes(StandardCharsets.UTF_8), CreateOptions.DEFAULT.makepath());
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(http().get("/config/from-elsewhere").json().path("value").asString())
				.isEqualTo("v1"));
		other().set(path, "v2".getBytes(StandardCharsets.UTF_8));
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(http().get("/config/from-elsewhere").json().path("value").asString())
				.isEqualTo("v2"));
		other().delete(path);
		await().atMost(PATIENCE).until(() -> http().get("/config/from-elsewhere").status() == 404);
	}

	@Test
	@Order(4)
	void aKeysChangesStreamAsServerSentEvents() throws Exception {
		assertThat(http().put("/config/streamed", "one").status()).isEqualTo(201);
		try (ServerSentEvents events = new ServerSentEvents(http().base() + "/config/streamed/events")) {
			assertThat(events.status()).isEqualTo(200);
			assertThat(events.contentType()).startsWith("text/event-stream");
			ServerSentEvents.Event first = events.next(PATIENCE);
			assertThat(first.name()).isEqualTo("value");
			assertThat(first.id()).isEqualTo("0");
			assertThat(first.data()).contains("\"value\":\"one\"");

			assertThat(http().put("/config/streamed", "two").status()).isEqualTo(200);
			ServerSentEvents.Event second = events.next(PATIENCE);
			assertThat(second.id()).isEqualTo("1");
			assertThat(second.data()).contains("\"value\":\"two\"");

			assertThat(http().delete("/config/streamed").status()).isEqualTo(204);
			ServerSentEvents.Event deleted = events.next(PATIENCE);
			assertThat(deleted.name()).isEqualTo("deleted");
			assertThat(deleted.data()).isEqualTo("streamed");

			// The stream goes on: the key written again is the next event.
			assertThat(http().put("/config/streamed", "three").status()).isEqualTo(201);
			assertThat(events.next(PATIENCE).data()).contains("\"value\":\"three\"");
		}
	}

	@Test
	@Order(4)
	void anInvalidKeysEventsAnswer400AtOnce() {
		// As an EventSource asks (text/event-stream only) and as curl asks (*/*).
		for (String accept : List.of("text/event-stream", "*/*")) {
			Http.Response invalid = http().get("/config/not%20valid/events", accept);
			assertThat(invalid.status()).as(accept).isEqualTo(400);
			assertThat(invalid.contentType()).as(accept).startsWith("application/problem+json");
			assertThat(invalid.json().path("title").asString()).isEqualTo("Invalid key");
			assertThat(invalid.json().path("detail").asString()).contains("'not valid'", "A-Z a-z 0-9 . _ -");
		}
	}

	@Test
	@Order(5)
	void aJobAnotherHolderRunsAnswers409() throws Exception {
		// Another client holds the job's lock: the app refuses at once, naming the holder.
		try (Lock held = KazooRecipes.of(other()).lock(ROOT + "/locks/report", "other-service")) {
			assertThat(held.acquire(Duration.ofSeconds(10))).isTrue();
			Http.Response busy = http().post("/jobs/report/run?durationMs=0");
			assertThat(busy.status()).isEqualTo(409);
			assertThat(busy.contentType()).startsWith("application/problem+json");
			assertThat(busy.json().path("holder").asString()).isEqualTo("other-service");
			assertThat(busy.json().path("detail").asString()).contains("'report'", "other-service");
		}
		Http.Response ran = http().post("/jobs/report/run?durationMs=0");
		assertThat(ran.status()).isEqualTo(200);
		assertThat(ran.json().path("ranBy").asString()).isEqualTo(this.instance.id());

		// Two requests to the app itself: the second finds the first one's lock.
		CompletableFuture<Http.Response> first = http().postAsync("/jobs/nightly/run?durationMs=3000");
		Lock probe = KazooRecipes.of(other()).lock(ROOT + "/locks/nightly", "probe");
		await().atMost(PATIENCE).until(() -> probe.contenders().contains(this.instance.id()));
		Http.Response second = http().post("/jobs/nightly/run?durationMs=0");
		assertThat(second.status()).isEqualTo(409);
		assertThat(second.json().path("holder").asString()).isEqualTo(this.instance.id());
		Http.Response firstDone = first.get();
		assertThat(firstDone.status()).isEqualTo(200);
		assertThat(firstDone.json().path("durationMs").asLong()).isEqualTo(3000);
		assertThat(probe.contenders()).isEmpty();
		assertThat(http().post("/jobs/nightly/run?durationMs=0").status()).isEqualTo(200);
	}

	@Test
	@Order(6)
	void membersListsEveryRegisteredInstance() {
		JsonNode view = http().get("/members").json();
		assertThat(view.path("self").asString()).isEqualTo(this.instance.id());
		assertThat(ids(view)).containsExactly(this.instance.id());
		assertThat(view.path("members").get(0).path("url").asString()).endsWith(":" + this.port);

		Party another = KazooRecipes.of(other()).party(ROOT + "/members",
				"{\"id\":\"another-instance\",\"url\":\"http://elsewhere:8080\",\"startedAt\":\"2020-01-01T00:00:00Z\"}");
		another.join();
		try {
			assertThat(ids(http().get("/members").json())).containsExactly("another-instance", this.instance.id());
		}
		finally {
			another.leave();
		}
		assertThat(ids(http().get("/members").json())).containsExactly(this.instance.id());
	}

	private static List<String> ids(JsonNode view) {
		List<String> ids = new ArrayList<>();
		view.path("members").forEach((member) -> ids.add(member.path("id").asString()));
		return ids;
	}

	/**
	 * {@code spring.config.import=zk-async:}: a setting written directly in ZooKeeper (as an operator
	 * with zkCli would) reaches the {@code SampleSettings} bean that {@code GET /settings} shows.
	 */
	@Test
	@Order(6)
	void aSettingWrittenInZooKeeperReachesTheSettingsBeanAndItsRemovalRestoresTheDefault() {
		String context = "/config/zk-async-sample";
		String defaultGreeting = new SampleSettings().getGreeting();
		assertThat(http().get("/settings").json().path("greeting").asString()).isEqualTo(defaultGreeting);

		other().create(context + "/sample.settings.greeting", "Hi from ZooKeeper".getBytes(StandardCharsets.UTF_8),
				CreateOptions.DEFAULT.makepath());
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(http().get("/settings").json().path("greeting").asString())
				.isEqualTo("Hi from ZooKeeper"));
		// nested nodes are keys too
		other().create(context + "/sample/settings/features/dark-mode", "true".getBytes(StandardCharsets.UTF_8),
				CreateOptions.DEFAULT.makepath());
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(http().get("/settings").json().path("features").path("dark-mode").asBoolean())
				.isTrue());

		other().delete(context + "/sample.settings.greeting");
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(http().get("/settings").json().path("greeting").asString())
				.isEqualTo(defaultGreeting));
		assertThat(http().get("/settings").json().path("features").path("dark-mode").asBoolean()).isTrue();
	}

	@Test
	@Order(7)
	void theOnlyInstanceLeadsAndRunsTheLeaderJob() {
		await().atMost(PATIENCE).untilAsserted(() -> {
			JsonNode leader = http().get("/leader").json();
			assertThat(leader.path("leader").asString()).isEqualTo(this.instance.id());
			assertThat(leader.path("isLeader").asBoolean()).isTrue();
			assertThat(leader.path("lastJobRun").path("ranBy").asString()).isEqualTo(this.instance.id());
		});
	}

	@Test
	@Order(8)
	void metricsListTheClientOperationsAndPrometheusScrapesThem() {
		http().get("/config/greeting"); // served from the cache, no ZooKeeper request...
		http().put("/config/metrics-probe", "x"); // ...but a write is one
		JsonNode names = http().get("/actuator/metrics").json().path("names");
		List<String> all = new ArrayList<>();
		names.forEach((name) -> all.add(name.asString()));
		assertThat(all).contains("zookeeper.client.operations", "http.server.requests", "sample.members");

		JsonNode operations = http().get("/actuator/metrics/zookeeper.client.operations").json();
		assertThat(operations.path("name").asString()).isEqualTo("zookeeper.client.operations");
		assertThat(operations.path("availableTags").toString()).contains("\"set\"", "\"create\"");

		Http.Response scrape = http().get("/actuator/prometheus");
		assertThat(scrape.status()).isEqualTo(200);
		assertThat(scrape.body()).contains("zookeeper_client_operations_seconds_count",
				"zookeeper_operation=\"set\"");
	}

	@Test
	@Order(9)
	void healthGoesDownWhileZooKeeperIsDownAndRequestsAnswer503() {
		assertThat(http().put("/config/survivor", "cached").status()).isIn(200, 201);
		Http.Response up = http().get("/actuator/health");
		assertThat(up.status()).isEqualTo(200);
		assertThat(up.json().path("components").path("zkAsync").path("status").asString()).isEqualTo("UP");

		this.embedded.stop();
		try {
			await().atMost(PATIENCE).untilAsserted(() -> {
				Http.Response down = http().get("/actuator/health");
				assertThat(down.status()).isEqualTo(503);
				assertThat(down.json().path("status").asString()).isEqualTo("DOWN");
				assertThat(down.json().path("components").path("zkAsync").path("status").asString())
					.isEqualTo("DOWN");
				assertThat(down.json().path("components").path("zkAsync").path("details").path("reason").asString())
					.isNotEmpty();
			});

			// A write cannot succeed: a quick 503 with the reason, not a hang and not a stack trace.
			long start = System.nanoTime();
			Http.Response write = http().put("/config/survivor", "lost");
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			assertThat(write.status()).isEqualTo(503);
			assertThat(took).isLessThan(Duration.ofSeconds(6));
			assertThat(write.contentType()).startsWith("application/problem+json");
			assertThat(write.header("Retry-After")).isEqualTo("2");
			assertThat(write.json().path("title").asString()).isEqualTo("ZooKeeper unavailable");
			assertThat(write.json().path("detail").asString()).startsWith("ZooKeeper is unreachable");
			assertThat(write.json().path("zookeeperState").asString()).isEqualTo("SUSPENDED");
			assertThat(write.body()).doesNotContain("\tat ");

			for (String path : List.of("/leader", "/members")) {
				Http.Response response = http().get(path);
				assertThat(response.status()).as(path).isEqualTo(503);
				assertThat(response.json().path("detail").asString()).as(path).startsWith("ZooKeeper is unreachable");
			}
			assertThat(http().post("/jobs/report/run?durationMs=0").status()).isEqualTo(503);

			// Reads are served from the watch-kept cache, marked stale.
			Http.Response cached = http().get("/config/survivor");
			assertThat(cached.status()).isEqualTo(200);
			assertThat(cached.json().path("value").asString()).isEqualTo("cached");
			assertThat(cached.json().path("stale").asBoolean()).isTrue();
		}
		finally {
			this.embedded.startAgain();
		}
		await().atMost(PATIENCE).untilAsserted(() -> {
			Http.Response again = http().get("/actuator/health");
			assertThat(again.status()).isEqualTo(200);
			assertThat(again.json().path("components").path("zkAsync").path("status").asString()).isEqualTo("UP");
		});
		await().atMost(PATIENCE).until(() -> http().put("/config/survivor", "back").status() == 200);
		assertThat(http().get("/config/survivor").json().path("value").asString()).isEqualTo("back");
	}

}
