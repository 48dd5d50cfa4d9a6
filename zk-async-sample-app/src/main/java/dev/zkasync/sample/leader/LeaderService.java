package dev.zkasync.sample.leader;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.CreateOptions;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.client.data.NodeData;
import dev.zkasync.client.path.ZkPaths;
import dev.zkasync.client.exception.KazooException;
import dev.zkasync.client.exception.NoNodeException;
import dev.zkasync.client.recipe.Election;
import dev.zkasync.client.recipe.KazooRecipes;
import dev.zkasync.sample.Instance;
import dev.zkasync.sample.SampleProperties;
import dev.zkasync.sample.web.ZooKeeperCalls;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

/**
 * A job that must run on one instance only: every instance stands in the election at
 * {@code <root>/election} ({@link Election}, Kazoo's node layout); the leader runs the job every
 * {@code sample.leader.job-interval}, recording each run in {@code <root>/leader-job}.
 *
 * <p>Leadership ends when the instance stops (its candidacy node is deleted at once, so another
 * instance takes over without waiting for a session timeout) or when its ZooKeeper session is
 * lost; it then stands for election again. While the connection is SUSPENDED the leader skips its
 * runs: it cannot know whether its session, and so its leadership, still stands.
 *
 * <p>A lifecycle bean in phase {@value #PHASE}: after the starter's client (phase 0) on start,
 * before it on stop.
 */
@Service
public class LeaderService implements SmartLifecycle {

	/** Lifecycle phase: after the client (0), before the web server. */
	public static final int PHASE = 10;

	private static final Logger log = LoggerFactory.getLogger(LeaderService.class);

	private static final Duration RETRY_DELAY = Duration.ofSeconds(2);

	private static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(2);

	private final KazooClient client;

	private final ZooKeeperCalls calls;

	private final Instance instance;

	private final JsonMapper json;

	private final String electionPath;

	private final String jobPath;

	private final Duration jobInterval;

	private final AtomicReference<@Nullable Term> term = new AtomicReference<>();

	private final AtomicLong runs = new AtomicLong();

	private volatile @Nullable Election election;

	/** The current {@link Election#runAsync}: completes when its term is over (or it was cancelled). */
	private volatile @Nullable AsyncResult<Boolean> candidacy;

	private volatile @Nullable ScheduledExecutorService scheduler;

	private volatile boolean running;

	public LeaderService(KazooClient client, ZooKeeperCalls calls, Instance instance, JsonMapper json,
			SampleProperties properties) {
		this.client = client;
		this.calls = calls;
		this.instance = instance;
		this.json = json;
		this.electionPath = ZkPaths.join(properties.getRootPath(), "election");
		this.jobPath = ZkPaths.join(properties.getRootPath(), "leader-job");
		this.jobInterval = properties.getLeader().getJobInterval();
	}

	/** One term of leadership: ends when {@code end} completes. */
	private record Term(Instant since, CompletableFuture<Void> end) {
	}

	/**
	 * A run of the leader's job, as stored in {@code <root>/leader-job}.
	 *
	 * @param ranBy the instance that ran it
	 * @param at when
	 * @param run the run's number within that instance's life
	 */
	public record JobRun(String ranBy, Instant at, long run) {
	}

	/**
	 * What {@code GET /leader} shows.
	 *
	 * @param leader the leader's instance id, or null while there is none
	 * @param self this instance's id
	 * @param isLeader whether this instance leads
	 * @param leaderSince when this instance was elected; absent unless it leads
	 * @param contenders every candidate, leader first
	 * @param lastJobRun the latest run of the leader's job, by any instance
	 */
	public record LeaderView(@Nullable String leader, String self, boolean isLeader,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Instant leaderSince,
			List<String> contenders, @Nullable JobRun lastJobRun) {
	}

	/**
	 * Whether this instance leads now.
	 * @return true while elected
	 */
	public boolean isLeader() {
		Election current = this.election;
		return current != null && current.isLeader();
	}

	/**
	 * Who leads, read from ZooKeeper.
	 * @return the view
	 */
	public CompletableFuture<LeaderView> view() {
		Election current = this.election;
		if (current == null) {
			return CompletableFuture.failedFuture(this.calls.unavailable("the election has not started"));
		}
		CompletableFuture<List<String>> contenders = this.calls.call("reading the election's contenders",
				current.contendersAsync());
		CompletableFuture<@Nullable JobRun> lastRun = this.calls
			.call("reading the leader job's last run", this.calls.client().getAsync(this.jobPath))
			.thenApply((node) -> parse(node))
			.exceptionally((failure) -> {
				if (ZooKeeperCalls.unwrap(failure) instanceof NoNodeException) {
					return null;
				}
				throw (failure instanceof RuntimeException runtime) ? runtime : new IllegalStateException(failure);
			});
		return contenders.thenCombine(lastRun, (ids, run) -> {
			Term now = this.term.get();
			boolean leading = current.isLeader() && now != null;
			return new LeaderView(ids.isEmpty() ? null : ids.getFirst(), this.instance.id(), leading,
					leading ? now.since() : null, ids, run);
		});
	}

