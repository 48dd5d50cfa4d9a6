package dev.zkasync.client.recipe;

import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.KazooClientBuilder;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.client.watch.WatcherType;
import dev.zkasync.client.exception.ConnectionLossException;
import dev.zkasync.client.exception.RequestTimeoutException;
import dev.zkasync.test.ZooKeeperExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every recipe operation ends, with a typed exception, within about the client's request timeout
 * of losing the server, and leaves nothing behind once the server is back.
 */
class RecipeDeadlineTest extends RecipeTestSupport {
    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.shared();

    /** The request timeout of every client here: the recipes' retry budget and outage bound. */
    static final Duration LIMIT = Duration.ofMillis(1500);
    /** The limit, one request deadline, a backoff, and slack for a busy machine. */
    static final Duration BOUND = Duration.ofSeconds(10);

    @Override
    ZooKeeperExtension zk() {
        return zk;
    }

    @Override
    KazooClientBuilder builder(String connectString) {
        return super.builder(connectString).requestTimeout(LIMIT).sessionTimeout(Duration.ofSeconds(4));
    }

    private static void cutOff(Proxied p) throws InterruptedException {
        p.proxy().refuseNewConnections(true);
        p.proxy().dropConnections();
        awaitState(p.states(), KazooState.SUSPENDED);
    }

    private static void reconnect(Proxied p) throws InterruptedException {
        p.proxy().refuseNewConnections(false);
        awaitState(p.states(), KazooState.CONNECTED);
    }

    /** Each result completes exceptionally within {@link #BOUND} of {@code since}, with one of {@code types}. */
    @SafeVarargs
    private static void allFailWithin(long since, Map<String, AsyncResult<?>> results,
                                      Class<? extends Throwable>... types) {
        for (Map.Entry<String, AsyncResult<?>> r : results.entrySet()) {
            Duration left = BOUND.minusNanos(System.nanoTime() - since);
            assertThat(r.getValue().await(left.isNegative() ? Duration.ZERO : left))
                    .as(r.getKey() + " completed within " + BOUND).isTrue();
            assertThat(r.getValue().exception()).as(r.getKey()).isInstanceOfAny(types);
        }
    }

    private static List<String> children(KazooClient c, String path) {
        return c.exists(path) == null ? List.of() : c.getChildren(path);
    }

    @Test
    void oneShotOperationsFailTypedWhileTheServerIsUnreachable() throws Exception {
        KazooClient direct = client();
        Proxied p = proxiedClient();
        KazooClient c = p.client();
        cutOff(p);
        long t0 = System.nanoTime();
        Map<String, AsyncResult<?>> ops = new LinkedHashMap<>();
        ops.put("Lock.tryAcquireAsync", KazooRecipes.of(c).lock("/lock", "x").tryAcquireAsync());
        ops.put("Semaphore.tryAcquireAsync", KazooRecipes.of(c).semaphore("/sem", "x", 1).tryAcquireAsync());
        ops.put("Party.membersAsync", KazooRecipes.of(c).party("/party", "x").membersAsync());
        ops.put("Party.joinAsync", KazooRecipes.of(c).party("/party2", "x").joinAsync());
        ops.put("Counter.addAsync", KazooRecipes.of(c).counter("/counter").addAsync(1));
        ops.put("Queue.getAsync", KazooRecipes.of(c).queue("/q").getAsync());
        ops.put("Queue.putAsync", KazooRecipes.of(c).queue("/q2").putAsync(bytes("x"), 1));
        ops.put("LockingQueue.putAsync", KazooRecipes.of(c).lockingQueue("/lq").putAsync(bytes("x"), 1));
        ops.put("Barrier.createAsync", KazooRecipes.of(c).barrier("/barrier").createAsync());
        allFailWithin(t0, ops, ConnectionLossException.class, RequestTimeoutException.class);

        reconnect(p);
        // Nothing was queued to happen later: the failed operations left no trace.
        for (String path : List.of("/lock", "/sem", "/party", "/party2", "/counter", "/q", "/q2", "/lq", "/barrier")) {
            assertThat(children(direct, path)).as(path).isEmpty();
        }
        assertThat(direct.exists("/barrier")).isNull();
    }

