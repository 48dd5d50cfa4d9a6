package dev.zkasync.client.recipe;

import dev.zkasync.client.data.Stat;

import java.util.Arrays;
import java.util.Objects;

/**
 * A node as a {@link TreeCache} or {@link CuratorCache} holds it (Kazoo's cache {@code NodeData}).
 *
 * <p>Two values are equal when their paths, data bytes and stats are equal; the string form shows
 * the data's length, never its bytes.
 *
 * @param path the node's path
 * @param data its data (may be null)
 * @param stat its stat
 */
public record CachedNode(String path, byte[] data, Stat stat) {
    @Override
    public boolean equals(Object o) {
        return o instanceof CachedNode other && Objects.equals(other.path, path) && Arrays.equals(other.data, data)
                && Objects.equals(other.stat, stat);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, Arrays.hashCode(data), stat);
    }

    @Override
    public String toString() {
        return "CachedNode[" + path + ", " + (data == null ? "null" : data.length + " bytes") + ", version "
                + stat.version() + "]";
    }
}