	private @Nullable JobRun parse(NodeData node) {
		if (node.data() == null || node.data().length == 0) {
			return null;
		}
		try {
			return this.json.readValue(node.data(), JobRun.class);
		}
		catch (JacksonException ex) {
			log.debug("{} holds no job run: {}", this.jobPath, ex.getMessage());
			return null;
		}
	}

	// ------------------------------------------------------------------ the election

	private void campaign() {
		Election current = this.election;
		if (!this.running || current == null) {
			return;
		}
		AsyncResult<Boolean> candidacy = current.runAsync(this::lead);
		this.candidacy = candidacy;
		candidacy.rawlink((result) -> {
			if (!this.running) {
				return;
			}
			if (result.successful()) {
				if (Boolean.TRUE.equals(result.value())) {
					log.info("{} standing for election again at {}", this.instance, this.electionPath);
				}
				campaign();
			}
			else {
				log.warn("The election at {} failed ({}); standing again in {}", this.electionPath,
						result.exception().toString(), RETRY_DELAY);
				ScheduledExecutorService executor = this.scheduler;
				if (executor != null) {
					executor.schedule(this::campaign, RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS);
				}
			}
		});
	}

	/** Called on the client's handler thread once elected; must not block. */
	private CompletableFuture<Void> lead(Election.Leadership leadership) {
		ScheduledExecutorService executor = this.scheduler;
		CompletableFuture<Void> end = new CompletableFuture<>();
		if (!this.running || executor == null) {
			end.complete(null);
			return end;
		}
		Term current = new Term(Instant.now(), end);
		this.term.set(current);
		log.info("{} is now the leader at {}: running the leader job every {}", this.instance, this.electionPath,
				this.jobInterval);
		ScheduledFuture<?> job = executor.scheduleWithFixedDelay(this::runJob, 0, this.jobInterval.toMillis(),
				TimeUnit.MILLISECONDS);
		Consumer<AsyncResult<Void>> onLost = (lost) -> {
			log.warn("{} lost leadership with its ZooKeeper session", this.instance);
			end.complete(null);
		};
		leadership.lost().rawlink(onLost);
		return end.whenComplete((ignored, failure) -> {
			leadership.lost().unlink(onLost);
			job.cancel(false);
			this.term.compareAndSet(current, null);
			log.info("{} is no longer the leader", this.instance);
		});
	}

	/** The job only the leader runs; on the scheduler's thread, so it may block. */
	private void runJob() {
		if (!isLeader() || this.client.state() != KazooState.CONNECTED) {
			log.debug("Skipping the leader job: leader={}, state={}", isLeader(), this.client.state());
			return;
		}
		JobRun run = new JobRun(this.instance.id(), Instant.now(), this.runs.incrementAndGet());
		byte[] data = this.json.writeValueAsBytes(run);
		KazooClient zk = this.calls.client();
		try {
			try {
				zk.set(this.jobPath, data);
			}
			catch (NoNodeException ex) {
				zk.create(this.jobPath, data, CreateOptions.DEFAULT.makepath());
			}
			log.debug("Leader job run {} done", run.run());
		}
		catch (KazooException ex) {
			log.warn("Leader job run {} failed: {}", run.run(), ex.toString());
		}
	}

	// ------------------------------------------------------------------ lifecycle

	@Override
	public void start() {
		this.scheduler = Executors.newSingleThreadScheduledExecutor(
				Thread.ofPlatform().name("leader-job").daemon().factory());
		this.election = KazooRecipes.of(this.client).election(this.electionPath, this.instance.id());
		this.running = true;
		campaign();
	}

	@Override
	public void stop() {
		this.running = false;
		Election current = this.election;
		if (current != null) {
			current.cancel(); // a pending candidacy
		}
		Term leading = this.term.get();
		if (leading != null) {
			// End the term: the election deletes our node, so another instance leads at once.
			leading.end().complete(null);
		}
		AsyncResult<Boolean> pending = this.candidacy;
		// Not connected: the release cannot reach ZooKeeper now; the node goes with the session.
		if (pending != null && this.client.state() == KazooState.CONNECTED && !pending.await(RELEASE_TIMEOUT)) {
			log.warn("Leadership at {} not given up within {}; it goes with the session", this.electionPath,
					RELEASE_TIMEOUT);
		}
		ScheduledExecutorService executor = this.scheduler;
		if (executor != null) {
			executor.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
