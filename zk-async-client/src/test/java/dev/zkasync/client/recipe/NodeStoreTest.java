package dev.zkasync.client.recipe;

import dev.zkasync.client.data.NodeData;
import dev.zkasync.client.data.Stat;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The cache's compact node store, without a server. */
class NodeStoreTest {

    private static Stat stat(long czxid, long mzxid, int version) {
        return new Stat(czxid, mzxid, 1_733_000_000_000L, 1_733_000_000_123L, version, 3, 0,
                0x1234_5678_9abc_def0L, 5, 2, czxid + 7);
    }

    private static NodeData data(String text, Stat stat) {
        return new NodeData(text == null ? null : text.getBytes(StandardCharsets.UTF_8), stat);
    }

    /** A store of the tree at /r, holding /r. */
    private static NodeStore rooted() {
        NodeStore store = new NodeStore("/r");
        store.add(null, "/r", data("x", stat(1, 1, 0)));
        return store;
    }

    /** Adds {@code path} with its name as data. */
    private static NodeStore.Node child(NodeStore store, NodeStore.Node parent, String path) {
        return store.add(parent, path, data(path.substring(path.lastIndexOf('/') + 1), stat(2, 2, 0)));
    }

    @Test
    void theRootAndItsChildrenAreFoundByPath() {
        NodeStore store = new NodeStore("/app");
        assertThat(store.find("/app")).isNull();
        NodeStore.Node root = store.add(null, "/app", data("r", stat(1, 1, 0)));
        NodeStore.Node a = store.add(root, "/app/a", data("a", stat(2, 2, 0)));
        NodeStore.Node b = store.add(a, "/app/a/b", data("b", stat(3, 3, 0)));

        assertThat(store.find("/app")).isSameAs(root);
        assertThat(store.find("/app/a")).isSameAs(a);
        assertThat(store.find("/app/a/b")).isSameAs(b);
        assertThat(NodeStore.child(a, "/app/a/b")).isSameAs(b);
        assertThat(NodeStore.child(root, "/app/a/b")).isNull();
        assertThat(store.find("/app/a/c")).isNull();
        assertThat(store.find("/app/b")).isNull();
        assertThat(store.find("/ap")).isNull();
        assertThat(store.find("/application")).isNull();
        assertThat(store.find("/app/a/")).isNull();
        assertThat(store.find("/app//a")).isNull();
        assertThat(store.size()).isEqualTo(3);
        assertThat(store.paths()).containsExactly("/app", "/app/a", "/app/a/b");
    }

    @Test
    void aRootOfSlashHoldsTheWholeTree() {
        NodeStore store = new NodeStore("/");
        NodeStore.Node root = store.add(null, "/", data(null, stat(0, 0, 0)));
        NodeStore.Node z = store.add(root, "/zookeeper", data("", stat(0, 0, 0)));

        assertThat(store.find("/")).isSameAs(root);
        assertThat(store.find("/zookeeper")).isSameAs(z);
        assertThat(NodeStore.view("/", root).data()).isNull();
        assertThat(NodeStore.view("/zookeeper", z).data()).isEmpty();
        assertThat(store.paths()).containsExactly("/", "/zookeeper");
    }

    @Test
    void dataAndStatComeBackAsStored() {
        NodeStore store = new NodeStore("/r");
        Stat s = new Stat(Long.MAX_VALUE - 5, 42, -1, Long.MIN_VALUE, Integer.MAX_VALUE, -1, Integer.MIN_VALUE,
                -7, 0, 100_000, 0);
        NodeStore.Node root = store.add(null, "/r", data("x", stat(1, 1, 0)));
        NodeStore.Node n = store.add(root, "/r/é ü", new NodeData(new byte[] {0, -1, 127}, s));

        CachedNode view = NodeStore.view("/r/é ü", store.find("/r/é ü"));
        assertThat(view).isEqualTo(new CachedNode("/r/é ü", new byte[] {0, -1, 127}, s));
        assertThat(NodeStore.mzxid(n)).isEqualTo(42);
        assertThat(NodeStore.czxid(n)).isEqualTo(Long.MAX_VALUE - 5);
        assertThat(NodeStore.name(n)).isEqualTo("é ü");
        view.data()[0] = 9; // a copy: the store keeps its bytes
        assertThat(NodeStore.view("/r/é ü", n).data()).containsExactly(0, -1, 127);
    }

