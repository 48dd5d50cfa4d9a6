package dev.zkasync.benchmarks.scale;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ZnodeTreeTest {

    @Test
    void aHundredThousandNodesFillTenLevelsWithEveryParentBeforeItsChildren() {
        ZnodeTree tree = new ZnodeTree("/t", 100_000);

        assertThat(tree.levels()).isEqualTo(ZnodeTree.LEVELS);
        assertThat(tree.path(1)).isEqualTo("/t/n1");
        assertThat(tree.path(5)).isEqualTo("/t/n1/n5"); // fan-out 4: nodes 5-8 are node 1's children
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < tree.size(); i++) {
            index.put(tree.path(i), i);
        }
        for (int i = 1; i < tree.size(); i++) {
            String path = tree.path(i);
            Integer parent = index.get(path.substring(0, path.lastIndexOf('/')));
            assertThat(parent).as("parent of %s", path).isNotNull().isLessThan(i);
        }
    }

    @Test
    void aSmallTreeIsShallower() {
        ZnodeTree tree = new ZnodeTree("/a/b", 300);

        assertThat(tree.root()).isEqualTo("/a/b");
        assertThat(tree.levels()).isLessThanOrEqualTo(ZnodeTree.LEVELS);
        assertThat(tree.path(299)).startsWith("/a/b/n1/");
    }
}
