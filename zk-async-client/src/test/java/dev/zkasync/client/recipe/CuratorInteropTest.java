package dev.zkasync.client.recipe;

import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.KazooClient;
import dev.zkasync.test.ZooKeeperExtension;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Our Lock in Curator layout and Curator's InterProcessMutex (official client) on one real server. */
class CuratorInteropTest extends RecipeTestSupport {
    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.shared();

    @Override
    ZooKeeperExtension zk() {
        return zk;
    }

    private CuratorFramework curator() throws InterruptedException {
        CuratorFramework curator = CuratorFrameworkFactory.newClient(zk.connectString(), 10_000, 10_000,
                new RetryOneTime(100));
        track(curator::close);
        curator.start();
        assertThat(curator.blockUntilConnected(30, TimeUnit.SECONDS)).isTrue();
        return curator;
    }

    @Test
    void curatorMutexAndOurLockExcludeEachOther() throws Exception {
        KazooClient c = client();
        CuratorFramework curator = curator();
        InterProcessMutex mutex = new InterProcessMutex(curator, "/lock");
        Lock lock = KazooRecipes.of(c).lock("/lock", "ours", Lock.Layout.CURATOR);

        assertThat(lock.acquire(Duration.ofSeconds(5))).isTrue();
        assertThat(c.getChildren("/lock")).singleElement().asString()
                .matches("_c_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-lock-\\d{10}");
        assertThat(mutex.acquire(300, TimeUnit.MILLISECONDS)).as("Curator waits for our lock").isFalse();
        lock.release();
        assertThat(mutex.acquire(10, TimeUnit.SECONDS)).isTrue();

        assertThat(lock.tryAcquire()).as("we wait for Curator's lock").isFalse();
        assertThatThrownBy(() -> lock.acquire(Duration.ofMillis(300))).isInstanceOf(LockTimeoutException.class);
        AsyncResult<Boolean> ours = lock.acquireAsync();
        assertThat(ours.await(Duration.ofMillis(300))).isFalse();
        assertThat(mutex.getParticipantNodes()).hasSize(2);
        mutex.release();
        assertThat(ours.get(WAIT)).isTrue();
        assertThat(lock.contenders()).containsExactly("ours");
        lock.release();
        assertThat(c.getChildren("/lock")).isEmpty();
    }

    @Test
    void aQueueOfBothKindsIsServedInOrder() throws Exception {
        KazooClient c = client();
        CuratorFramework curator = curator();
        Lock first = KazooRecipes.of(c).lock("/lock", "first", Lock.Layout.CURATOR);
        first.acquire();
        InterProcessMutex mutex = new InterProcessMutex(curator, "/lock");
        Thread curatorThread = Thread.ofPlatform().start(() -> {
            try {
                if (mutex.acquire(30, TimeUnit.SECONDS)) {
                    Thread.sleep(200);
                    mutex.release();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await("Curator queued", () -> c.getChildren("/lock").size() == 2);
        Lock third = KazooRecipes.of(client()).lock("/lock", "third", Lock.Layout.CURATOR);
        AsyncResult<Boolean> thirdResult = third.acquireAsync();
        await("ours queued behind Curator", () -> c.getChildren("/lock").size() == 3);
        first.release();
        await("Curator holds", mutex::isAcquiredInThisProcess);
        assertThat(thirdResult.ready()).as("third waits while Curator holds").isFalse();
        assertThat(thirdResult.get(WAIT)).isTrue();
        curatorThread.join(10_000);
    }
}
