package dev.zkasync.client.recipe;

import dev.zkasync.client.KazooClient;
import dev.zkasync.client.data.NodeData;
import dev.zkasync.client.exception.NoNodeException;
import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.test.ZooKeeperExtension;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/** CuratorCache's loads, which read the tree in multiReads, against a real server. */
class CuratorCacheLoadTest extends RecipeTestSupport {
    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.shared();

    @Override
    ZooKeeperExtension zk() {
        return zk;
    }

    /** {@code /root} and {@code levels} levels of {@code fanOut} children each, every node's data its path. */
    private static int createTree(KazooClient c, int levels, int fanOut) throws Exception {
        c.create("/root", bytes("/root"));
        List<String> parents = List.of("/root");
        int nodes = 1;
        for (int level = 0; level < levels; level++) {
            List<String> next = new ArrayList<>();
            List<AsyncResult<?>> creates = new ArrayList<>();
            for (String parent : parents) {
                for (int i = 0; i < fanOut; i++) {
                    String path = parent + "/n" + i;
                    next.add(path);
                    creates.add(c.createAsync(path, bytes(path)));
                }
            }
            for (AsyncResult<?> created : creates) {
                created.get(WAIT);
            }
            nodes += next.size();
            parents = next;
        }
        return nodes;
    }

    /** The server's tree under {@code path}: path to data. */
    private static Map<String, String> serverTree(KazooClient c, String path) {
        Map<String, String> tree = new TreeMap<>();
        tree.put(path, string(c.get(path).data()));
        for (String child : c.getChildren(path)) {
            tree.putAll(serverTree(c, path + "/" + child));
        }
        return tree;
    }

    /** The cache's tree under {@code path}: path to data. */
    private static Map<String, String> cachedTree(CuratorCache cache, String path) {
        Map<String, String> tree = new TreeMap<>();
        CachedNode node = cache.getData(path);
        if (node == null) {
            return tree;
        }
        tree.put(path, string(node.data()));
        for (String child : cache.getChildren(path)) {
            tree.putAll(cachedTree(cache, path + "/" + child));
        }
        return tree;
    }

    @Test
    void aLoadReadsTheWholeTreeInFewMultiReads() throws Exception {
        KazooClient c = client();
        int nodes = createTree(c, 3, 6);
        CuratorCache cache = track(new CuratorCache(c, "/root"));
        cache.start().get(WAIT);

        assertThat(cache.size()).isEqualTo(nodes);
        assertThat(cachedTree(cache, "/root")).isEqualTo(serverTree(c, "/root"));
        long[] sent = cache.reads.sent();
        int parents = 1 + 6 + 36;
        assertThat(sent[1]).as("a getData per node, a getChildren per parent").isEqualTo(nodes + parents);
        assertThat(sent[0] * 4).as("batches of %s reads", sent[1]).isLessThan(sent[1]);
    }

    @Test
    void nodesDeletedAndCreatedDuringTheLoadEndUpAsOnTheServer() throws Exception {
        KazooClient c = client();
        createTree(c, 3, 6);
        KazooClient writer = client();
        CuratorCache cache = track(new CuratorCache(c, "/root"));
        AtomicInteger removedWithoutAdd = new AtomicInteger();
        Map<String, Boolean> present = new ConcurrentHashMap<>();
        cache.listen(e -> {
            if (e.type() == TreeEvent.Type.NODE_ADDED) {
                present.put(e.node().path(), true);
            } else if (e.type() == TreeEvent.Type.NODE_REMOVED && present.remove(e.node().path()) == null) {
                removedWithoutAdd.incrementAndGet();
            }
        });
        AsyncResult<Void> loaded = cache.start();
        List<AsyncResult<?>> writes = new ArrayList<>();
        writes.add(writer.deleteAsync("/root/n2", -1, true));
        for (int i = 0; i < 6; i++) {
            writes.add(writer.deleteAsync("/root/n4/n" + i, -1, true));
            writes.add(writer.createAsync("/root/n5/new" + i, bytes("new" + i)));
            writes.add(writer.setAsync("/root/n1/n" + i, bytes("changed" + i)));
        }
        writes.add(writer.createAsync("/root/n6", bytes("n6")));
        for (AsyncResult<?> w : writes) {
            w.get(WAIT);
        }
        loaded.get(WAIT);

        Map<String, String> server = serverTree(c, "/root");
        await("the cache matches the server", () -> cachedTree(cache, "/root").equals(server));
        assertThat(cache.size()).isEqualTo(server.size());
        assertThat(present.keySet()).isEqualTo(server.keySet());
        assertThat(removedWithoutAdd).as("removals of nodes never added").hasValue(0);
    }

