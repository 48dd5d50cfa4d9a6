package dev.zkasync.sample.config;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import dev.zkasync.client.CreateOptions;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.client.data.Stat;
import dev.zkasync.client.path.ZkPaths;
import dev.zkasync.client.exception.BadVersionException;
import dev.zkasync.client.exception.NoNodeException;
import dev.zkasync.client.exception.NodeExistsException;
import dev.zkasync.client.recipe.CachedNode;
import dev.zkasync.client.recipe.CuratorCache;
import dev.zkasync.client.recipe.KazooRecipes;
import dev.zkasync.client.recipe.TreeEvent;
import dev.zkasync.sample.SampleProperties;
import dev.zkasync.sample.web.Names;
import dev.zkasync.sample.web.NotFoundException;
import dev.zkasync.sample.web.ZooKeeperCalls;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

/**
 * Distributed configuration: every key is a znode {@code <root>/config/<key>} holding its value as
 * UTF-8 text. Reads are served from a {@link CuratorCache} of {@code <root>/config}, kept current by
 * one persistent recursive watch, so a value written by any client (another instance, {@code zkCli},
 * a Kazoo script) shows up here without a restart and without a ZooKeeper round trip per read.
 *
 * <p>Writes go to ZooKeeper and answer once this instance's cache shows them, so a client that
 * writes and then reads the same instance sees its own write. While ZooKeeper is unreachable,
 * reads still answer from the cache (marked {@code stale}) and writes answer 503.
 *
 * <p>A lifecycle bean in phase {@value #PHASE}: it starts after the starter's client has connected
 * (phase 0) and before the web server takes traffic, and stops in the reverse order.
 */
@Service
public class ConfigService implements SmartLifecycle {

	/** Lifecycle phase: after the client (0), before the web server. */
	public static final int PHASE = 10;

	private static final Logger log = LoggerFactory.getLogger(ConfigService.class);

	private static final Duration INITIAL_LOAD_TIMEOUT = Duration.ofSeconds(10);

	private static final int DELETE_ATTEMPTS = 3;

	private final KazooClient client;

	private final ZooKeeperCalls calls;

	private final String root;

	private final List<Waiter> waiters = new CopyOnWriteArrayList<>();

	private volatile @Nullable CuratorCache cache;

	private volatile boolean running;

	public ConfigService(KazooClient client, ZooKeeperCalls calls, SampleProperties properties) {
		this.client = client;
		this.calls = calls;
		this.root = ZkPaths.join(properties.getRootPath(), "config");
	}

	/**
	 * The znode that holds the keys.
	 * @return {@code <root>/config}
	 */
	public String root() {
		return this.root;
	}

	/**
	 * The znode of a key.
	 * @param key a valid key
	 * @return {@code <root>/config/<key>}
	 */
	public String path(String key) {
		return ZkPaths.join(this.root, key);
	}

	// ------------------------------------------------------------------ reads, from the cache

	/**
	 * A value, from the cache.
	 * @param key the key
	 * @return the entry
	 * @throws dev.zkasync.sample.web.InvalidNameException if the key is invalid
	 * @throws NotFoundException if there is no such key
	 * @throws dev.zkasync.sample.web.ZooKeeperUnavailableException if the cache was never loaded
	 */
	public ConfigEntry get(String key) {
		Names.require("key", key);
		CachedNode node = loadedCache().getData(path(key));
		if (node == null) {
			throw new NotFoundException("no config key '" + key + "'");
		}
		return entry(key, node);
	}

	/**
	 * Every key and its value, from the cache.
	 * @return the values by key, sorted
	 */
	public Map<String, String> all() {
		CuratorCache current = loadedCache();
		Map<String, String> values = new TreeMap<>();
		Set<String> keys = current.getChildren(this.root);
		if (keys != null) {
			for (String key : keys) {
				CachedNode node = current.getData(path(key));
				if (node != null) {
					values.put(key, text(node.data()));
				}
			}
		}
		return values;
	}

	private CuratorCache loadedCache() {
		CuratorCache current = this.cache;
		if (current == null || !current.initialized().successful()) {
			throw this.calls.unavailable("the configuration has not been loaded from ZooKeeper yet");
		}
		return current;
	}

	private ConfigEntry entry(String key, CachedNode node) {
		Boolean stale = (this.client.state() != KazooState.CONNECTED) ? Boolean.TRUE : null;
		return new ConfigEntry(key, text(node.data()), node.stat().version(), stale);
	}

	// ------------------------------------------------------------------ writes, to ZooKeeper

	/**
	 * The outcome of a {@link #put}.
	 *
	 * @param entry what was written
	 * @param created whether the key was new
	 */
	public record PutResult(ConfigEntry entry, boolean created) {
	}

	/**
	 * Sets a value, creating the key if needed.
	 * @param key the key
	 * @param value the value
	 * @return completes once this instance's cache shows the write
	 */
	public CompletableFuture<PutResult> put(String key, String value) {
		Names.require("key", key);
		String path = path(key);
		byte[] data = value.getBytes(StandardCharsets.UTF_8);
		String what = "writing config key '" + key + "'";
		KazooClient zk = this.calls.client();
		return this.calls.call(what, zk.setAsync(path, data))
			.thenApply((stat) -> new Written(stat, false))
			.exceptionallyCompose((failure) -> {
				if (!(ZooKeeperCalls.unwrap(failure) instanceof NoNodeException)) {
					return CompletableFuture.failedFuture(ZooKeeperCalls.unwrap(failure));
				}
				// A new key: create it (and the config node, the first time).
				return this.calls.call(what, zk.createWithStatAsync(path, data, CreateOptions.DEFAULT.makepath()))
					.thenApply((created) -> new Written(created.stat(), true))
					.exceptionallyCompose((createFailure) -> {
						if (!(ZooKeeperCalls.unwrap(createFailure) instanceof NodeExistsException)) {
							return CompletableFuture.failedFuture(ZooKeeperCalls.unwrap(createFailure));
						}
						// Another client created it meanwhile: last writer wins, as for any set.
						return this.calls.call(what, zk.setAsync(path, data)).thenApply((stat) -> new Written(stat, false));
					});
			})
			.thenCompose((written) -> awaitCache(path, (node) -> node != null && atLeast(node.stat(), written.stat()))
				.thenApply((ignored) -> new PutResult(new ConfigEntry(key, value, written.stat().version(), null),
						written.created())));
	}

