package dev.zkasync.client.recipe;

import dev.zkasync.client.data.Stat;

/**
 * A node as a {@link TreeCache} or {@link CuratorCache} holds it (Kazoo's cache {@code NodeData}).
 *
 * @param path the node's path
 * @param data its data (may be null)
 * @param stat its stat
 */
public record CachedNode(String path, byte[] data, Stat stat) {
    @Override
    public String toString() {
        return "CachedNode[" + path + ", " + (data == null ? "null" : data.length + " bytes") + ", version "
                + stat.version() + "]";
    }
}
