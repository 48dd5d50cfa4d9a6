package dev.zkasync.client;

import org.junit.jupiter.api.Tag;
import dev.zkasync.client.data.NodeData;
import dev.zkasync.client.data.Stat;
import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.client.state.KeeperState;
import dev.zkasync.client.watch.EventType;
import dev.zkasync.client.watch.WatchedEvent;
import dev.zkasync.client.watch.Watcher;

import dev.zkasync.test.FaultProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** One-shot watches against a real server, under both handlers. */
@Tag("server-matrix")
@ParameterizedClass
@EnumSource(HandlerKind.class)
class WatchTest extends RealServerTest {

    private static WatchedEvent next(BlockingQueue<WatchedEvent> events) throws InterruptedException {
        WatchedEvent e = events.poll(20, TimeUnit.SECONDS);
        assertThat(e).as("a watch event within 20 s").isNotNull();
        return e;
    }

    /** Proves no further event comes: a later event on another watch arrives first. */
    private static void assertNoMoreEvents(KazooClient c, BlockingQueue<WatchedEvent> events) throws Exception {
        BlockingQueue<WatchedEvent> fence = new LinkedBlockingQueue<>();
        String path = "/fence-" + System.nanoTime();
        c.exists(path, fence::add);
        c.create(path, null);
        next(fence);
        assertThat(events).isEmpty();
    }

    @Test
    void dataWatchFiresOnceWithPathStateAndZxid() throws Exception {
        KazooClient c = client();
        c.create("/n", bytes("1"));
        BlockingQueue<WatchedEvent> events = new LinkedBlockingQueue<>();
        c.get("/n", events::add);
        Stat changed = c.set("/n", bytes("2"));
        c.set("/n", bytes("3"));

        WatchedEvent e = next(events);
        assertThat(e.type()).isEqualTo(EventType.CHANGED);
        assertThat(e.path()).isEqualTo("/n");
        assertThat(e.state()).isEqualTo(KeeperState.CONNECTED);
        // servers send the zxid of the change with the notification from 3.9 on, -1 before
        assertThat(e.zxid()).isEqualTo(c.serverVersion().atLeast(3, 9) ? changed.mzxid() : WatchedEvent.NO_ZXID);
        assertNoMoreEvents(c, events);
    }

    @Test
    void existsWatchOnAMissingNodeFiresOnCreate() throws Exception {
        KazooClient c = client();
        BlockingQueue<WatchedEvent> events = new LinkedBlockingQueue<>();
        assertThat(c.exists("/later", events::add)).isNull();
        c.create("/later", null);
        WatchedEvent e = next(events);
        assertThat(e.type()).isEqualTo(EventType.CREATED);
        assertThat(e.path()).isEqualTo("/later");
    }

    @Test
    void childWatchFiresOnChildChangesAndDeleteFiresAllKinds() throws Exception {
        KazooClient c = client();
        c.create("/p");
        BlockingQueue<WatchedEvent> children = new LinkedBlockingQueue<>();
        c.getChildren("/p", children::add);
        c.create("/p/c");
        assertThat(next(children).type()).isEqualTo(EventType.CHILD);

        BlockingQueue<WatchedEvent> data = new LinkedBlockingQueue<>();
        c.getChildren("/p", children::add);
        c.get("/p", data::add);
        c.delete("/p/c");
        assertThat(next(children).type()).isEqualTo(EventType.CHILD);
        c.getChildren("/p", children::add);
        c.delete("/p");
        assertThat(next(data).type()).isEqualTo(EventType.DELETED);
        assertThat(next(children).type()).isEqualTo(EventType.DELETED);
    }

    @Test
    void theSameWatcherRegisteredTwiceFiresOnce() throws Exception {
        KazooClient c = client();
        c.create("/n");
        BlockingQueue<WatchedEvent> events = new LinkedBlockingQueue<>();
        Watcher w = events::add;
        c.get("/n", w);
        c.exists("/n", w);
        c.set("/n", bytes("x"));
        next(events);
        assertNoMoreEvents(c, events);
    }