	/**
	 * Deletes a key.
	 * @param key the key
	 * @return completes once this instance's cache shows the delete; fails with
	 * {@link NotFoundException} if there is no such key
	 */
	public CompletableFuture<Void> delete(String key) {
		Names.require("key", key);
		return delete(key, path(key), 1);
	}

	/** Deletes exactly the version we read, so we know which node went; retried if it changed meanwhile. */
	private CompletableFuture<Void> delete(String key, String path, int attempt) {
		KazooClient zk = this.calls.client();
		String what = "deleting config key '" + key + "'";
		return this.calls.call(what, zk.existsAsync(path)).thenCompose((stat) -> {
			if (stat == null) {
				throw new NotFoundException("no config key '" + key + "'");
			}
			return this.calls.call(what, zk.deleteAsync(path, stat.version())).thenApply((ignored) -> stat);
		}).exceptionallyCompose((failure) -> {
			Throwable cause = ZooKeeperCalls.unwrap(failure);
			if (cause instanceof NoNodeException) {
				return CompletableFuture.failedFuture(new NotFoundException("no config key '" + key + "'"));
			}
			if (cause instanceof BadVersionException && attempt < DELETE_ATTEMPTS) {
				return delete(key, path, attempt + 1).thenApply((ignored) -> (Stat) null);
			}
			return CompletableFuture.failedFuture(cause);
		}).thenCompose((deleted) -> (deleted == null) ? CompletableFuture.completedFuture(null)
				: awaitCache(path, (node) -> node == null || node.stat().czxid() != deleted.czxid()));
	}

	private record Written(Stat stat, boolean created) {
	}

	/** Whether the cached node is the written one or newer. */
	private static boolean atLeast(Stat cached, Stat written) {
		return cached.czxid() > written.czxid()
				|| (cached.czxid() == written.czxid() && cached.mzxid() >= written.mzxid());
	}

	// ------------------------------------------------------------------ read-your-writes

	private record Waiter(String path, Predicate<@Nullable CachedNode> done, CompletableFuture<Void> future) {
	}

	/**
	 * Completes when the cache's node at {@code path} satisfies {@code done}, or after the request
	 * deadline at the latest (the write has succeeded either way; the cache only lags).
	 */
	private CompletableFuture<Void> awaitCache(String path, Predicate<@Nullable CachedNode> done) {
		Waiter waiter = new Waiter(path, done, new CompletableFuture<>());
		this.waiters.add(waiter);
		check(waiter);
		return waiter.future()
			.completeOnTimeout(null, this.calls.timeout().toMillis(), TimeUnit.MILLISECONDS)
			.whenComplete((ignored, failure) -> this.waiters.remove(waiter));
	}

	private void check(Waiter waiter) {
		CuratorCache current = this.cache;
		if (current == null || waiter.future().isDone()) {
			return;
		}
		if (waiter.done().test(current.getData(waiter.path()))) {
			waiter.future().complete(null);
		}
	}

	private void onCacheEvent(TreeEvent event) {
		CachedNode node = event.node();
		if (node != null && this.root.equals(ZkPaths.parent(node.path()))
				&& this.cache != null && this.cache.initialized().ready()) {
			String key = ZkPaths.basename(node.path());
			switch (event.type()) {
				case NODE_ADDED -> log.info("Config key '{}' added (version {})", key, node.stat().version());
				case NODE_UPDATED -> log.info("Config key '{}' changed (version {})", key, node.stat().version());
				case NODE_REMOVED -> log.info("Config key '{}' removed", key);
				default -> {
				}
			}
		}
		else if (event.type() == TreeEvent.Type.INITIALIZED) {
			Set<String> keys = (this.cache != null) ? this.cache.getChildren(this.root) : null;
			log.info("Config loaded from {}: {} keys, kept current by a watch", this.root,
					(keys != null) ? keys.size() : 0);
		}
		this.waiters.forEach(this::check);
	}

	private static String text(byte @Nullable [] data) {
		return (data != null) ? new String(data, StandardCharsets.UTF_8) : "";
	}

	// ------------------------------------------------------------------ lifecycle

	@Override
	public void start() {
		this.client.ensurePathAsync(this.root).rawlink((result) -> {
			if (!result.successful()) {
				log.warn("Could not create {} yet ({}); the cache picks it up once it exists", this.root,
						result.exception().toString());
			}
		});
		CuratorCache created = KazooRecipes.of(this.client).curatorCache(this.root);
		created.listen(this::onCacheEvent);
		this.cache = created;
		created.start();
		this.running = true;
		if (this.client.connected() && !created.initialized().await(INITIAL_LOAD_TIMEOUT)) {
			log.warn("The config cache of {} is not loaded after {}; it goes on loading in the background",
					this.root, INITIAL_LOAD_TIMEOUT);
		}
	}

	@Override
	public void stop() {
		this.running = false;
		CuratorCache current = this.cache;
		this.cache = null;
		if (current != null) {
			current.close();
		}
		this.waiters.forEach((waiter) -> waiter.future().complete(null));
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
