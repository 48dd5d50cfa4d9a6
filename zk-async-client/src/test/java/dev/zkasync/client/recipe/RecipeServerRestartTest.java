package dev.zkasync.client.recipe;

import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.client.path.ZkPaths;
import dev.zkasync.test.ZooKeeperExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Recipes across a restart of the server (one of this class's own), sessions surviving it. */
class RecipeServerRestartTest extends RecipeTestSupport {
    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.perClass();

    @Override
    ZooKeeperExtension zk() {
        return zk;
    }

    @AfterEach
    void serverBack() {
        zk.server().startAgain(); // a test that stopped the server must not break the next one
    }

    private static BlockingQueue<KazooState> states(KazooClient c) {
        BlockingQueue<KazooState> states = new LinkedBlockingQueue<>();
        c.addListener(states::add);
        return states;
    }

    @Test
    void locksWatchesAndCachesRideOutARestart() throws Exception {
        KazooClient a = client();
        KazooClient b = client();
        Lock held = KazooRecipes.of(a).lock("/lock", "a");
        held.acquire();
        Lock waiting = KazooRecipes.of(b).lock("/lock", "b");
        AsyncResult<Boolean> waiter = waiting.acquireAsync();
        a.create("/config", bytes("1"));
        BlockingQueue<String> configs = new LinkedBlockingQueue<>();
        KazooRecipes.of(b).dataWatch("/config", (data, stat, event) -> configs.add(string(data)));
        assertThat(next(configs)).isEqualTo("1");
        a.create("/tree");
        TreeCache cache = track(KazooRecipes.of(b).treeCache("/tree"));
        CuratorCache curatorCache = track(KazooRecipes.of(b).curatorCache("/tree"));
        cache.start().get(WAIT);
        curatorCache.start().get(WAIT);
        BlockingQueue<KazooState> statesA = states(a);
        BlockingQueue<KazooState> statesB = states(b);

        zk.server().restart();
        awaitState(statesA, KazooState.CONNECTED);
        awaitState(statesB, KazooState.CONNECTED);

        assertThat(held.isAcquired()).isTrue();
        assertThat(a.exists(held.node())).isNotNull();
        assertThat(waiter.ready()).isFalse();
        held.release();
        assertThat(waiter.get(WAIT)).isTrue();

        a.set("/config", bytes("2"));
        assertThat(next(configs)).isEqualTo("2");
        a.create("/tree/x", bytes("x"));
        await("both caches saw /tree/x", () -> cache.getData("/tree/x") != null && curatorCache.getData("/tree/x") != null);
        assertThat(KazooRecipes.of(b).counter("/counter").add(3).postValue()).isEqualTo(3);
    }

    @Test
    void requestsMadeWhileTheServerIsDownCompleteWhenItReturns() throws Exception {
        KazooClient c = client();
        BlockingQueue<KazooState> states = states(c);
        Counter counter = KazooRecipes.of(c).counter("/counter");
        counter.add(1);
        zk.server().stop();
        awaitState(states, KazooState.SUSPENDED);

        AsyncResult<Long> added = counter.addAsync(10);
        AsyncResult<Boolean> locked = KazooRecipes.of(c).lock("/lock", "x").acquireAsync();
        AsyncResult<Boolean> leased = KazooRecipes.of(c).semaphore("/sem", "x", 2).acquireAsync();
        LockingQueue q = KazooRecipes.of(c).lockingQueue("/q");
        AsyncResult<Void> put = q.putAsync(bytes("job"), 5);
        zk.server().startAgain();

        assertThat(added.get(WAIT)).isEqualTo(11);
        assertThat(locked.get(WAIT)).isTrue();
        assertThat(leased.get(WAIT)).isTrue();
        put.get(WAIT);
        assertThat(string(q.get(WAIT))).isEqualTo("job");
    }

    @Test
    void aTimeoutDuringTheOutageReturnsAtOnceAndNothingIsLeftAfterIt() throws Exception {
        KazooClient holderClient = client();
        Lock holder = KazooRecipes.of(holderClient).lock("/lock", "holder");
        holder.acquire();
        KazooClient c = client();
        Lock contender = KazooRecipes.of(c).lock("/lock", "contender");
        assertThat(contender.tryAcquire()).isFalse(); // the path is known: the next acquire starts with its create
        BlockingQueue<KazooState> states = states(c);
        zk.server().stop();
        awaitState(states, KazooState.SUSPENDED);

        long t0 = System.nanoTime();
        assertThatThrownBy(() -> contender.acquire(Duration.ofMillis(500))).isInstanceOf(LockTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        zk.server().startAgain();
        awaitState(states, KazooState.CONNECTED);
        // A session's requests are answered in order: once this one is, the create queued during the
        // outage has reached the server too (after the timeout), and its undoing has at least begun.
        c.exists("/lock");
        await("only the holder left", () -> holderClient.getChildren("/lock").size() == 1);
        assertThat(holderClient.getChildren("/lock")).containsExactly(ZkPaths.basename(holder.node()));
        holder.release();
        assertThat(holderClient.getChildren("/lock")).isEmpty();
    }
}
