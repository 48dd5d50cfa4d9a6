package dev.zkasync.sample;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.zkasync.client.KazooClient;
import dev.zkasync.client.handler.SequentialThreadingHandler;
import dev.zkasync.client.handler.SequentialVirtualThreadHandler;
import dev.zkasync.sample.embedded.EmbeddedZooKeeper;
import dev.zkasync.test.ZooKeeperProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the sample, started as a deployment would start them (their own
 * {@code SpringApplication}, {@code zk.async.hosts} set, a random port each), against one
 * ZooKeeper: exactly one leads; when it stops, the other takes over at once (the leader's
 * candidacy node is deleted on shutdown, no session timeout to wait for). Config written through
 * one instance is served by the other, and the member list follows. The second instance runs on
 * virtual threads ({@code spring.threads.virtual.enabled=true}). Each lists the other, and only
 * the other, as its peer through Spring Cloud's {@code DiscoveryClient}.
 */
class TwoInstancesTests {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	private ZooKeeperProcess zookeeper;

	private final Map<String, ConfigurableApplicationContext> instances = new TreeMap<>();

	@BeforeEach
	void startZooKeeper() {
		this.zookeeper = ZooKeeperProcess.start();
	}

	@AfterEach
	void stopEverything() {
		this.instances.values().forEach(ConfigurableApplicationContext::close);
		this.instances.clear();
		if (this.zookeeper != null) {
			this.zookeeper.close();
		}
	}

	private Http start(String id, String... extraArgs) {
		List<String> args = new ArrayList<>(List.of("--zk.async.hosts=" + this.zookeeper.connectString(),
				"--server.port=0", "--sample.instance-id=" + id, "--sample.leader.job-interval=200ms",
				"--spring.main.banner-mode=off"));
		args.addAll(List.of(extraArgs));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
			.run(args.toArray(String[]::new));
		this.instances.put(id, context);
		assertThat(context.containsBean(EmbeddedZooKeeper.BEAN_NAME)).as("no embedded server when hosts are set")
			.isFalse();
		return new Http(((WebServerApplicationContext) context).getWebServer().getPort());
	}

	@Test
	void exactlyOneLeaderAndANewOneWhenItStops() {
		Map<String, Http> http = new TreeMap<>();
		http.put("alpha", start("alpha"));
		// The second one on virtual threads: one property switches Tomcat and the client's handler.
		http.put("beta", start("beta", "--spring.threads.virtual.enabled=true"));
		assertThat(this.instances.get("alpha").getBean(KazooClient.class).handler())
			.isInstanceOf(SequentialThreadingHandler.class);
		assertThat(this.instances.get("beta").getBean(KazooClient.class).handler())
			.isInstanceOf(SequentialVirtualThreadHandler.class);

		// Both agree on one leader, which is one of them, and only that one says it leads.
		await().atMost(PATIENCE).untilAsserted(() -> {
			JsonNode alpha = http.get("alpha").get("/leader").json();
			JsonNode beta = http.get("beta").get("/leader").json();
			assertThat(alpha.path("leader").asString()).isIn("alpha", "beta")
				.isEqualTo(beta.path("leader").asString());
			assertThat(alpha.path("isLeader").asBoolean() ^ beta.path("isLeader").asBoolean()).isTrue();
			assertThat(contenders(alpha)).containsExactlyInAnyOrder("alpha", "beta");
		});
		String leader = http.get("alpha").get("/leader").json().path("leader").asString();
		String follower = leader.equals("alpha") ? "beta" : "alpha";
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(
					http.get(follower).get("/leader").json().path("lastJobRun").path("ranBy").asString())
				.isEqualTo(leader));
		assertThat(http.get(follower).get("/leader").json().has("leaderSince")).isFalse();
		assertThat(http.get(leader).get("/leader").json().has("leaderSince")).isTrue();

		// Both are members; config written through one is served by the other.
		assertThat(members(http.get(follower).get("/members").json())).containsExactly("alpha", "beta");
		assertThat(http.get(leader).put("/config/shared", "from-" + leader).status()).isEqualTo(201);
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(http.get(follower).get("/config/shared").json().path("value").asString())
				.isEqualTo("from-" + leader));

		// Each finds the other through Spring Cloud's DiscoveryClient, and not itself.
		await().atMost(PATIENCE).untilAsserted(() -> {
			assertThat(peerUris(http.get("alpha").get("/peers").json())).singleElement()
				.satisfies((uri) -> assertThat(URI.create(uri).getPort()).isEqualTo(http.get("beta").port()));
			assertThat(peerUris(http.get("beta").get("/peers").json())).singleElement()
				.satisfies((uri) -> assertThat(URI.create(uri).getPort()).isEqualTo(http.get("alpha").port()));
		});
		assertThat(http.get("alpha").get("/peers").json().path("service").asString()).isEqualTo("zk-async-sample");

		// The leader stops: the follower leads at once and takes over the job.
		long stopped = System.nanoTime();
		this.instances.remove(leader).close();
		await().atMost(PATIENCE).untilAsserted(() -> {
			JsonNode view = http.get(follower).get("/leader").json();
			assertThat(view.path("leader").asString()).isEqualTo(follower);
			assertThat(view.path("isLeader").asBoolean()).isTrue();
			assertThat(contenders(view)).containsExactly(follower);
		});
		assertThat(Duration.ofNanos(System.nanoTime() - stopped))
			.as("failover does not wait for the old leader's session to time out")
			.isLessThan(Duration.ofSeconds(8));
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(
					http.get(follower).get("/leader").json().path("lastJobRun").path("ranBy").asString())
				.isEqualTo(follower));
		assertThat(members(http.get(follower).get("/members").json())).containsExactly(follower);
		// Deregistered on shutdown: the one left sees no peer.
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(peerUris(http.get(follower).get("/peers").json())).isEmpty());
	}

	private static List<String> contenders(JsonNode leaderView) {
		List<String> ids = new ArrayList<>();
		leaderView.path("contenders").forEach((id) -> ids.add(id.asString()));
		return ids;
	}

	private static List<String> peerUris(JsonNode peersView) {
		List<String> uris = new ArrayList<>();
		peersView.path("peers").forEach((peer) -> uris.add(peer.path("uri").asString()));
		return uris;
	}

	private static List<String> members(JsonNode membersView) {
		List<String> ids = new ArrayList<>();
		membersView.path("members").forEach((member) -> ids.add(member.path("id").asString()));
		return ids;
	}

}
