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
        NODE_ADDED,
        NODE_UPDATED,
        NODE_REMOVED,
        CONNECTION_SUSPENDED,
        CONNECTION_RECONNECTED,
        CONNECTION_LOST,
        /** The initial load is complete: every node present at start has been reported. */
        INITIALIZED
    }

    static TreeEvent of(Type type) {
        return new TreeEvent(type, null);
    }
}
