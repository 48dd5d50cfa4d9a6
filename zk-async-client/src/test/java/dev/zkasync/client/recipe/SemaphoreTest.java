package dev.zkasync.client.recipe;

import org.junit.jupiter.api.Tag;
import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.state.ClientId;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.metrics.RequestObserver;
import dev.zkasync.test.FaultProxy;
import dev.zkasync.test.ZooKeeperExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Semaphore with several clients against a real server. */
@Tag("server-matrix")
class SemaphoreTest extends RecipeTestSupport {
    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.shared();

    @Override
    ZooKeeperExtension zk() {
        return zk;
    }

    @Test
    void atMostMaxLeasesHoldersInKazooLayout() {
        KazooClient c = client();
        Semaphore a = KazooRecipes.of(c).semaphore("/sem", "a", 2);
        Semaphore b = KazooRecipes.of(client()).semaphore("/sem", "b", 2);
        Semaphore third = KazooRecipes.of(client()).semaphore("/sem", "c", 2);
        assertThat(a.acquire(Duration.ofSeconds(5))).isTrue();
        assertThat(a.acquire()).as("already held").isTrue();
        assertThat(b.acquire(Duration.ofSeconds(5))).isTrue();
        assertThat(string(c.get("/sem").data())).isEqualTo("2");
        assertThat(c.getChildren("/sem")).hasSize(2).allMatch(n -> n.matches("[0-9a-f]{32}"));
        assertThat(a.leaseHolders()).containsExactlyInAnyOrder("a", "b");

        assertThat(third.tryAcquire()).isFalse();
        assertThatThrownBy(() -> third.acquire(Duration.ofMillis(300))).isInstanceOf(LockTimeoutException.class);
        assertThat(c.getChildren("/sem")).as("no lease left by the failed tries").hasSize(2);
        assertThat(c.getChildren("/sem-__lock__")).as("nor a lock node").isEmpty();

        AsyncResult<Boolean> waiting = third.acquireAsync();
        assertThat(waiting.await(Duration.ofMillis(200))).isFalse();
        assertThat(a.release()).isTrue();
        assertThat(a.release()).isFalse();
        assertThat(waiting.get(WAIT)).isTrue();
        assertThat(a.leaseHolders()).containsExactlyInAnyOrder("b", "c");
    }

    @Test
    void aDifferentMaxLeasesIsRefused() {
        KazooClient c = client();
        KazooRecipes.of(c).semaphore("/sem", "a", 2).acquire();
        Semaphore other = KazooRecipes.of(client()).semaphore("/sem", "b", 3);
        assertThatThrownBy(other::acquire).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Inconsistent max leases: 2, expected: 3");
        assertThat(c.getChildren("/sem")).hasSize(1);
    }

