package dev.zkasync.client.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * A node's data and stat, as {@code get} returns them (Kazoo's {@code (data, stat)} tuple).
 *
 * <p>Two values are equal when their data have the same bytes and their stats are equal; the
 * string form shows the data's length, never its bytes.
 *
 * @param data the data, or {@code null} if the node was created with null data
 * @param stat the node's stat
 */
public record NodeData(byte[] data, Stat stat) {
    @Override
    public boolean equals(Object o) {
        return o instanceof NodeData other && Arrays.equals(other.data, data) && Objects.equals(other.stat, stat);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(data) + Objects.hashCode(stat);
    }

    @Override
    public String toString() {
        return "NodeData[" + (data == null ? "null" : data.length + " bytes") + ", " + stat + "]";
    }
}
