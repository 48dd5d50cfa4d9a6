package dev.zkasync.client.recipe;

import org.junit.jupiter.api.Tag;
import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.client.watch.WatcherType;
import dev.zkasync.test.ZooKeeperExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TreeCache and CuratorCache, the same behaviours, against a real server. */
@Tag("server-matrix")
class CacheTest extends RecipeTestSupport {
    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.shared();

    @Override
    ZooKeeperExtension zk() {
        return zk;
    }

    enum Kind {
        TREE_CACHE, CURATOR_CACHE, CURATOR_CACHE_FALLBACK;

        CacheBase create(KazooClient c, String path) {
            return switch (this) {
                case TREE_CACHE -> KazooRecipes.of(c).treeCache(path);
                case CURATOR_CACHE -> KazooRecipes.of(c).curatorCache(path);
                case CURATOR_CACHE_FALLBACK -> new CuratorCache(c, path, true); // as without addWatch
            };
        }
    }

    record Seen(TreeEvent.Type type, String path, String data) {
        @Override
        public String toString() {
            return type + " " + path + (data == null ? "" : "=" + data);
        }
    }

    private CacheBase started(Kind kind, KazooClient c, BlockingQueue<Seen> events) throws Exception {
        CacheBase cache = track(kind.create(c, "/root"));
        cache.listen(e -> events.add(new Seen(e.type(), e.node() == null ? null : e.node().path(),
                e.node() == null ? null : string(e.node().data()))));
        cache.start().get(WAIT);
        return cache;
    }

    /** Events up to and including the first one of {@code type} on {@code path}. */
    private static List<Seen> until(BlockingQueue<Seen> events, TreeEvent.Type type, String path)
            throws InterruptedException {
        List<Seen> out = new ArrayList<>();
        while (true) {
            Seen s = next(events);
            out.add(s);
            if (s.type() == type && (path == null || path.equals(s.path()))) {
                return out;
            }
        }
    }