    @Test
    void aFailedReadRegistersNoWatch() throws Exception {
        KazooClient c = client();
        BlockingQueue<WatchedEvent> events = new LinkedBlockingQueue<>();
        AsyncResult<NodeData> missing = c.getAsync("/missing", events::add);
        assertThat(missing.await(Duration.ofSeconds(10))).isTrue();
        c.create("/missing");
        assertNoMoreEvents(c, events);
    }

    @Test
    void watchesRunOnTheHandlerAndBeforeLaterReplies() throws Exception {
        KazooClient c = client();
        c.create("/n", bytes("1"));
        BlockingQueue<String> order = new LinkedBlockingQueue<>();
        c.get("/n", e -> order.add("watch on " + Thread.currentThread().getName()));
        AsyncResult<Stat> set = c.setAsync("/n", bytes("2"));
        set.rawlink(r -> order.add("set reply"));
        AsyncResult<NodeData> get = c.getAsync("/n");
        get.rawlink(r -> order.add("get reply"));
        get.get();
        // ZooKeeper sends the notification before the reply of the write that caused it, so a client
        // sees the watch before it can see the new data; the handler keeps that order.
        assertThat(order.poll(10, TimeUnit.SECONDS)).startsWith("watch on " + handlerKind.threadPrefix());
        assertThat(order.poll(10, TimeUnit.SECONDS)).isEqualTo("set reply");
        assertThat(order.poll(10, TimeUnit.SECONDS)).isEqualTo("get reply");
    }

    @Test
    void aWatchSurvivesAReconnectAndFiresOnce() throws Exception {
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", zk.server().port())) {
            KazooClient c = started(builder(proxy.connectString(zk.chroot())));
            KazooClient other = client();
            c.create("/n", bytes("1"));
            BlockingQueue<WatchedEvent> data = new LinkedBlockingQueue<>();
            BlockingQueue<WatchedEvent> created = new LinkedBlockingQueue<>();
            c.get("/n", data::add);
            c.exists("/new", created::add);
            BlockingQueue<KazooState> states = new LinkedBlockingQueue<>();
            c.addListener(states::add);

            proxy.dropConnections();
            assertThat(states.poll(20, TimeUnit.SECONDS)).isEqualTo(KazooState.SUSPENDED);
            assertThat(states.poll(20, TimeUnit.SECONDS)).isEqualTo(KazooState.CONNECTED);
            other.set("/n", bytes("2"));
            other.create("/new");

            assertThat(next(data).type()).isEqualTo(EventType.CHANGED);
            assertThat(next(created).type()).isEqualTo(EventType.CREATED);
            other.set("/n", bytes("3"));
            assertNoMoreEvents(c, data);
        }
    }

    @Test
    void aChangeMissedWhileDisconnectedIsReportedAfterTheReconnect() throws Exception {
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", zk.server().port())) {
            KazooClient c = started(builder(proxy.connectString(zk.chroot())));
            KazooClient other = client();
            c.create("/n", bytes("1"));
            BlockingQueue<WatchedEvent> data = new LinkedBlockingQueue<>();
            c.get("/n", data::add);
            BlockingQueue<KazooState> states = new LinkedBlockingQueue<>();
            c.addListener(states::add);

            proxy.refuseNewConnections(true);
            proxy.dropConnections();
            assertThat(states.poll(20, TimeUnit.SECONDS)).isEqualTo(KazooState.SUSPENDED);
            other.set("/n", bytes("changed while away"));
            proxy.refuseNewConnections(false);

            // SetWatches with the last zxid seen makes the server report the missed change.
            WatchedEvent e = next(data);
            assertThat(e.type()).isEqualTo(EventType.CHANGED);
            assertThat(e.path()).isEqualTo("/n");
        }
    }
}
