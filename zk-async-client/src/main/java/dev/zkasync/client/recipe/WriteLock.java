package dev.zkasync.client.recipe;

import dev.zkasync.client.KazooClient;

/**
 * Kazoo's {@code WriteLock}: the exclusive side of a read/write lock; it waits for every
 * {@link ReadLock} and {@code WriteLock} contender queued before it. Nodes are
 * {@code <uuid>__lock__<seq>}, as in Kazoo (a plain Kazoo-layout {@link Lock} on the same path is a
 * writer too). See {@link Lock} for the behaviour under faults.
 */
public final class WriteLock extends Lock {

    /**
     * A writer of the lock at {@code path}, with an empty identifier.
     *
     * @param client the client the recipe uses; the caller starts and stops it
     * @param path the lock node
     */
    public WriteLock(KazooClient client, String path) {
        this(client, path, null);
    }

    /**
     * A writer of the lock at {@code path}.
     *
     * @param client the client the recipe uses; the caller starts and stops it
     * @param path the lock node
     * @param identifier stored in this contender's node
     */
    public WriteLock(KazooClient client, String path, String identifier) {
        super(client, path, identifier, Layout.KAZOO, LOCK_NAME, LOCK_NAME + "|" + READ_LOCK_NAME);
    }
}
