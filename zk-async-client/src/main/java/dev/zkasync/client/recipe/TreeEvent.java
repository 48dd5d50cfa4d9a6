package dev.zkasync.client.recipe;

/**
 * What a {@link TreeCache} or {@link CuratorCache} tells its listeners (Kazoo's {@code TreeEvent}).
 *
 * @param type what happened
 * @param node the node concerned (for {@code NODE_REMOVED} its last cached state), or null for the
 *             connection and {@code INITIALIZED} events
 */
public record TreeEvent(Type type, CachedNode node) {

    /** Kazoo's event types, with their order. */
    public enum Type {
        /** A node is in the tree: present at start, or created since. */
        NODE_ADDED,
        /** A node's data or stat changed. */
        NODE_UPDATED,
        /** A node left the tree. */
        NODE_REMOVED,
        /** The connection dropped; the cache may be stale until it reconnects. */
        CONNECTION_SUSPENDED,
        /** The client reconnected; the cache catches up. */
        CONNECTION_RECONNECTED,
        /** The session was lost. */
        CONNECTION_LOST,
        /** The initial load is complete: every node present at start has been reported. */
        INITIALIZED
    }

    static TreeEvent of(Type type) {
        return new TreeEvent(type, null);
    }
}
