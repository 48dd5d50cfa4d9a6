package dev.zkasync.client.recipe;

import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.KazooClient;
import dev.zkasync.test.ZooKeeperExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Our recipes and a real Kazoo process (Debian's python3-kazoo, run by {@link KazooProcess}) on the
 * same server and chroot, each waiting for the other. Skipped, with the reason, when
 * /usr/bin/python3 or kazoo is missing.
 */
class KazooInteropTest extends RecipeTestSupport {
    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.shared();

    /** How long we wait to see that something did not happen (the other side acts within it if it would). */
    private static final Duration QUIET = Duration.ofMillis(300);

    private KazooClient c;
    private KazooProcess py;

    @Override
    ZooKeeperExtension zk() {
        return zk;
    }

    @BeforeEach
    void startKazoo() {
        KazooProcess.assumeAvailable();
        c = client();
        py = track(KazooProcess.start(zk.connectString()));
    }

    private static void assertWaiting(CompletableFuture<?> kazooCall) {
        assertThat(kazooCall).as("Kazoo still waiting").isNotDone();
    }

    @Test
    void lockFifoAcrossBothClients() {
        Lock ours = KazooRecipes.of(c).lock("/lock", "java-1");
        ours.acquire();
        py.run("lock", "k", "lock", "/lock", "python");
        CompletableFuture<List<String>> kazooAcquire = py.call("acquire", "k");
        await("Kazoo queued", () -> ours.contenders().size() == 2);
        Lock second = KazooRecipes.of(client()).lock("/lock", "java-2");
        AsyncResult<Boolean> secondAcquire = second.acquireAsync();
        await("ours queued after Kazoo", () -> ours.contenders().size() == 3);
        assertThat(ours.contenders()).containsExactly("java-1", "python", "java-2");
        assertThat(py.run("contenders", "k")).containsExactly("java-1", "python", "java-2");
        assertWaiting(kazooAcquire);

        ours.release();
        assertThat(py.get(kazooAcquire, "acquire")).containsExactly("True");
        assertThat(secondAcquire.await(QUIET)).as("Kazoo holds it: we wait").isFalse();
        py.run("release", "k");
        assertThat(secondAcquire.get(WAIT)).isTrue();
        assertThat(py.one("acquire", "k", "False")).as("Kazoo's non-blocking try").isEqualTo("False");
        second.release();
        assertThat(c.getChildren("/lock")).isEmpty();
    }

    @Test
    void readAndWriteLocksAcrossBothClients() {
        py.run("lock", "r", "read", "/rw", "py-reader");
        assertThat(py.one("acquire", "r")).isEqualTo("True");
        ReadLock reader = KazooRecipes.of(c).readLock("/rw", "java-reader");
        assertThat(reader.acquire(WAIT)).as("readers share").isTrue();
        WriteLock writer = KazooRecipes.of(client()).writeLock("/rw", "java-writer");
        AsyncResult<Boolean> writing = writer.acquireAsync();
        await("our writer queued", () -> c.getChildren("/rw").size() == 3);
        py.run("lock", "w", "write", "/rw", "py-writer");
        CompletableFuture<List<String>> kazooWriting = py.call("acquire", "w");
        await("Kazoo's writer queued", () -> c.getChildren("/rw").size() == 4);
        ReadLock lateReader = KazooRecipes.of(client()).readLock("/rw", "late-reader");
        AsyncResult<Boolean> lateReading = lateReader.acquireAsync();
        await("a reader queued behind the writers", () -> c.getChildren("/rw").size() == 5);

        reader.release();
        assertThat(writing.await(QUIET)).as("Kazoo's reader still holds").isFalse();
        py.run("release", "r");
        assertThat(writing.get(WAIT)).isTrue();
        assertWaiting(kazooWriting);
        writer.release();
        assertThat(py.get(kazooWriting, "write acquire")).containsExactly("True");
        assertThat(lateReading.await(QUIET)).as("Kazoo's writer holds").isFalse();
        py.run("release", "w");
        assertThat(lateReading.get(WAIT)).isTrue();
        lateReader.release();
    }

    @Test
    void semaphoreLeasesAreSharedAndMaxLeasesAgreed() {
        py.run("semaphore", "s1", "/sem", "py-1", 2);
        assertThat(py.one("acquire", "s1")).isEqualTo("True");
        Semaphore ours = KazooRecipes.of(c).semaphore("/sem", "java", 2);
        assertThat(ours.acquire(WAIT)).isTrue();
        assertThat(ours.leaseHolders()).containsExactlyInAnyOrder("py-1", "java");
        assertThat(py.run("lease_holders", "s1")).containsExactlyInAnyOrder("py-1", "java");
        assertThat(string(c.get("/sem").data())).isEqualTo("2");

        py.run("semaphore", "s2", "/sem", "py-2", 2);
        assertThat(py.one("acquire", "s2", "False")).as("full").isEqualTo("False");
        CompletableFuture<List<String>> kazooWaiting = py.call("acquire", "s2");
        await("Kazoo queued", () -> c.getChildren("/sem-__lock__").size() == 1);
        Semaphore third = KazooRecipes.of(client()).semaphore("/sem", "java-2", 2);
        assertThat(third.tryAcquire()).isFalse();
        ours.release();
        assertThat(py.get(kazooWaiting, "acquire")).containsExactly("True");
        assertThat(ours.leaseHolders()).containsExactlyInAnyOrder("py-1", "py-2");

        py.run("semaphore", "bad", "/sem", "py-3", 3);
        assertThatThrownBy(() -> py.run("acquire", "bad")).hasMessageContaining("ValueError");
        assertThatThrownBy(() -> KazooRecipes.of(client()).semaphore("/sem", "java-3", 3).acquire())
                .isInstanceOf(IllegalArgumentException.class);
        py.run("release", "s1");
        py.run("release", "s2");
        assertThat(c.getChildren("/sem")).isEmpty();
    }

    @Test
    void counterInKazoosTextForm() {
        assertThat(py.one("counter_add", "/counter", 5)).isEqualTo("5");
        Counter ours = KazooRecipes.of(c).counter("/counter");
        assertThat(ours.value()).isEqualTo(5);
        assertThat(ours.add(3).postValue()).isEqualTo(8);
        assertThat(py.one("get_data", "/counter")).as("ASCII decimal").isEqualTo("8");
        assertThat(py.one("counter_value", "/counter")).isEqualTo("8");
        assertThat(py.one("counter_add", "/counter", -10)).isEqualTo("-2");
        assertThat(ours.value()).isEqualTo(-2);
    }

    @Test
    void electionLeadershipPassesBetweenBothClients() throws Exception {
        py.run("election", "e1", "/election", "py-1");
        CompletableFuture<List<String>> kazooTerm = py.call("lead", "e1");
        py.run("await_leading", "e1");
        Election ours = KazooRecipes.of(c).election("/election", "java");
        CompletableFuture<Void> ourTermEnds = new CompletableFuture<>();
        AsyncResult<Boolean> ourRun = ours.runAsync(term -> ourTermEnds);
        await("we are a candidate", () -> ours.contenders().size() == 2);
        py.run("election", "e2", "/election", "py-2");
        CompletableFuture<List<String>> kazooTerm2 = py.call("lead", "e2");
        await("Kazoo's second candidate", () -> ours.contenders().size() == 3);
        assertThat(ours.contenders()).containsExactly("py-1", "java", "py-2");
        assertThat(py.run("contenders", "e1")).containsExactly("py-1", "java", "py-2");
        assertThat(ours.isLeader()).isFalse();

        py.run("resign", "e1");
        assertThat(py.get(kazooTerm, "lead")).containsExactly("True");
        await("we lead", ours::isLeader);
        assertWaiting(kazooTerm2);
        ourTermEnds.complete(null);
        assertThat(ourRun.get(WAIT)).isTrue();
        py.run("await_leading", "e2");
        py.run("resign", "e2");
        assertThat(py.get(kazooTerm2, "lead")).containsExactly("True");
    }

    @Test
    void queueItemsPutByOneAreTakenByTheOther() {
        py.run("queue_put", "/q", "py-low", 500);
        py.run("queue_put", "/q", "py-high", 1);
        Queue ours = KazooRecipes.of(c).queue("/q");
        ours.put(bytes("java-mid"), 100);
        assertThat(string(ours.get())).isEqualTo("py-high");
        assertThat(py.one("queue_get", "/q")).isEqualTo("java-mid");
        assertThat(string(ours.get())).isEqualTo("py-low");
        assertThat(py.one("queue_get", "/q")).as("empty: None").isNull();
        ours.put(bytes("java-last"));
        assertThat(py.one("queue_get", "/q")).isEqualTo("java-last");
    }

    @Test
    void lockingQueueItemsAndLocksAreSharedWithKazoo() {
        py.run("locking_queue", "k", "/lq");
        py.run("lq_put", "k", "py-1", 10);
        LockingQueue ours = KazooRecipes.of(c).lockingQueue("/lq");
        ours.putAll(List.of(bytes("java-1"), bytes("java-2")), 20);

        assertThat(py.one("lq_get", "k", 5)).isEqualTo("py-1");
        assertThat(py.one("lq_holds_lock", "k")).isEqualTo("True");
        assertThat(string(ours.get(WAIT))).as("Kazoo's locked item is skipped").isEqualTo("java-1");
        assertThat(ours.holdsLock()).isTrue();
        assertThat(py.one("lq_release", "k")).isEqualTo("True");
        assertThat(ours.consume()).isTrue();
        assertThat(string(ours.get(WAIT))).as("the released item is back first").isEqualTo("py-1");
        assertThat(ours.consume()).isTrue();
        assertThat(py.one("lq_get", "k", 5)).isEqualTo("java-2");
        assertThat(py.one("lq_consume", "k")).isEqualTo("True");
        assertThat(ours.size()).isZero();

        CompletableFuture<List<String>> kazooWaiting = py.call("lq_get", "k", 30);
        ours.put(bytes("for-kazoo"));
        assertThat(py.get(kazooWaiting, "lq_get")).containsExactly("for-kazoo");
        assertThat(py.one("lq_consume", "k")).isEqualTo("True");
        assertThat(c.getChildren("/lq/entries")).isEmpty();
        assertThat(c.getChildren("/lq/taken")).isEmpty();
    }

    @Test
    void partyMembersSeenFromBothClients() {
        py.run("party", "p", "party", "/party", "python");
        py.run("party_join", "p");
        Party ours = KazooRecipes.of(c).party("/party", "java");
        ours.join();
        assertThat(ours.members()).containsExactlyInAnyOrder("python", "java");
        assertThat(py.run("party_members", "p")).containsExactly("java", "python");
        assertThat(py.one("party_leave", "p")).isEqualTo("True");
        assertThat(ours.members()).containsExactly("java");

        py.run("party", "sp", "shallow", "/shallow", "python");
        py.run("party_join", "sp");
        ShallowParty shallow = KazooRecipes.of(c).shallowParty("/shallow", "java");
        shallow.join();
        assertThat(shallow.members()).containsExactlyInAnyOrder("python", "java");
        assertThat(py.run("party_members", "sp")).containsExactly("java", "python");
    }
}