    private static List<Seen> nodeEvents(List<Seen> events) {
        return events.stream().filter(s -> s.path() != null).toList();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void initialLoadReportsEveryNodeParentsFirstThenInitialized(Kind kind) throws Exception {
        KazooClient c = client();
        c.create("/root", bytes("r"));
        c.create("/root/a", bytes("a"));
        c.create("/root/a/x", bytes("x"));
        c.create("/root/b", bytes("b"));
        BlockingQueue<Seen> events = new LinkedBlockingQueue<>();
        CacheBase cache = started(kind, c, events);

        List<Seen> load = until(events, TreeEvent.Type.INITIALIZED, null);
        assertThat(load).last().extracting(Seen::type).isEqualTo(TreeEvent.Type.INITIALIZED);
        List<String> added = nodeEvents(load).stream().map(Seen::path).toList();
        assertThat(added).containsExactlyInAnyOrder("/root", "/root/a", "/root/a/x", "/root/b");
        assertThat(added.indexOf("/root")).isLessThan(added.indexOf("/root/a"));
        assertThat(added.indexOf("/root/a")).isLessThan(added.indexOf("/root/a/x"));
        assertThat(nodeEvents(load)).allMatch(s -> s.type() == TreeEvent.Type.NODE_ADDED);

        assertThat(string(cache.getData("/root/a/x").data())).isEqualTo("x");
        assertThat(cache.getData("/root/a/x").stat().version()).isZero();
        assertThat(cache.getChildren("/root")).containsExactlyInAnyOrder("a", "b");
        assertThat(cache.getChildren("/root/b")).isEmpty();
        assertThat(cache.getData("/root/none")).isNull();
        assertThat(cache.size()).isEqualTo(4);
        assertThatThrownBy(() -> cache.getData("/elsewhere")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(cache::start).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void changesAreReportedAndRemovalsGoDeepestFirst(Kind kind) throws Exception {
        KazooClient c = client();
        c.create("/root");
        BlockingQueue<Seen> events = new LinkedBlockingQueue<>();
        CacheBase cache = started(kind, c, events);
        until(events, TreeEvent.Type.INITIALIZED, null);

        c.create("/root/a", bytes("1"));
        assertThat(next(events)).isEqualTo(new Seen(TreeEvent.Type.NODE_ADDED, "/root/a", "1"));
        c.set("/root/a", bytes("2"));
        assertThat(next(events)).isEqualTo(new Seen(TreeEvent.Type.NODE_UPDATED, "/root/a", "2"));
        c.create("/root/a/x", bytes("x"));
        assertThat(next(events)).isEqualTo(new Seen(TreeEvent.Type.NODE_ADDED, "/root/a/x", "x"));
        c.create("/root/a/x/deep", bytes("d"));
        assertThat(next(events)).isEqualTo(new Seen(TreeEvent.Type.NODE_ADDED, "/root/a/x/deep", "d"));

        c.delete("/root/a", -1, true);
        List<Seen> removed = List.of(next(events), next(events), next(events));
        assertThat(removed).extracting(Seen::path).containsExactly("/root/a/x/deep", "/root/a/x", "/root/a");
        assertThat(removed).allMatch(s -> s.type() == TreeEvent.Type.NODE_REMOVED);
        assertThat(removed.get(2).data()).as("the last cached state").isEqualTo("2");
        assertThat(cache.getChildren("/root")).isEmpty();
        assertThat(events.poll(100, TimeUnit.MILLISECONDS)).isNull();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aBurstOfChangesIsReportedInEachNodesServerOrder(Kind kind) throws Exception {
        KazooClient c = client();
        c.create("/root");
        BlockingQueue<Seen> events = new LinkedBlockingQueue<>();
        CacheBase cache = started(kind, c, events);
        until(events, TreeEvent.Type.INITIALIZED, null);

        KazooClient writer = client();
        List<AsyncResult<?>> writes = new ArrayList<>();
        writes.add(writer.createAsync("/root/1", bytes("1")));
        writes.add(writer.createAsync("/root/2", bytes("2")));
        writes.add(writer.createAsync("/root/3", bytes("3")));
        writes.add(writer.deleteAsync("/root/1"));
        writes.add(writer.setAsync("/root/2", bytes("2b")));
        writes.add(writer.createAsync("/root/4", bytes("4")));
        for (AsyncResult<?> w : writes) {
            w.get(WAIT);
        }
        List<Seen> expected = List.of(
                new Seen(TreeEvent.Type.NODE_ADDED, "/root/1", "1"),
                new Seen(TreeEvent.Type.NODE_ADDED, "/root/2", "2"),
                new Seen(TreeEvent.Type.NODE_ADDED, "/root/3", "3"),
                new Seen(TreeEvent.Type.NODE_REMOVED, "/root/1", "1"),
                new Seen(TreeEvent.Type.NODE_UPDATED, "/root/2", "2b"),
                new Seen(TreeEvent.Type.NODE_ADDED, "/root/4", "4"));
        List<Seen> got = until(events, TreeEvent.Type.NODE_ADDED, "/root/4");
        // Reads see the newest data, so successive changes of one node may merge; what is reported
        // of each node must still follow the server's order. Between nodes no order is knowable:
        // one listing can show one child gone and another come, and both are reported from it.
        for (String path : List.of("/root/1", "/root/2", "/root/3", "/root/4")) {
            List<Seen> ofNode = got.stream().filter(s -> s.path().equals(path)).toList();
            List<Seen> expectedOfNode = expected.stream().filter(e -> e.path().equals(path)).toList();
            int at = 0;
            for (Seen s : ofNode) {
                int found = -1;
                for (int i = at; i < expectedOfNode.size(); i++) {
                    Seen e = expectedOfNode.get(i);
                    if (e.type() == s.type()) {
                        found = i;
                        break;
                    }
                }
                assertThat(found).as("%s in server order within %s", s, got).isGreaterThanOrEqualTo(0);
                at = found + 1;
            }
        }
        await("the final state", () -> cache.getChildren("/root").equals(Set.of("2", "3", "4"))
                && "2b".equals(string(cache.getData("/root/2").data())));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void changesMadeWhileDisconnectedAreReportedAfterTheReconnect(Kind kind) throws Exception {
        KazooClient writer = client();
        writer.create("/root");
        writer.create("/root/kept", bytes("k"));
        writer.create("/root/gone", bytes("g"));
        writer.create("/root/changed", bytes("old"));
        Proxied p = proxiedClient();
        BlockingQueue<Seen> events = new LinkedBlockingQueue<>();
        CacheBase cache = started(kind, p.client(), events);
        until(events, TreeEvent.Type.INITIALIZED, null);

        p.proxy().refuseNewConnections(true);
        p.proxy().dropConnections();
        assertThat(next(events).type()).isEqualTo(TreeEvent.Type.CONNECTION_SUSPENDED);
        writer.delete("/root/gone");
        writer.set("/root/changed", bytes("new"));
        writer.create("/root/new", bytes("n"));
        p.proxy().refuseNewConnections(false);
        awaitState(p.states(), KazooState.CONNECTED);

        await("the cache caught up", () -> cache.getChildren("/root").equals(Set.of("kept", "changed", "new"))
                && "new".equals(string(cache.getData("/root/changed").data())));
        // The cache's state changes before its listeners hear of it: wait for the events themselves.
        List<Seen> expected = List.of(new Seen(TreeEvent.Type.CONNECTION_RECONNECTED, null, null),
                new Seen(TreeEvent.Type.NODE_REMOVED, "/root/gone", "g"),
                new Seen(TreeEvent.Type.NODE_UPDATED, "/root/changed", "new"),
                new Seen(TreeEvent.Type.NODE_ADDED, "/root/new", "n"));
        List<Seen> seen = new ArrayList<>();
        while (!seen.containsAll(expected)) {
            seen.add(next(events));
        }
        events.drainTo(seen);
        assertThat(seen).filteredOn(s -> "/root/kept".equals(s.path())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aSessionLossIsReportedAndTheCacheKeepsUp(Kind kind) throws Exception {
        KazooClient writer = client();
        writer.create("/root");
        writer.create("/root/a", bytes("a"));
        Proxied p = proxiedClient();
        BlockingQueue<Seen> events = new LinkedBlockingQueue<>();
        CacheBase cache = started(kind, p.client(), events);
        until(events, TreeEvent.Type.INITIALIZED, null);

        expire(p);
        writer.create("/root/after", bytes("x"));
        List<Seen> seen = until(events, TreeEvent.Type.NODE_ADDED, "/root/after");
        assertThat(seen).extracting(Seen::type).contains(TreeEvent.Type.CONNECTION_LOST,
                TreeEvent.Type.CONNECTION_RECONNECTED);
        writer.set("/root/a", bytes("a2"));
        await("updates after the loss", () -> "a2".equals(string(cache.getData("/root/a").data())));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aMissingRootIsWaitedFor(Kind kind) throws Exception {
        KazooClient c = client();
        BlockingQueue<Seen> events = new LinkedBlockingQueue<>();
        CacheBase cache = started(kind, c, events);
        assertThat(next(events).type()).isEqualTo(TreeEvent.Type.INITIALIZED);
        assertThat(cache.getData("/root")).isNull();
        c.create("/root", bytes("r"));
        assertThat(next(events)).isEqualTo(new Seen(TreeEvent.Type.NODE_ADDED, "/root", "r"));
        c.create("/root/child", bytes("c"));
        assertThat(next(events)).isEqualTo(new Seen(TreeEvent.Type.NODE_ADDED, "/root/child", "c"));
        c.delete("/root", -1, true);
        assertThat(until(events, TreeEvent.Type.NODE_REMOVED, "/root")).hasSize(2);
        c.create("/root", bytes("again"));
        assertThat(next(events)).isEqualTo(new Seen(TreeEvent.Type.NODE_ADDED, "/root", "again"));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void closeRemovesEveryRegistration(Kind kind) throws Exception {
        KazooClient c = client();
        c.create("/root");
        c.create("/root/a");
        c.create("/root/a/b");
        BlockingQueue<Seen> events = new LinkedBlockingQueue<>();
        CacheBase cache = started(kind, c, events);
        List<Seen> load = until(events, TreeEvent.Type.INITIALIZED, null);
        assertThat(nodeEvents(load)).as("the initial load %s", load).hasSize(3);
        List<String> paths = List.of("/root", "/root/a", "/root/a/b");
        // a server before 3.9 cannot be asked about persistent watches (checkWatches knows no such type)
        boolean askPersistent = c.serverVersion().atLeast(3, 9);
        if (kind == Kind.CURATOR_CACHE) {
            assertThat(!askPersistent || WatchersTest.hasServerWatch(c, "/root", WatcherType.PERSISTENT_RECURSIVE))
                    .isTrue();
            assertThat(((CuratorCache) cache).usesTreeCacheFallback()).isFalse();
        } else {
            assertThat(paths).allMatch(p -> WatchersTest.hasServerWatch(c, p, WatcherType.ANY));
            assertThat(cache instanceof TreeCache || ((CuratorCache) cache).usesTreeCacheFallback()).isTrue();
        }
        cache.close();
        if (askPersistent || kind != Kind.CURATOR_CACHE) {
            // before 3.9 the server keeps a persistent watch until the session ends; the client drops its events
            await("every watch gone", () -> paths.stream().noneMatch(p -> WatchersTest.hasServerWatch(c, p, WatcherType.ANY))
                    && !(askPersistent && WatchersTest.hasServerWatch(c, "/root", WatcherType.PERSISTENT_RECURSIVE)));
        }
        c.create("/root/later");
        assertThat(events.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }
}
