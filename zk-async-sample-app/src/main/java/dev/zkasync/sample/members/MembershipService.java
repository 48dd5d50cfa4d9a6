package dev.zkasync.sample.members;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.client.path.ZkPaths;
import dev.zkasync.client.recipe.ChildrenWatch;
import dev.zkasync.client.recipe.KazooRecipes;
import dev.zkasync.client.recipe.Party;
import dev.zkasync.sample.Instance;
import dev.zkasync.sample.SampleProperties;
import dev.zkasync.sample.web.ZooKeeperCalls;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;

/**
 * Service membership: each instance registers an ephemeral node under {@code <root>/members}
 * (Kazoo's {@link Party}, which registers again by itself after a session loss) holding its id and
 * URL; the node goes with the instance's session, so a crashed instance leaves the list within a
 * session timeout and a stopped one at once. A {@link ChildrenWatch} follows the list: membership
 * changes are logged and counted in the {@code sample.members} gauge.
 *
 * <p>A lifecycle bean in the last phase: it registers once the web server is up (its URL is known
 * and it takes traffic) and deregisters first on shutdown, before the web server drains.
 */
@Service
public class MembershipService implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(MembershipService.class);

	private static final Duration LEAVE_TIMEOUT = Duration.ofSeconds(1);

	private final KazooClient client;

	private final ZooKeeperCalls calls;

	private final Instance instance;

	private final JsonMapper json;

	private final ApplicationContext context;

	private final Environment environment;

	private final String path;

	private final AtomicInteger count = new AtomicInteger(-1);

	private volatile @Nullable Party party;

	private volatile @Nullable ChildrenWatch watch;

	private volatile boolean running;

	public MembershipService(KazooClient client, ZooKeeperCalls calls, Instance instance, JsonMapper json,
			ApplicationContext context, Environment environment, SampleProperties properties,
			ObjectProvider<MeterRegistry> meterRegistry) {
		this.client = client;
		this.calls = calls;
		this.instance = instance;
		this.json = json;
		this.context = context;
		this.environment = environment;
		this.path = ZkPaths.join(properties.getRootPath(), "members");
		meterRegistry.ifAvailable((registry) -> Gauge.builder("sample.members", this.count, AtomicInteger::get)
			.description("Instances registered under " + this.path + ", as this instance sees them (-1: not known yet)")
			.register(registry));
	}

	/**
	 * One registered instance.
	 *
	 * @param id its instance id
	 * @param url where it serves HTTP, or null if it has no web server
	 * @param startedAt when it registered
	 */
	public record Member(String id, @Nullable String url, Instant startedAt) {
	}

	/**
	 * What {@code GET /members} shows.
	 *
	 * @param self this instance's id
	 * @param members every registered instance, by id
	 */
	public record MembersView(String self, List<Member> members) {
	}

	/**
	 * The registered instances, read from ZooKeeper.
	 * @return the members, sorted by id
	 */
	public CompletableFuture<MembersView> members() {
		Party current = this.party;
		if (current == null) {
			return CompletableFuture.failedFuture(this.calls.unavailable("this instance has not registered yet"));
		}
		return this.calls.call("reading the members", current.membersAsync()).thenApply((identifiers) -> {
			List<Member> members = new ArrayList<>();
			for (String identifier : identifiers) {
				members.add(parse(identifier));
			}
			members.sort(Comparator.comparing(Member::id));
			return new MembersView(this.instance.id(), members);
		});
	}

	private Member parse(String identifier) {
		try {
			return this.json.readValue(identifier, Member.class);
		}
		catch (JacksonException ex) {
			return new Member(identifier, null, Instant.EPOCH); // registered by another kind of client
		}
	}

	private void membersChanged(List<String> children) {
		int before = this.count.getAndSet(children.size());
		if (before >= 0 && before != children.size()) {
			log.info("Members under {}: {} -> {}", this.path, before, children.size());
		}
	}

	private @Nullable String url() {
		if (this.context instanceof WebServerApplicationContext web && web.getWebServer() != null
				&& web.getWebServer().getPort() > 0) {
			String address = this.environment.getProperty("server.address");
			String host = (address != null && !address.isBlank() && !address.equals("0.0.0.0")) ? address
					: Instance.hostName();
			return "http://" + host + ":" + web.getWebServer().getPort();
		}
		return null;
	}

	// ------------------------------------------------------------------ lifecycle

	@Override
	public void start() {
		Member member = new Member(this.instance.id(), url(), Instant.now());
		Party joined = KazooRecipes.of(this.client).party(this.path, this.json.writeValueAsString(member));
		this.party = joined;
		this.running = true;
		joined.joinAsync().rawlink((result) -> {
			if (!this.running) {
				return; // stopped meanwhile
			}
			if (result.successful()) {
				log.info("Registered {} as a member under {}", member.url() != null ? member.url() : member.id(),
						this.path);
				this.watch = KazooRecipes.of(this.client).childrenWatch(this.path, (children, event) -> {
					membersChanged(children);
					return this.running;
				});
			}
			else {
				log.warn("Could not register under {}: {}", this.path, result.exception().toString());
			}
		});
	}

	@Override
	public void stop() {
		this.running = false;
		ChildrenWatch current = this.watch;
		if (current != null) {
			current.close();
		}
		Party joined = this.party;
		if (joined == null) {
			return;
		}
		AsyncResult<Boolean> left = joined.leaveAsync();
		// Not connected (ZooKeeper is down, or was stopped first): no point waiting, the node goes
		// with the session when it ends.
		if (this.client.state() == KazooState.CONNECTED && !left.await(LEAVE_TIMEOUT)) {
			log.warn("Leaving {} took longer than {}; the node goes with the session", this.path, LEAVE_TIMEOUT);
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * The last phase: after the web server starts, before it stops.
	 * @return {@link SmartLifecycle#DEFAULT_PHASE}
	 */
	@Override
	public int getPhase() {
		return DEFAULT_PHASE;
	}

}
