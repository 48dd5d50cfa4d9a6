package dev.zkasync.client.recipe;

import org.junit.jupiter.api.Tag;
import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.CreateOptions;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.client.watch.WatcherType;
import dev.zkasync.client.path.ZkPaths;
import dev.zkasync.test.ZooKeeperExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Lock, ReadLock and WriteLock with several clients against a real server. */
@Tag("server-matrix")
class LockTest extends RecipeTestSupport {
    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.shared();

    static final String KAZOO_NODE = "[0-9a-f]{32}__lock__\\d{10}";

    @Override
    ZooKeeperExtension zk() {
        return zk;
    }

    @Test
    void acquireReleaseInKazooLayout() {
        KazooClient c = client();
        Lock lock = KazooRecipes.of(c).lock("/lock", "worker-1");
        assertThat(lock.acquire()).isTrue();
        assertThat(lock.isAcquired()).isTrue();
        List<String> children = c.getChildren("/lock");
        assertThat(children).singleElement().asString().matches(KAZOO_NODE);
        assertThat(lock.node()).isEqualTo("/lock/" + children.get(0));
        assertThat(string(c.get(lock.node()).data())).isEqualTo("worker-1");
        assertThat(c.exists(lock.node()).isEphemeral()).isTrue();
        assertThat(lock.contenders()).containsExactly("worker-1");
        assertThat(lock.acquire()).as("not re-entrant").isFalse();

        assertThat(lock.release()).isTrue();
        assertThat(lock.release()).isFalse();
        assertThat(c.getChildren("/lock")).isEmpty();
        assertThat(lock.acquire(Duration.ofSeconds(5))).as("acquired again").isTrue();
        lock.close();
        assertThat(lock.isAcquired()).isFalse();
        assertThat(c.getChildren("/lock")).isEmpty();
    }