    @Test
    void waitingOperationsEndWhenTheOutageOutlastsTheRequestTimeout() throws Exception {
        KazooClient direct = client();
        Lock holder = KazooRecipes.of(direct).lock("/lock", "holder");
        holder.acquire();
        Semaphore leaseHolder = KazooRecipes.of(direct).semaphore("/sem", "holder", 1);
        leaseHolder.acquire();
        KazooRecipes.of(direct).barrier("/barrier").create();
        Proxied p = proxiedClient();
        KazooClient c = p.client();

        Map<String, AsyncResult<?>> ops = new LinkedHashMap<>();
        ops.put("Lock.acquireAsync", KazooRecipes.of(c).lock("/lock", "waiter").acquireAsync());
        await("queued for the lock", () -> direct.getChildren("/lock").size() == 2);
        ops.put("Semaphore.acquireAsync", KazooRecipes.of(c).semaphore("/sem", "waiter", 1).acquireAsync());
        await("queued for the semaphore", () -> children(direct, "/sem-__lock__").size() == 1);
        LockingQueue queue = KazooRecipes.of(c).lockingQueue("/lq");
        ops.put("LockingQueue.getAsync", queue.getAsync(null));
        await("the get watches the queue", () -> WatchersTest.hasServerWatch(c, "/lq/entries", WatcherType.CHILDREN));
        ops.put("Barrier.awaitAsync", KazooRecipes.of(c).barrier("/barrier").awaitAsync(null));
        ops.put("Election.runAsync", KazooRecipes.of(c).election("/lock", "candidate").runAsync(term -> term.lost()));
        await("the candidate queued", () -> direct.getChildren("/lock").size() == 3);
        for (AsyncResult<?> r : ops.values()) {
            assertThat(r.ready()).isFalse();
        }

        cutOff(p);
        long t0 = System.nanoTime();
        // ConnectionLoss from the outage bound, or the RequestTimeout of a step that was under way.
        allFailWithin(t0, ops, ConnectionLossException.class, RequestTimeoutException.class);

        reconnect(p);
        await("the waiters' nodes removed", () -> direct.getChildren("/lock").size() == 1
                && children(direct, "/sem-__lock__").isEmpty());
        assertThat(direct.getChildren("/sem")).hasSize(1);
        await("no watch left", () -> !WatchersTest.hasServerWatch(c, "/lq/entries", WatcherType.CHILDREN)
                && !WatchersTest.hasServerWatch(c, "/lq/taken", WatcherType.CHILDREN)
                && !WatchersTest.hasServerWatch(c, "/barrier", WatcherType.DATA));
        holder.release();
        leaseHolder.release();
        assertThat(children(direct, "/lock")).isEmpty();
        assertThat(children(direct, "/sem")).isEmpty();
    }

    @Test
    void aBlackholedServerEndsAWaitingAcquireAndATryAcquire() throws Exception {
        KazooClient direct = client();
        Lock holder = KazooRecipes.of(direct).lock("/lock", "holder");
        holder.acquire();
        Proxied p = proxiedClient();
        Lock waiter = KazooRecipes.of(p.client()).lock("/lock", "waiter");
        AsyncResult<Boolean> waiting = waiter.acquireAsync();
        await("queued", () -> direct.getChildren("/lock").size() == 2);

        p.proxy().blackhole(true);
        long t0 = System.nanoTime();
        AsyncResult<Boolean> trying = KazooRecipes.of(p.client()).lock("/lock", "try").tryAcquireAsync();
        // Silence is noticed after two thirds of the session timeout; then the outage bound runs.
        Duration bound = BOUND.plusSeconds(4);
        assertThat(waiting.await(bound)).isTrue();
        assertThat(trying.await(bound.minusNanos(System.nanoTime() - t0))).isTrue();
        assertThat(waiting.exception()).isInstanceOfAny(ConnectionLossException.class, RequestTimeoutException.class);
        assertThat(trying.exception()).isInstanceOfAny(ConnectionLossException.class, RequestTimeoutException.class);

        p.proxy().blackhole(false);
        awaitState(p.states(), KazooState.CONNECTED);
        await("only the holder left", () -> direct.getChildren("/lock").size() == 1);
        holder.release();
        assertThat(waiter.acquire(WAIT)).as("usable again").isTrue();
        waiter.release();
    }
}
