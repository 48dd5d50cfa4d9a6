package dev.zkasync.client.recipe;

import org.junit.jupiter.api.Tag;
import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.client.watch.WatcherType;
import dev.zkasync.test.ZooKeeperExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Queue and LockingQueue with several clients against a real server. */
@Tag("server-matrix")
class QueueTest extends RecipeTestSupport {
    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.shared();

    @Override
    ZooKeeperExtension zk() {
        return zk;
    }

    @Test
    void queueServesByPriorityThenArrival() {
        KazooClient c = client();
        Queue q = KazooRecipes.of(c).queue("/q");
        assertThat(q.get()).isNull();
        q.put(bytes("low-1"), 500);
        q.put(bytes("mid-1"));
        q.put(bytes("high"), 1);
        q.put(bytes("mid-2"), 100);
        q.put(bytes("low-2"), 500);
        assertThat(q.size()).isEqualTo(5);
        assertThat(c.getChildren("/q")).allMatch(n -> n.matches("entry-\\d{3}-\\d{10}"));
        List<String> out = new ArrayList<>();
        byte[] item;
        while ((item = q.get()) != null) {
            out.add(string(item));
        }
        assertThat(out).containsExactly("high", "mid-1", "mid-2", "low-1", "low-2");
        assertThat(q.size()).isZero();
        assertThatThrownBy(() -> q.put(bytes("x"), 1000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachItemGoesToExactlyOneOfManyConsumers() throws Exception {
        KazooClient producer = client();
        Queue q = KazooRecipes.of(producer).queue("/q");
        for (int i = 0; i < 100; i++) {
            q.put(bytes("item-" + i));
        }
        ConcurrentLinkedQueue<String> got = new ConcurrentLinkedQueue<>();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(4);
        for (int t = 0; t < 4; t++) {
            Queue consumer = KazooRecipes.of(client()).queue("/q");
            Thread.ofPlatform().start(() -> {
                try {
                    byte[] item;
                    while ((item = consumer.get()) != null) {
                        got.add(string(item));
                    }
                } catch (Throwable e) {
                    errors.add(e);
                } finally {
                    done.countDown();
                }
            });
        }
        assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(errors).isEmpty();
        assertThat(got).hasSize(100).doesNotHaveDuplicates();
    }

    @Test
    void lockingQueueLocksUntilConsumedAndServesByPriority() {
        KazooClient c = client();
        LockingQueue q = KazooRecipes.of(c).lockingQueue("/lq");
        q.put(bytes("b"), 50);
        q.putAll(List.of(bytes("c1"), bytes("c2"), bytes("c3")), 100);
        q.put(bytes("a"), 1);
        assertThat(q.size()).isEqualTo(5);
        assertThat(c.getChildren("/lq/entries")).allMatch(n -> n.matches("entry-\\d{3}-\\d{10}"));

        assertThat(string(q.get(Duration.ofSeconds(5)))).isEqualTo("a");
        assertThat(q.holdsLock()).isTrue();
        assertThat(c.getChildren("/lq/taken")).hasSize(1);
        assertThat(string(q.get())).as("the same item until consumed").isEqualTo("a");
        LockingQueue other = KazooRecipes.of(client()).lockingQueue("/lq");
        assertThat(string(other.get(Duration.ofSeconds(5)))).as("others skip locked items").isEqualTo("b");
        assertThat(q.consume()).isTrue();
        assertThat(q.consume()).isFalse();
        assertThat(q.holdsLock()).isFalse();
        assertThat(other.release()).isTrue();
        assertThat(string(q.get(Duration.ofSeconds(5)))).as("a released item is back").isEqualTo("b");
        assertThat(q.consume()).isTrue();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rest.add(string(q.get(Duration.ofSeconds(5))));
            assertThat(q.consume()).isTrue();
        }
        assertThat(rest).containsExactly("c1", "c2", "c3");
        assertThat(q.size()).isZero();
        assertThat(c.getChildren("/lq/taken")).isEmpty();
    }

    @Test
    void aBlockedGetWakesUpOnPut() throws Exception {
        LockingQueue consumer = KazooRecipes.of(client()).lockingQueue("/lq");
        AsyncResult<byte[]> waiting = consumer.getAsync(null);
        assertThat(waiting.await(Duration.ofMillis(200))).isFalse();
        KazooRecipes.of(client()).lockingQueue("/lq").put(bytes("job"));
        assertThat(string(waiting.get(WAIT))).isEqualTo("job");
    }

    @Test
    void repeatedTimedGetsLeakNoWatches() {
        KazooClient c = client();
        LockingQueue q = KazooRecipes.of(c).lockingQueue("/lq");
        for (int i = 0; i < 20; i++) {
            assertThat(q.get(Duration.ofMillis(20))).isNull();
        }
        await("no watch left", () -> !WatchersTest.hasServerWatch(c, "/lq/entries", WatcherType.CHILDREN)
                && !WatchersTest.hasServerWatch(c, "/lq/taken", WatcherType.CHILDREN));
        q.put(bytes("after"));
        assertThat(string(q.get(Duration.ofSeconds(5)))).isEqualTo("after");
    }

    @Test
    void concurrentConsumersProcessEachItemOnce() throws Exception {
        KazooClient producer = client();
        LockingQueue q = KazooRecipes.of(producer).lockingQueue("/lq");
        List<byte[]> items = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            items.add(bytes("job-" + i));
        }
        q.putAll(items, 100);
        ConcurrentLinkedQueue<String> processed = new ConcurrentLinkedQueue<>();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(4);
        for (int t = 0; t < 4; t++) {
            LockingQueue consumer = KazooRecipes.of(client()).lockingQueue("/lq");
            Thread.ofPlatform().start(() -> {
                try {
                    byte[] item;
                    while ((item = consumer.get(Duration.ofMillis(500))) != null) {
                        processed.add(string(item));
                        assertThat(consumer.consume()).isTrue();
                    }
                } catch (Throwable e) {
                    errors.add(e);
                } finally {
                    done.countDown();
                }
            });
        }
        assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(errors).isEmpty();
        assertThat(processed).hasSize(60).doesNotHaveDuplicates();
        assertThat(q.size()).isZero();
    }

    @Test
    void anItemLockedByAnExpiredSessionGoesToAnotherConsumer() throws Exception {
        Proxied p = proxiedClient();
        LockingQueue flaky = KazooRecipes.of(p.client()).lockingQueue("/lq");
        flaky.put(bytes("job"));
        assertThat(string(flaky.get(Duration.ofSeconds(5)))).isEqualTo("job");
        expire(p);
        assertThat(flaky.holdsLock()).isFalse();
        LockingQueue other = KazooRecipes.of(client()).lockingQueue("/lq");
        assertThat(string(other.get(Duration.ofSeconds(5)))).isEqualTo("job");
        assertThat(flaky.consume()).isFalse();
        assertThat(other.consume()).isTrue();
        assertThat(flaky.get(Duration.ofMillis(100))).isNull();
    }
    // ------------------------------------------------------------------ connection loss mid-operation

    private static final int CREATE = 1;
    private static final int DELETE = 2;
    private static final int MULTI = 14;

    /** A client whose connection goes through a proxy that can swallow the server's replies. */
    private record Muted(KazooClient client, ReplyMutingProxy proxy) {
        /** Lets the next requests' replies through again and resets the connection: the muted reply is lost. */
        void loseTheReply() {
            proxy.muteRepliesFrom(Integer.MIN_VALUE);
            proxy.dropConnections();
            proxy.mute(false);
        }
    }

    private Muted muted() throws Exception {
        ReplyMutingProxy proxy = track(new ReplyMutingProxy(zk.server().port()));
        return new Muted(started(builder(proxy.connectString(zk.chroot()))), proxy);
    }

    @Test
    void aQueueGetWhoseDeleteReplyIsLostStillDeliversTheItem() throws Exception {
        KazooClient direct = client();
        Queue producer = KazooRecipes.of(direct).queue("/q");
        producer.put(bytes("a"));
        producer.put(bytes("b"));
        Muted m = muted();
        Queue consumer = KazooRecipes.of(m.client()).queue("/q");
        assertThat(consumer.size()).isEqualTo(2); // the path is known: the next requests are the get's

        m.proxy().muteRepliesFrom(DELETE);
        AsyncResult<byte[]> got = consumer.getAsync();
        await("the delete applied on the server", () -> direct.getChildren("/q").size() == 1);
        m.loseTheReply();

        assertThat(string(got.get(WAIT))).as("not lost: our delete took it").isEqualTo("a");
        assertThat(string(consumer.get())).isEqualTo("b");
        assertThat(consumer.get()).isNull();
    }

    @Test
    void aQueuePutWhoseReplyIsLostIsRetriedSoTheItemIsNotLost() throws Exception {
        KazooClient direct = client();
        Muted m = muted();
        Queue q = KazooRecipes.of(m.client()).queue("/q");
        assertThat(q.size()).isZero();

        m.proxy().muteRepliesFrom(CREATE);
        AsyncResult<Void> put = q.putAsync(bytes("x"), 7);
        await("the create applied on the server", () -> direct.getChildren("/q").size() == 1);
        m.loseTheReply();

        put.get(WAIT);
        // At least once: the retry adds it again (the layout has nothing to tell our item by).
        List<String> items = new ArrayList<>();
        byte[] item;
        while ((item = KazooRecipes.of(direct).queue("/q").get()) != null) {
            items.add(string(item));
        }
        assertThat(items).isNotEmpty().containsOnly("x");
    }

    @Test
    void aLockingQueueGetWhoseLockReplyIsLostAdoptsItsLock() throws Exception {
        KazooClient direct = client();
        KazooRecipes.of(direct).lockingQueue("/lq").put(bytes("job"));
        Muted m = muted();
        LockingQueue consumer = KazooRecipes.of(m.client()).lockingQueue("/lq");
        assertThat(consumer.size()).isEqualTo(1);

        m.proxy().muteRepliesFrom(CREATE);
        AsyncResult<byte[]> got = consumer.getAsync(WAIT);
        await("the lock applied on the server", () -> direct.getChildren("/lq/taken").size() == 1);
        m.loseTheReply();

        assertThat(string(got.get(WAIT))).isEqualTo("job");
        assertThat(direct.getChildren("/lq/taken")).hasSize(1);
        assertThat(consumer.holdsLock()).isTrue();
        assertThat(KazooRecipes.of(direct).lockingQueue("/lq").get(Duration.ofMillis(200))).as("locked: nobody else gets it").isNull();
        assertThat(consumer.consume()).isTrue();
        assertThat(direct.getChildren("/lq/entries")).isEmpty();
        assertThat(direct.getChildren("/lq/taken")).isEmpty();
    }

    @Test
    void aConsumeWhoseReplyIsLostReportsTheItemConsumedOnce() throws Exception {
        KazooClient direct = client();
        KazooRecipes.of(direct).lockingQueue("/lq").putAll(List.of(bytes("one"), bytes("two")), 100);
        Muted m = muted();
        LockingQueue consumer = KazooRecipes.of(m.client()).lockingQueue("/lq");
        assertThat(string(consumer.get(WAIT))).isEqualTo("one");

        m.proxy().muteRepliesFrom(MULTI);
        AsyncResult<Boolean> consumed = consumer.consumeAsync();
        await("the consume applied on the server", () -> direct.getChildren("/lq/entries").size() == 1);
        m.loseTheReply();

        assertThat(consumed.get(WAIT)).isTrue();
        assertThat(consumer.consume()).as("nothing held any more").isFalse();
        assertThat(string(consumer.get(WAIT))).as("the next item, not a duplicate").isEqualTo("two");
        assertThat(consumer.consume()).isTrue();
        assertThat(direct.getChildren("/lq/entries")).isEmpty();
        assertThat(direct.getChildren("/lq/taken")).isEmpty();
    }

    @Test
    void aReleaseWhoseReplyIsLostHandsTheItemBack() throws Exception {
        KazooClient direct = client();
        KazooRecipes.of(direct).lockingQueue("/lq").put(bytes("job"));
        Muted m = muted();
        LockingQueue consumer = KazooRecipes.of(m.client()).lockingQueue("/lq");
        assertThat(string(consumer.get(WAIT))).isEqualTo("job");

        m.proxy().muteRepliesFrom(MULTI);
        AsyncResult<Boolean> released = consumer.releaseAsync();
        await("the release applied on the server", () -> direct.getChildren("/lq/taken").isEmpty());
        m.loseTheReply();

        assertThat(released.get(WAIT)).isTrue();
        assertThat(consumer.holdsLock()).isFalse();
        LockingQueue other = KazooRecipes.of(direct).lockingQueue("/lq");
        assertThat(string(other.get(WAIT))).isEqualTo("job");
        assertThat(other.consume()).isTrue();
    }

    @Test
    void timedGetsThatEndWhileDisconnectedLeaveNoWatchAfterTheReconnect() throws Exception {
        Proxied p = proxiedClient();
        LockingQueue q = KazooRecipes.of(p.client()).lockingQueue("/lq");
        assertThat(q.get(Duration.ofMillis(50))).isNull();
        p.proxy().refuseNewConnections(true);
        p.proxy().dropConnections();
        awaitState(p.states(), KazooState.SUSPENDED);
        for (int i = 0; i < 5; i++) {
            assertThat(q.getAsync(Duration.ofMillis(50)).get(WAIT)).isNull();
        }
        p.proxy().refuseNewConnections(false);
        awaitState(p.states(), KazooState.CONNECTED);
        await("no watch left", () -> !WatchersTest.hasServerWatch(p.client(), "/lq/entries", WatcherType.CHILDREN)
                && !WatchersTest.hasServerWatch(p.client(), "/lq/taken", WatcherType.CHILDREN));
        KazooRecipes.of(client()).lockingQueue("/lq").put(bytes("after"));
        assertThat(string(q.get(WAIT))).isEqualTo("after");
    }
}
