package dev.zkasync.client.recipe;

import dev.zkasync.client.KazooClient;
import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.reliability.ReliabilityRecords;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.test.FaultProxy;
import dev.zkasync.test.ZooKeeperEnsemble;
import dev.zkasync.test.ZooKeeperServerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client holding a lock, leading an election, in a party and caching a tree on a 3-server ensemble
 * is cut off until the ensemble expires its session; each recipe then recovers as docs/recipes.md
 * says: the lock and the leadership end (and the lock can be taken again), the party member comes
 * back, the cache converges to what the servers hold.
 */
class RecipeExpiryTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Short, so the ensemble expires the cut-off session soon; a 500 ms tick allows down to 1 s. */
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(4);

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        Collections.reverse(closeables);
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T track(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    private KazooClient started(String hosts) {
        KazooClient c = track(KazooClient.builder().hosts(hosts).sessionTimeout(SESSION_TIMEOUT)
                .requestTimeout(Duration.ofSeconds(10)).build());
        c.start(WAIT);
        return c;
    }

    @Test
    void recipesHeldWhenTheEnsembleExpiresTheSessionRecoverAsDocumented() throws Exception {
        String scenario = "session expired by the ensemble while holding lock, election, party, tree cache";
        ZooKeeperEnsemble ensemble = track(ZooKeeperEnsemble.start(3, ZooKeeperServerOptions.builder()
                .tickTime(Duration.ofMillis(500)).build()));
        FaultProxy proxy = track(FaultProxy.start("127.0.0.1", ensemble.member(0).port()));
        KazooClient other = started(ensemble.connectString());
        KazooClient victim = started(proxy.connectString());
        BlockingQueue<KazooState> states = new LinkedBlockingQueue<>();
        victim.addListener(states::add);
        long firstSession = victim.clientId().sessionId();
        KazooRecipes recipes = KazooRecipes.of(victim);
        KazooRecipes others = KazooRecipes.of(other);

        Lock lock = recipes.lock("/lock", "victim");
        CountDownLatch lockLost = new CountDownLatch(1);
        lock.addLostListener(lockLost::countDown);
        assertThat(lock.acquire(WAIT)).isTrue();
        Lock nextHolder = others.lock("/lock", "other");
        AsyncResult<Boolean> nextHolds = nextHolder.acquireAsync();

        BlockingQueue<Election.Leadership> terms = new LinkedBlockingQueue<>();
        AsyncResult<Boolean> led = recipes.election("/election", "victim").runAsync(term -> {
            terms.add(term);
            return term.lost();
        });
        Election.Leadership term = RecipeTestSupport.next(terms);
        Election successor = others.election("/election", "other");
        AtomicBoolean successorLed = new AtomicBoolean();
        AsyncResult<Boolean> successorRan = successor.runAsync(t -> {
            successorLed.set(true);
            return t.lost(); // leads until the test closes its client
        });

        Party party = recipes.party("/party", "victim");
        party.join();
        other.ensurePath("/tree/gone");
        other.create("/tree/kept", bytes("v1"));
        TreeCache cache = track(recipes.treeCache("/tree"));
        cache.start().get(WAIT);
        cache.initialized().get(WAIT);
        assertThat(cache.getChildren("/tree")).containsExactlyInAnyOrder("gone", "kept");

        // Cut off: no connection at all until the ensemble has expired the session.
        long cutAt = System.nanoTime();
        proxy.refuseNewConnections(true);
        proxy.dropConnections();
        RecipeTestSupport.awaitState(states, KazooState.SUSPENDED);
        other.delete("/tree/gone");
        other.set("/tree/kept", bytes("v2"));
        other.create("/tree/added", bytes("new"));
        assertThat(nextHolds.get(WAIT)).as("the lock passed on when the session expired").isTrue();
        long expiredMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cutAt);
        RecipeTestSupport.await("the successor leading", successorLed::get);
        assertThat(others.party("/party", null).members()).doesNotContain("victim");

        long backAt = System.nanoTime();
        proxy.refuseNewConnections(false);
        RecipeTestSupport.awaitState(states, KazooState.LOST);
        RecipeTestSupport.awaitState(states, KazooState.CONNECTED);
        assertThat(victim.clientId().sessionId()).as("a new session").isNotEqualTo(firstSession);

        // Lock: the hold ended and was reported; once free, it can be taken again.
        assertThat(lockLost.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(lock.isAcquired()).isFalse();
        assertThat(lock.release()).isFalse();
        AsyncResult<Boolean> again = lock.acquireAsync(WAIT);
        nextHolder.release();
        assertThat(again.get(WAIT)).as("the lock taken again on the new session").isTrue();
        assertThat(other.exists(lock.node()).ephemeralOwner()).isEqualTo(victim.clientId().sessionId());
        lock.release();
        // Election: the term ended with the session, and the task's result completed.
        assertThat(term.lost().await(WAIT)).isTrue();
        assertThat(led.get(WAIT)).isTrue();
        assertThat(successorRan.ready()).as("the successor still leads").isFalse();
        // Party: the member node is made again on the new session.
        RecipeTestSupport.await("back in the party", () -> others.party("/party", null).members().contains("victim"));
        // Tree cache: the same nodes and data as the servers.
        RecipeTestSupport.await("the cache converging", () -> snapshot(cache).equals(serverState(other)));
        long recoveredMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - backAt);

        record(scenario, "recipes held", 4);
        record(scenario, "lock passed on after ms", expiredMs);
        record(scenario, "lock taken again", "yes");
        record(scenario, "leadership ended", term.isLost() ? "yes" : "no");
        record(scenario, "party member back", "yes");
        record(scenario, "tree cache nodes converged", snapshot(cache).size() + "/" + serverState(other).size());
        record(scenario, "recovered after reconnect ms", recoveredMs);
    }

    private static Map<String, String> snapshot(TreeCache cache) {
        Map<String, String> nodes = new HashMap<>();
        for (String child : Objects.requireNonNullElse(cache.getChildren("/tree"), Set.<String>of())) {
            CachedNode node = cache.getData("/tree/" + child);
            nodes.put(child, node == null ? null : RecipeTestSupport.string(node.data()));
        }
        return nodes;
    }

    private static Map<String, String> serverState(KazooClient client) {
        Map<String, String> nodes = new HashMap<>();
        for (String child : client.getChildren("/tree")) {
            nodes.put(child, RecipeTestSupport.string(client.get("/tree/" + child).data()));
        }
        return nodes;
    }

    private static void record(String scenario, String figure, Object value) {
        ReliabilityRecords.record("ensemble", scenario, figure, value);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