    @Test
    void anUpdateReplacesDataAndStatAndKeepsNameAndChildren() {
        NodeStore store = rooted();
        NodeStore.Node root = store.find("/r");
        NodeStore.Node a = store.add(root, "/r/a", data("old", stat(2, 2, 0)));
        child(store, a, "/r/a/k");

        store.set(a, data(null, stat(2, 9, 4)));

        assertThat(store.find("/r/a")).isSameAs(a);
        assertThat(NodeStore.view("/r/a", a)).isEqualTo(new CachedNode("/r/a", null, stat(2, 9, 4)));
        assertThat(NodeStore.mzxid(a)).isEqualTo(9);
        assertThat(NodeStore.childNames(a)).containsExactly("k");
        assertThat(store.find("/r/a/k")).isNotNull();
    }

    @Test
    void removingASubtreeReportsDescendantsFirstSiblingsInNameOrder() {
        NodeStore store = rooted();
        NodeStore.Node root = store.find("/r");
        NodeStore.Node b = child(store, root, "/r/b");
        child(store, b, "/r/b/z");
        NodeStore.Node a = child(store, b, "/r/b/a");
        child(store, a, "/r/b/a/1");
        child(store, root, "/r/c");

        List<String> removed = new ArrayList<>();
        store.remove("/r/b", b, n -> removed.add(n.path() + "=" + new String(n.data(), StandardCharsets.UTF_8)));

        assertThat(removed).containsExactly("/r/b/a/1=1", "/r/b/a=a", "/r/b/z=z", "/r/b=b");
        assertThat(store.size()).isEqualTo(2);
        assertThat(store.find("/r/b")).isNull();
        assertThat(store.find("/r/b/a")).isNull();
        assertThat(store.paths()).containsExactly("/r", "/r/c");

        List<String> all = new ArrayList<>();
        store.remove("/r", root, n -> all.add(n.path()));
        assertThat(all).containsExactly("/r/c", "/r");
        assertThat(store.size()).isZero();
        assertThat(store.find("/r")).isNull();
    }

    @Test
    void childrenComeInNameOrder() {
        NodeStore store = rooted();
        NodeStore.Node root = store.find("/r");
        for (String name : List.of("m", "b", "z", "a10", "a9")) {
            store.add(root, "/r/" + name, data(name, stat(2, 2, 0)));
        }
        assertThat(NodeStore.childNames(root)).containsExactly("a10", "a9", "b", "m", "z");
        assertThat(store.paths()).containsExactly("/r", "/r/a10", "/r/a9", "/r/b", "/r/m", "/r/z");
    }

    @Test
    void manyChildrenGoIntoATableThatSurvivesRandomRemovals() {
        NodeStore store = rooted();
        NodeStore.Node root = store.find("/r");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            names.add("n" + i);
            store.add(root, "/r/n" + i, data("v" + i, stat(2, 2, 0)));
        }
        Random random = new Random(11);
        while (names.size() > 2) {
            String name = names.remove(random.nextInt(names.size()));
            store.remove("/r/" + name, store.find("/r/" + name), n -> { });
            if (names.size() % 97 == 0 || names.size() < 2 * NodeStore.SMALL) {
                for (String left : names) {
                    assertThat(store.find("/r/" + left)).as(left).isNotNull();
                }
                assertThat(store.find("/r/" + name)).isNull();
                assertThat(NodeStore.childNames(root)).hasSize(names.size());
            }
        }
        assertThat(store.size()).isEqualTo(3);
        assertThat(NodeStore.childNames(root)).containsExactlyInAnyOrderElementsOf(names);
        assertThat(new String(NodeStore.view("/r/" + names.get(0), store.find("/r/" + names.get(0))).data(),
                StandardCharsets.UTF_8)).isEqualTo("v" + names.get(0).substring(1));
    }

    @Test
    void clearEmptiesTheStore() {
        NodeStore store = rooted();
        NodeStore.Node root = store.find("/r");
        child(store, root, "/r/a");
        store.clear();
        assertThat(store.size()).isZero();
        assertThat(store.find("/r")).isNull();
        assertThat(store.paths()).isEmpty();
    }
}