    @Test
    void aMissingNodeFailsOnlyItsOwnReadInsideAMulti() throws Exception {
        KazooClient c = client();
        c.create("/root", bytes("r"));
        c.create("/root/a", bytes("a"));
        c.create("/root/b", bytes("b"));
        CuratorCache cache = new CuratorCache(c, "/root"); // not started: only its reads are used
        CompletableFuture<Object> a = new CompletableFuture<>();
        CompletableFuture<Object> gone = new CompletableFuture<>();
        CompletableFuture<Object> children = new CompletableFuture<>();
        cache.reads.getData("/root/a", into(a));
        cache.reads.getData("/root/gone", into(gone));
        cache.reads.getChildren("/root", 2, into(children));
        cache.reads.flush();

        assertThat(string(((NodeData) a.get(30, TimeUnit.SECONDS)).data())).isEqualTo("a");
        assertThat(gone.get(30, TimeUnit.SECONDS)).isInstanceOf(NoNodeException.class);
        assertThat(children.get(30, TimeUnit.SECONDS)).asInstanceOf(InstanceOfAssertFactories.LIST)
                .containsExactlyInAnyOrder("a", "b");
        assertThat(cache.reads.sent()).as("one multiRead of three reads").containsExactly(1, 3);
    }

    private static <T> BiConsumer<T, Throwable> into(CompletableFuture<Object> f) {
        return (value, error) -> f.complete(error != null ? error : value);
    }

    @Test
    void repliesOverTheFrameLimitAreSplitUntilTheyFit() throws Exception {
        KazooClient writer = client();
        writer.create("/root", bytes("r"));
        byte[] big = new byte[3000];
        for (int i = 0; i < 24; i++) {
            Arrays.fill(big, (byte) ('a' + i));
            writer.create("/root/c" + i, big);
        }
        // 8 siblings' data (the first batch's size) are 24 KB, over this client's limit.
        KazooClient c = started(builder(zk.connectString()).maxFrameSize(16 * 1024));
        List<KazooState> states = new ArrayList<>();
        c.addListener(s -> {
            synchronized (states) {
                states.add(s);
            }
        });
        CuratorCache cache = track(new CuratorCache(c, "/root"));
        Map<String, Integer> added = new ConcurrentHashMap<>();
        cache.listen(e -> {
            if (e.type() == TreeEvent.Type.NODE_ADDED) {
                added.merge(e.node().path(), 1, Integer::sum);
            }
        });
        cache.start().get(WAIT);

        assertThat(cache.size()).isEqualTo(25);
        for (int i = 0; i < 24; i++) {
            Arrays.fill(big, (byte) ('a' + i));
            assertThat(cache.getData("/root/c" + i).data()).isEqualTo(big);
        }
        assertThat(added).hasSize(25).allSatisfy((path, times) -> assertThat(times).as(path).isOne());
        assertThat(cache.reads.ceiling()).as("a batch was split").isLessThan(CoalescedReads.START_READS);
        synchronized (states) {
            assertThat(states).as("the overflow dropped the connection once or more").contains(KazooState.SUSPENDED);
        }
        await("connected again", () -> c.state() == KazooState.CONNECTED);
    }
}