    @Test
    void tenThreadsNeverExceedThreeLeases() throws Exception {
        List<KazooClient> clients = List.of(client(), client());
        AtomicInteger holders = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        AtomicInteger rounds = new AtomicInteger();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(10);
        for (int t = 0; t < 10; t++) {
            Semaphore sem = KazooRecipes.of(clients.get(t % 2)).semaphore("/sem", "t" + t, 3);
            Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < 3; i++) {
                        sem.acquire(Duration.ofSeconds(60));
                        max.accumulateAndGet(holders.incrementAndGet(), Math::max);
                        Thread.sleep(5);
                        holders.decrementAndGet();
                        rounds.incrementAndGet();
                        sem.release();
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
        assertThat(rounds.get()).isEqualTo(30);
        assertThat(max.get()).isBetween(2, 3);
        assertThat(clients.get(0).getChildren("/sem")).isEmpty();
    }

    @Test
    void cancelEndsAPendingAcquireWithoutLeftovers() {
        KazooClient c = client();
        Semaphore holder = KazooRecipes.of(c).semaphore("/sem", "holder", 1);
        holder.acquire();
        Semaphore waiter = KazooRecipes.of(client()).semaphore("/sem", "waiter", 1);
        AsyncResult<Boolean> pending = waiter.acquireAsync();
        await("the waiter holds the queue lock", () -> c.getChildren("/sem-__lock__").size() == 1);
        waiter.cancel();
        assertThatThrownBy(() -> pending.get(WAIT)).isInstanceOf(CancelledException.class);
        await("queue lock released", () -> c.getChildren("/sem-__lock__").isEmpty());
        assertThat(c.getChildren("/sem")).hasSize(1);
    }

    @Test
    void aHolderWhoseSessionExpiresLosesTheLeaseAndIsTold() throws Exception {
        Proxied p = proxiedClient();
        Semaphore doomed = KazooRecipes.of(p.client()).semaphore("/sem", "doomed", 1);
        CountDownLatch lost = new CountDownLatch(1);
        doomed.addLostListener(lost::countDown);
        doomed.acquire();
        Semaphore next = KazooRecipes.of(client()).semaphore("/sem", "next", 1);
        AsyncResult<Boolean> waiting = next.acquireAsync();
        expire(p);
        assertThat(lost.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(doomed.isAcquired()).isFalse();
        assertThat(waiting.get(WAIT)).isTrue();
        assertThat(next.leaseHolders()).containsExactly("next");
    }

    @Test
    void aWaiterWhoseSessionExpiresStartsOverAndGetsALease() throws Exception {
        KazooClient c = client();
        Semaphore holder = KazooRecipes.of(c).semaphore("/sem", "holder", 1);
        holder.acquire();
        Proxied p = proxiedClient();
        Semaphore waiter = KazooRecipes.of(p.client()).semaphore("/sem", "waiter", 1);
        AsyncResult<Boolean> waiting = waiter.acquireAsync();
        await("the waiter holds the queue lock", () -> c.getChildren("/sem-__lock__").size() == 1);
        expire(p);
        long session = p.client().clientId().sessionId();
        await("queued again on the new session", () -> c.getChildren("/sem-__lock__").stream()
                .map(n -> c.exists("/sem-__lock__/" + n)).anyMatch(s -> s != null && s.ownerSessionId() == session));
        holder.release();
        assertThat(waiting.get(WAIT)).isTrue();
        assertThat(holder.leaseHolders()).containsExactly("waiter");
    }
    @Test
    void aSessionExpiryBetweenCreatingALeaseAndGrantingItNeverGrantsALeaseWithoutANode() throws Exception {
        // The lease create's reply arrives, but its completion waits behind a stalled handler task
        // while the session expires and a new one is made: the grant then runs in the new session.
        CountDownLatch stalled = new CountDownLatch(1);
        CountDownLatch replied = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        AtomicBoolean armed = new AtomicBoolean();
        KazooClient[] self = new KazooClient[1];
        RequestObserver stallOnLeaseCreate = new RequestObserver() {
            @Override
            public Object started(String operation, String path) {
                if (operation.startsWith("create") && path != null && path.startsWith("/sem/")
                        && armed.compareAndSet(true, false)) {
                    // Called on the handler, in the recipe's step: this task runs right after it.
                    self[0].handler().dispatch(() -> {
                        stalled.countDown();
                        awaitUninterruptibly(resume);
                    });
                    return path;
                }
                return null;
            }

            @Override
            public void completed(Object context, String operation, String resultCode, Throwable error) {
                if (context != null) {
                    replied.countDown();
                }
            }
        };
        FaultProxy proxy = track(FaultProxy.start("127.0.0.1", zk.server().port()));
        KazooClient c = started(builder(proxy.connectString(zk.chroot())).requestObserver(stallOnLeaseCreate));
        self[0] = c;
        KazooClient direct = client();
        Semaphore sem = KazooRecipes.of(c).semaphore("/sem", "s", 1);
        ClientId old = c.clientId();
        armed.set(true);
        AsyncResult<Boolean> acquiring = sem.acquireAsync();
        assertThat(stalled.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(replied.await(30, TimeUnit.SECONDS)).as("the create's reply reached the client").isTrue();
        assertThat(direct.getChildren("/sem")).hasSize(1);

        // Expire the session without the (stalled) handler: cut off, close it as a thief, let back in.
        proxy.refuseNewConnections(true);
        proxy.dropConnections();
        await("disconnected", () -> !c.connected());
        KazooClient thief = builder(zk.connectString()).clientId(old).build();
        thief.start(WAIT);
        thief.close();
        proxy.refuseNewConnections(false);
        await("a new session", () -> {
            ClientId now = c.clientId();
            return now != null && now.sessionId() != old.sessionId();
        });
        assertThat(direct.getChildren("/sem")).as("the lease went with the old session").isEmpty();
        resume.countDown();

        assertThat(acquiring.get(WAIT)).isTrue();
        assertThat(sem.isAcquired()).isTrue();
        List<String> leases = direct.getChildren("/sem");
        assertThat(leases).as("the granted lease has a node").hasSize(1);
        assertThat(direct.exists("/sem/" + leases.get(0)).ownerSessionId()).isEqualTo(c.clientId().sessionId());
        assertThat(sem.leaseHolders()).containsExactly("s");
        assertThat(sem.release()).isTrue();
        assertThat(direct.getChildren("/sem")).isEmpty();
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