    @Test
    void waitersGetTheLockInArrivalOrderAcrossClients() throws Exception {
        KazooClient holderClient = client();
        Lock holder = KazooRecipes.of(holderClient).lock("/lock", "holder");
        holder.acquire();
        List<Lock> waiters = new ArrayList<>();
        BlockingQueue<String> order = new LinkedBlockingQueue<>();
        for (int i = 1; i <= 4; i++) {
            Lock l = KazooRecipes.of(client()).lock("/lock", "w" + i);
            waiters.add(l);
            String name = "w" + i;
            l.acquireAsync().rawlink(r -> {
                order.add(name);
                l.releaseAsync();
            });
            int expected = i + 1;
            await("contender " + name + " queued", () -> holder.contenders().size() == expected);
        }
        assertThat(holder.contenders()).containsExactly("holder", "w1", "w2", "w3", "w4");
        assertThat(order).isEmpty();
        holder.release();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            seen.add(next(order));
        }
        assertThat(seen).containsExactly("w1", "w2", "w3", "w4");
    }

    @Test
    void twentyThreadsOnFourClientsExcludeEachOther() throws Exception {
        List<KazooClient> clients = List.of(client(), client(), client(), client());
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        AtomicInteger total = new AtomicInteger();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(20);
        for (int t = 0; t < 20; t++) {
            KazooClient c = clients.get(t % clients.size());
            int id = t;
            Thread.ofPlatform().start(() -> {
                try {
                    Lock lock = KazooRecipes.of(c).lock("/lock", "t" + id);
                    for (int i = 0; i < 4; i++) {
                        lock.acquire(Duration.ofSeconds(60));
                        int now = inside.incrementAndGet();
                        maxInside.accumulateAndGet(now, Math::max);
                        Thread.onSpinWait();
                        total.incrementAndGet();
                        inside.decrementAndGet();
                        lock.release();
                    }
                } catch (Throwable e) {
                    errors.add(e);
                } finally {
                    done.countDown();
                }
            });
        }
        assertThat(done.await(90, TimeUnit.SECONDS)).isTrue();
        assertThat(errors).isEmpty();
        assertThat(maxInside.get()).isEqualTo(1);
        assertThat(total.get()).isEqualTo(80);
        assertThat(clients.get(0).getChildren("/lock")).isEmpty();
    }

    @Test
    void aTimedOutAcquireThrowsAndLeavesNoNode() {
        KazooClient a = client();
        KazooClient b = client();
        Lock holder = KazooRecipes.of(a).lock("/lock", "holder");
        holder.acquire();
        Lock contender = KazooRecipes.of(b).lock("/lock", "contender");
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> contender.acquire(Duration.ofMillis(300))).isInstanceOf(LockTimeoutException.class)
                .hasMessageContaining("/lock");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(10));
        assertThat(a.getChildren("/lock")).hasSize(1);
        assertThat(contender.isAcquired()).isFalse();
        // No watch is left behind on the holder's node either.
        assertThat(WatchersTest.hasServerWatch(b, holder.node(), WatcherType.DATA)).isFalse();
        holder.release();
        assertThat(contender.acquire(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void tryAcquireNeverWaitsAndLeavesNoNode() {
        KazooClient a = client();
        KazooClient b = client();
        Lock holder = KazooRecipes.of(a).lock("/lock", "holder");
        assertThat(holder.tryAcquire()).isTrue();
        Lock other = KazooRecipes.of(b).lock("/lock", "other");
        assertThat(other.tryAcquire()).isFalse();
        assertThat(a.getChildren("/lock")).hasSize(1);
        holder.release();
        assertThat(other.tryAcquire()).isTrue();
        assertThat(holder.tryAcquire()).isFalse();
    }

    @Test
    void cancelEndsAPendingAcquireAndRemovesItsNode() throws Exception {
        KazooClient a = client();
        KazooClient b = client();
        Lock holder = KazooRecipes.of(a).lock("/lock", "holder");
        holder.acquire();
        Lock waiter = KazooRecipes.of(b).lock("/lock", "waiter");
        BlockingQueue<Throwable> outcome = new LinkedBlockingQueue<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                waiter.acquire();
            } catch (Throwable e) {
                outcome.add(e);
            }
        });
        await("the waiter queued", () -> a.getChildren("/lock").size() == 2);
        waiter.cancel();
        assertThat(next(outcome)).isInstanceOf(CancelledException.class);
        t.join(10_000);
        assertThat(a.getChildren("/lock")).hasSize(1);
        assertThat(waiter.isAcquired()).isFalse();
        // A later acquire is not affected by the old cancel.
        AsyncResult<Boolean> later = waiter.acquireAsync();
        holder.release();
        assertThat(later.get(WAIT)).isTrue();
    }

    @Test
    void cancellingTheFutureCancelsTheAttempt() {
        KazooClient a = client();
        Lock holder = KazooRecipes.of(a).lock("/lock", "holder");
        holder.acquire();
        Lock waiter = KazooRecipes.of(client()).lock("/lock", "waiter");
        AsyncResult<Boolean> pending = waiter.acquireAsync();
        await("the waiter queued", () -> a.getChildren("/lock").size() == 2);
        pending.cancel(true);
        await("the waiter's node removed", () -> a.getChildren("/lock").size() == 1);
        assertThat(waiter.acquireAsync(Duration.ofMillis(100)).await(WAIT)).isTrue();
    }

    @Test
    void tryWithResourcesReleases() {
        KazooClient c = client();
        Lock lock = KazooRecipes.of(c).lock("/lock", "x");
        try (lock) {
            lock.acquire(Duration.ofSeconds(5));
            assertThat(c.getChildren("/lock")).hasSize(1);
        }
        assertThat(c.getChildren("/lock")).isEmpty();
        assertThat(lock.isAcquired()).isFalse();
    }

    @Test
    void interruptingABlockedAcquireCancelsIt() throws Exception {
        KazooClient a = client();
        Lock holder = KazooRecipes.of(a).lock("/lock", "holder");
        holder.acquire();
        Lock waiter = KazooRecipes.of(client()).lock("/lock", "waiter");
        BlockingQueue<Throwable> outcome = new LinkedBlockingQueue<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                waiter.acquire();
            } catch (Throwable e) {
                outcome.add(e);
            }
        });
        await("the waiter queued", () -> a.getChildren("/lock").size() == 2);
        t.interrupt();
        assertThat(next(outcome)).isInstanceOf(dev.zkasync.client.exception.KazooInterruptedException.class);
        await("the waiter's node removed", () -> a.getChildren("/lock").size() == 1);
    }

    @Test
    void readersShareWritersExcludeAndQueueOrderIsKept() throws Exception {
        KazooClient a = client();
        KazooClient b = client();
        ReadLock r1 = KazooRecipes.of(a).readLock("/rw", "r1");
        ReadLock r2 = KazooRecipes.of(b).readLock("/rw", "r2");
        assertThat(r1.acquire(Duration.ofSeconds(5))).isTrue();
        assertThat(r2.acquire(Duration.ofSeconds(5))).as("readers share").isTrue();
        assertThat(a.getChildren("/rw")).allMatch(n -> n.matches("[0-9a-f]{32}__rlock__\\d{10}"));

        WriteLock w = KazooRecipes.of(client()).writeLock("/rw", "w");
        assertThatThrownBy(() -> w.acquire(Duration.ofMillis(200))).isInstanceOf(LockTimeoutException.class);
        AsyncResult<Boolean> writer = w.acquireAsync();
        await("the writer queued", () -> a.getChildren("/rw").size() == 3);
        ReadLock r3 = KazooRecipes.of(client()).readLock("/rw", "r3");
        assertThat(r3.tryAcquire()).as("a reader queued after a writer waits for it").isFalse();
        AsyncResult<Boolean> reader3 = r3.acquireAsync();

        r1.release();
        assertThat(writer.await(Duration.ofMillis(200))).isFalse();
        r2.release();
        assertThat(writer.get(WAIT)).isTrue();
        assertThat(reader3.await(Duration.ofMillis(200))).isFalse();
        assertThat(r1.tryAcquire()).as("readers wait while a writer holds").isFalse();
        w.release();
        assertThat(reader3.get(WAIT)).isTrue();
        assertThat(w.contenders()).containsExactly("r3");
    }

    @Test
    void aCreateWhoseReplyWasLostIsFoundAgainNotDuplicated() throws Exception {
        KazooClient direct = client();
        Lock holder = KazooRecipes.of(direct).lock("/lock", "holder");
        holder.acquire();
        ReplyMutingProxy proxy = track(new ReplyMutingProxy(zk.server().port()));
        KazooClient viaProxy = started(builder(proxy.connectString(zk.chroot())));
        Lock lock = KazooRecipes.of(viaProxy).lock("/lock", "contender");
        assertThat(lock.tryAcquire()).isFalse(); // the lock path is known now; the next request is the create

        proxy.mute(true);
        AsyncResult<Boolean> acquired = lock.acquireAsync();
        await("the create applied on the server", () -> direct.getChildren("/lock").size() == 2);
        proxy.dropConnections(); // its reply is lost with the connection
        proxy.mute(false);

        String created = direct.getChildren("/lock").stream().filter(n -> !holder.node().endsWith(n))
                .findFirst().orElseThrow();
        // The retry must adopt that node, not create a second one, and then wait behind the holder.
        await("the contender watching its predecessor", () -> {
            try {
                viaProxy.checkWatches(holder.node(), WatcherType.DATA);
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        });
        assertThat(direct.getChildren("/lock")).hasSize(2);
        holder.release();
        assertThat(acquired.get(WAIT)).isTrue();
        assertThat(lock.node()).isEqualTo("/lock/" + created);
    }

    @Test
    void aNonBlockingAcquireWhoseReplyWasLostLeavesNoOrphan() throws Exception {
        KazooClient direct = client();
        Lock holder = KazooRecipes.of(direct).lock("/lock", "holder");
        holder.acquire();
        ReplyMutingProxy proxy = track(new ReplyMutingProxy(zk.server().port()));
        KazooClient viaProxy = started(builder(proxy.connectString(zk.chroot())));
        Lock lock = KazooRecipes.of(viaProxy).lock("/lock", "contender");
        assertThat(lock.tryAcquire()).isFalse();

        proxy.mute(true);
        AsyncResult<Boolean> attempt = lock.tryAcquireAsync();
        await("the create applied on the server", () -> direct.getChildren("/lock").size() == 2);
        proxy.dropConnections();
        proxy.mute(false);
        assertThat(attempt.get(WAIT)).isFalse();
        await("the orphan removed", () -> direct.getChildren("/lock").size() == 1);
    }

    @Test
    void aTimeoutWhileDisconnectedReturnsAtOnceAndTheNodeGoesAfterTheReconnect() throws Exception {
        KazooClient direct = client();
        Lock holder = KazooRecipes.of(direct).lock("/lock", "holder");
        holder.acquire();
        Proxied p = proxiedClient();
        Lock lock = KazooRecipes.of(p.client()).lock("/lock", "contender");
        AsyncResult<Boolean> attempt = lock.acquireAsync(Duration.ofSeconds(2));
        await("queued", () -> direct.getChildren("/lock").size() == 2);
        p.proxy().refuseNewConnections(true);
        p.proxy().dropConnections();
        awaitState(p.states(), KazooState.SUSPENDED);
        assertThatThrownBy(() -> attempt.get(Duration.ofSeconds(10))).isInstanceOf(LockTimeoutException.class);
        assertThat(direct.getChildren("/lock")).as("the session lives on, so does the node for now").hasSize(2);
        p.proxy().refuseNewConnections(false);
        await("the node removed after the reconnect", () -> direct.getChildren("/lock").size() == 1);
    }

    @Test
    void aWaiterWhoseSessionExpiresQueuesAgainAndGetsTheLock() throws Exception {
        KazooClient direct = client();
        Lock holder = KazooRecipes.of(direct).lock("/lock", "holder");
        holder.acquire();
        Proxied p = proxiedClient();
        Lock lock = KazooRecipes.of(p.client()).lock("/lock", "contender");
        AsyncResult<Boolean> attempt = lock.acquireAsync();
        await("queued", () -> direct.getChildren("/lock").size() == 2);
        expire(p);
        long session = p.client().clientId().sessionId();
        await("queued again on the new session", () -> direct.getChildren("/lock").stream()
                .map(n -> direct.exists("/lock/" + n)).anyMatch(s -> s != null && s.ownerSessionId() == session));
        assertThat(direct.getChildren("/lock")).hasSize(2);
        holder.release();
        assertThat(attempt.get(WAIT)).isTrue();
        assertThat(p.client().exists(lock.node()).ownerSessionId()).isEqualTo(p.client().clientId().sessionId());
    }

    @Test
    void aHolderWhoseSessionExpiresIsToldAndTheNextContenderGetsTheLock() throws Exception {
        Proxied p = proxiedClient();
        Lock lock = KazooRecipes.of(p.client()).lock("/lock", "holder");
        CountDownLatch lost = new CountDownLatch(1);
        lock.addLostListener(lost::countDown);
        lock.acquire();
        Lock next = KazooRecipes.of(client()).lock("/lock", "next");
        AsyncResult<Boolean> waiting = next.acquireAsync();
        expire(p);
        assertThat(lost.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(lock.isAcquired()).isFalse();
        assertThat(waiting.get(WAIT)).isTrue();
        assertThat(lock.release()).isFalse();
        assertThatThrownBy(() -> lock.acquire(Duration.ofMillis(200))).isInstanceOf(LockTimeoutException.class);
    }

    @Test
    void ourLockExcludesAKazooProcessAndViceVersa() throws Exception {
        KazooClient ours = client();
        KazooClient kazoo = client();
        Lock lock = KazooRecipes.of(ours).lock("/lock", "java");
        lock.acquire();

        // A contender written exactly as Kazoo's Lock: "<uuid hex>__lock__" + sequence, identifier as data.
        KazooStyleContender py = new KazooStyleContender(kazoo, "/lock", "python");
        assertThat(py.holds()).isFalse();
        assertThat(py.predecessor()).isEqualTo(ZkPaths.basename(lock.node()));
        assertThat(lock.contenders()).containsExactly("java", "python");
        lock.release();
        assertThat(py.holds()).isTrue();

        Lock second = KazooRecipes.of(ours).lock("/lock", "java-2");
        assertThat(second.tryAcquire()).isFalse();
        AsyncResult<Boolean> waiting = second.acquireAsync();
        assertThat(waiting.await(Duration.ofMillis(200))).isFalse();
        py.release();
        assertThat(waiting.get(WAIT)).isTrue();
    }

    /** Kazoo's Lock algorithm (kazoo/recipe/lock.py), done by hand with plain client calls. */
    static final class KazooStyleContender {
        private static final java.util.regex.Pattern CONTENDER =
                java.util.regex.Pattern.compile("(?:__lock__|__rlock__)(-?\\d{10})$");
        private final KazooClient client;
        private final String path;
        private final String node;

        KazooStyleContender(KazooClient client, String path, String identifier) {
            this.client = client;
            this.path = path;
            client.ensurePath(path);
            String prefix = java.util.UUID.randomUUID().toString().replace("-", "") + "__lock__";
            this.node = ZkPaths.basename(client.create(path + "/" + prefix, bytes(identifier),
                    CreateOptions.DEFAULT.ephemeral().sequence()));
        }

        String predecessor() {
            String own = sequence(node);
            return client.getChildren(path).stream()
                    .filter(c -> CONTENDER.matcher(c).find() && sequence(c).compareTo(own) < 0)
                    .max(java.util.Comparator.comparing(KazooStyleContender::sequence)).orElse(null);
        }

        boolean holds() {
            return predecessor() == null;
        }

        void release() {
            client.delete(path + "/" + node);
        }

        static String sequence(String name) {
            java.util.regex.Matcher m = CONTENDER.matcher(name);
            return m.find() ? m.group(1) : "~";
        }
    }
}
