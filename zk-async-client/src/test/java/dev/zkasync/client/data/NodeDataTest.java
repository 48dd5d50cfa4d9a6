package dev.zkasync.client.data;

import dev.zkasync.client.recipe.CachedNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The records that hold bytes compare them by content and never print them. */
class NodeDataTest {

    private static final Stat STAT = new Stat(1, 2, 3, 4, 5, 6, 7, 0, 6, 0, 8);

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void nodeDataComparesTheBytes() {
        NodeData a = new NodeData(bytes("secret"), STAT);
        NodeData b = new NodeData(bytes("secret"), STAT);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new NodeData(bytes("secreT"), STAT));
        assertThat(a).isNotEqualTo(new NodeData(bytes("secret"), new Stat(1, 2, 3, 4, 6, 6, 7, 0, 6, 0, 8)));
        assertThat(a).isNotEqualTo(new NodeData(null, STAT));
        assertThat(new NodeData(null, STAT)).isEqualTo(new NodeData(null, STAT))
                .hasSameHashCodeAs(new NodeData(null, STAT));
        assertThat(new NodeData(null, STAT)).isNotEqualTo(new NodeData(new byte[0], STAT));
    }

    @Test
    void nodeDataPrintsTheLengthNotTheBytes() {
        assertThat(new NodeData(bytes("secret"), STAT).toString()).contains("6 bytes").doesNotContain("secret")
                .doesNotContain("[B@");
        assertThat(new NodeData(null, STAT).toString()).startsWith("NodeData[null");
    }

    @Test
    void cachedNodeComparesTheBytes() {
        CachedNode a = new CachedNode("/a", bytes("v"), STAT);
        assertThat(a).isEqualTo(new CachedNode("/a", bytes("v"), STAT))
                .hasSameHashCodeAs(new CachedNode("/a", bytes("v"), STAT));
        assertThat(a).isNotEqualTo(new CachedNode("/b", bytes("v"), STAT));
        assertThat(a).isNotEqualTo(new CachedNode("/a", bytes("w"), STAT));
        assertThat(a.toString()).contains("1 bytes").doesNotContain("[B@");
    }
}
