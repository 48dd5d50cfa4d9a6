package dev.zkasync.client;

import org.junit.jupiter.api.Tag;
import dev.zkasync.client.state.ClientId;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.client.watch.AddWatchMode;
import dev.zkasync.client.watch.EventType;
import dev.zkasync.client.watch.WatchedEvent;
import dev.zkasync.client.watch.Watcher;
import dev.zkasync.client.watch.WatcherType;

import dev.zkasync.client.exception.NoWatcherException;
import dev.zkasync.client.exception.UnimplementedException;
import dev.zkasync.test.FaultProxy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Persistent and recursive watches (ZooKeeper 3.6+) against a real server. */
@Tag("server-matrix")
class PersistentWatchTest extends RealServerTest {

    private static WatchedEvent next(BlockingQueue<WatchedEvent> q) throws InterruptedException {
        WatchedEvent e = q.poll(20, TimeUnit.SECONDS);
        assertThat(e).as("an event within 20 s").isNotNull();
        return e;
    }

    private static String describe(WatchedEvent e) {
        return e.type() + " " + e.path();
    }

    /** Drains events until a marker event arrives on the same watcher. */
    private static List<String> until(BlockingQueue<WatchedEvent> q, String marker) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        while (true) {
            String d = describe(next(q));
            if (d.equals(marker)) {
                return seen;
            }
            seen.add(d);
        }
    }

    @Test
    void aPersistentWatchFiresForTheNodeOnlyAndStays() throws Exception {
        KazooClient c = client();
        c.create("/a");
        BlockingQueue<WatchedEvent> q = new LinkedBlockingQueue<>();
        c.addWatch("/a", AddWatchMode.PERSISTENT, q::add);
        c.set("/a", bytes("1"));
        c.set("/a", bytes("2"));
        c.create("/a/b");
        c.set("/a/b", bytes("child data")); // not a change of /a
        c.delete("/a/b");
        c.delete("/a");
        c.create("/a");
        assertThat(List.of(describe(next(q)), describe(next(q)), describe(next(q)), describe(next(q)),
                describe(next(q)), describe(next(q)))).containsExactly(
                "CHANGED /a", "CHANGED /a", "CHILD /a", "CHILD /a", "DELETED /a", "CREATED /a");
    }

    @Test
    void aRecursiveWatchFiresForDescendantsAndNeverForChildChanges() throws Exception {
        KazooClient c = client();
        c.create("/r");
        BlockingQueue<WatchedEvent> q = new LinkedBlockingQueue<>();
        c.addWatch("/r", AddWatchMode.PERSISTENT_RECURSIVE, q::add);
        c.create("/r/x");
        c.create("/r/x/y", null);
        c.set("/r/x/y", bytes("1"));
        c.delete("/r/x/y");
        c.set("/r", bytes("end"));
        assertThat(until(q, "CHANGED /r")).containsExactly("CREATED /r/x", "CREATED /r/x/y", "CHANGED /r/x/y",
                "DELETED /r/x/y");
    }

    @Test
    void removalIsReferenceCountedPerPathAndMode() throws Exception {
        KazooClient c = client();
        c.create("/n");
        BlockingQueue<WatchedEvent> first = new LinkedBlockingQueue<>();
        BlockingQueue<WatchedEvent> second = new LinkedBlockingQueue<>();
        Watcher w1 = first::add;
        Watcher w2 = second::add;
        c.addWatch("/n", AddWatchMode.PERSISTENT, w1);
        c.addWatch("/n", AddWatchMode.PERSISTENT, w2);

        // before 3.9 a server has no persistent WatcherType: checks fail typed, removals are local
        boolean typed = c.serverVersion().atLeast(3, 9);
        c.removeWatches("/n", w1, WatcherType.PERSISTENT);
        assertThat(next(first).type()).isEqualTo(EventType.PERSISTENT_WATCH_REMOVED);
        if (typed) {
            c.checkWatches("/n", WatcherType.PERSISTENT); // the server watch is still there for w2
        } else {
            assertThatThrownBy(() -> c.checkWatches("/n", WatcherType.PERSISTENT))
                    .isInstanceOf(UnimplementedException.class)
                    .hasMessage("UNIMPLEMENTED for /n: the server knows no persistent watcher type (ZooKeeper 3.9+)");
        }
        c.set("/n", bytes("1"));
        assertThat(describe(next(second))).isEqualTo("CHANGED /n");
        assertThat(first).isEmpty();

        c.removeWatches("/n", w2, WatcherType.PERSISTENT);
        assertThat(next(second).type()).isEqualTo(EventType.PERSISTENT_WATCH_REMOVED);
        assertThatThrownBy(() -> c.checkWatches("/n", WatcherType.PERSISTENT))
                .isInstanceOf(typed ? NoWatcherException.class : UnimplementedException.class);
        assertThatThrownBy(() -> c.removeWatches("/n", w2, WatcherType.PERSISTENT))
                .isInstanceOf(NoWatcherException.class);
    }

    @Test
    void removeAllWatchesRemovesOneShotWatchesToo() throws Exception {
        KazooClient c = client();
        c.create("/n");
        BlockingQueue<WatchedEvent> q = new LinkedBlockingQueue<>();
        c.get("/n", q::add);
        c.getChildren("/n", q::add);
        c.removeAllWatches("/n", WatcherType.ANY);
        assertThat(next(q).type()).isIn(EventType.DATA_WATCH_REMOVED, EventType.CHILD_WATCH_REMOVED);
        assertThatThrownBy(() -> c.checkWatches("/n", WatcherType.DATA)).isInstanceOf(NoWatcherException.class);
        c.set("/n", bytes("x"));
        BlockingQueue<WatchedEvent> fence = new LinkedBlockingQueue<>();
        c.exists("/fence", fence::add);
        c.create("/fence");
        next(fence);
        assertThat(q).allSatisfy(e -> assertThat(e.type()).isNotEqualTo(EventType.CHANGED));
    }

    @Test
    void persistentWatchesSurviveReconnectsAndAreRenewedAfterExpiry() throws Exception {
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", zk.server().port())) {
            KazooClient c = started(builder(proxy.connectString(zk.chroot())));
            KazooClient other = client();
            c.create("/w");
            BlockingQueue<WatchedEvent> q = new LinkedBlockingQueue<>();
            c.addWatch("/w", AddWatchMode.PERSISTENT_RECURSIVE, q::add);
            BlockingQueue<KazooState> states = new LinkedBlockingQueue<>();
            c.addListener(states::add);

            proxy.dropConnections();
            assertThat(states.poll(20, TimeUnit.SECONDS)).isEqualTo(KazooState.SUSPENDED);
            assertThat(states.poll(20, TimeUnit.SECONDS)).isEqualTo(KazooState.CONNECTED);
            other.create("/w/after-reconnect");
            assertThat(describe(next(q))).isEqualTo("CREATED /w/after-reconnect");

            // Expire the session: cut the client off and let another connection close it.
            ClientId id = c.clientId();
            proxy.refuseNewConnections(true);
            proxy.dropConnections();
            assertThat(states.poll(20, TimeUnit.SECONDS)).isEqualTo(KazooState.SUSPENDED);
            KazooClient thief = builder(zk.connectString()).clientId(id).build();
            thief.start(java.time.Duration.ofSeconds(20));
            thief.close();
            proxy.refuseNewConnections(false);
            assertThat(states.poll(20, TimeUnit.SECONDS)).isEqualTo(KazooState.LOST);
            assertThat(states.poll(20, TimeUnit.SECONDS)).isEqualTo(KazooState.CONNECTED);

            WatchedEvent renewed = next(q);
            assertThat(renewed.type()).isEqualTo(EventType.NONE);
            other.create("/w/after-expiry");
            assertThat(describe(next(q))).isEqualTo("CREATED /w/after-expiry");
        }
    }
}
