package dev.zkasync.client.recipe;

import org.junit.jupiter.api.Tag;
import dev.zkasync.client.KazooClient;
import dev.zkasync.test.ZooKeeperExtension;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.shared.SharedCount;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Counter against a real server, in Kazoo's and Curator's formats. */
@Tag("server-matrix")
class CounterTest extends RecipeTestSupport {
    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.shared();

    @Override
    ZooKeeperExtension zk() {
        return zk;
    }

    @Test
    void kazooTextFormWithPreAndPostValues() {
        KazooClient c = client();
        Counter counter = KazooRecipes.of(c).counter("/counter");
        assertThat(counter.value()).isZero();
        assertThat(counter.preValue()).isNull();
        counter.add(5);
        assertThat(counter.preValue()).isEqualTo(0);
        assertThat(counter.postValue()).isEqualTo(5);
        assertThat(string(c.get("/counter").data())).isEqualTo("5");
        counter.subtract(7);
        assertThat(counter.value()).isEqualTo(-2);
        assertThat(counter.postValue()).isEqualTo(-2);
        assertThat(string(c.get("/counter").data())).isEqualTo("-2");

        c.set("/counter", bytes("40")); // as Kazoo would have written it
        assertThat(counter.addAsync(2).get(WAIT)).isEqualTo(42);
        Counter withDefault = KazooRecipes.of(c).counter("/other", 10, false);
        assertThat(withDefault.value()).isEqualTo(10);
        assertThat(withDefault.add(1).postValue()).isEqualTo(11);

        c.set("/counter", bytes("not a number"));
        assertThatThrownBy(() -> counter.add(1)).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void twentyThreadsOnFourClientsLoseNoIncrement() throws Exception {
        List<KazooClient> clients = List.of(client(), client(), client(), client());
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(20);
        for (int t = 0; t < 20; t++) {
            Counter counter = KazooRecipes.of(clients.get(t % 4)).counter("/counter");
            Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < 10; i++) {
                        counter.add(1);
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
        assertThat(KazooRecipes.of(clients.get(0)).counter("/counter").value()).isEqualTo(200);
    }

    @Test
    void asyncIncrementsUnderContentionLoseNothing() {
        KazooClient a = client();
        KazooClient b = client();
        List<dev.zkasync.client.handler.AsyncResult<Long>> results = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            results.add(KazooRecipes.of(i % 2 == 0 ? a : b).counter("/counter").addAsync(2));
        }
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (dev.zkasync.client.handler.AsyncResult<Long> r : results) {
            seen.add(r.get(WAIT));
        }
        assertThat(seen).as("every change produced its own value").hasSize(50);
        assertThat(KazooRecipes.of(a).counter("/counter").value()).isEqualTo(100);
    }

    @Test
    void anIncrementWhoseReplyIsLostCountsOnce() throws Exception {
        KazooClient direct = client();
        ReplyMutingProxy proxy = track(new ReplyMutingProxy(zk.server().port()));
        KazooClient viaProxy = started(builder(proxy.connectString(zk.chroot())));
        Counter counter = KazooRecipes.of(viaProxy).counter("/counter");
        assertThat(counter.value()).isZero();

        proxy.muteRepliesFrom(5); // setData: applied on the server, its reply lost
        dev.zkasync.client.handler.AsyncResult<Long> added = counter.addAsync(1);
        await("the write applied", () -> "1".equals(string(direct.get("/counter").data())));
        assertThat(added.await(java.time.Duration.ofMillis(200))).as("the reply was swallowed").isFalse();
        proxy.muteRepliesFrom(Integer.MIN_VALUE);
        proxy.dropConnections();
        proxy.mute(false);
        assertThat(added.get(WAIT)).isEqualTo(1);
        assertThat(KazooRecipes.of(direct).counter("/counter").value()).as("not applied twice").isEqualTo(1);
        assertThat(counter.add(1).postValue()).isEqualTo(2);
    }

    @Test
    void curatorFormatIsSharedWithCuratorsSharedCount() throws Exception {
        KazooClient c = client();
        Counter counter = KazooRecipes.of(c).counter("/shared", 0, true);
        counter.add(7);
        assertThat(c.get("/shared").data()).containsExactly(0, 0, 0, 7);

        CuratorFramework curator = CuratorFrameworkFactory.newClient(zk.connectString(), new RetryOneTime(100));
        track(curator::close);
        curator.start();
        assertThat(curator.blockUntilConnected(30, TimeUnit.SECONDS)).isTrue();
        SharedCount shared = track(new SharedCount(curator, "/shared", 0));
        shared.start();
        assertThat(shared.getCount()).isEqualTo(7);
        assertThat(shared.trySetCount(shared.getVersionedValue(), 100)).isTrue();
        assertThat(counter.value()).isEqualTo(100);
        counter.add(-1);
        await("Curator sees our change", () -> shared.getCount() == 99);

        Counter tooBig = KazooRecipes.of(c).counter("/shared", 0, true);
        assertThatThrownBy(() -> tooBig.add(Integer.MAX_VALUE)).isInstanceOf(ArithmeticException.class);
    }
}
