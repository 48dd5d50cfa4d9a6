package dev.zkasync.client.recipe;

import dev.zkasync.client.KazooClient;

/**
 * Kazoo's {@code ReadLock}: the shared side of a read/write lock. Readers hold the lock together;
 * a reader waits only for {@link WriteLock} holders and writers queued before it (fair: a writer
 * queued first keeps later readers out). Nodes are {@code <uuid>__rlock__<seq>}, as in Kazoo, so
 * Kazoo processes share the lock. See {@link Lock} for the behaviour under faults.
 */
public final class ReadLock extends Lock {

    /**
     * A reader of the lock at {@code path}, with an empty identifier.
     *
     * @param client the client the recipe uses; the caller starts and stops it
     * @param path the lock node
     */
    public ReadLock(KazooClient client, String path) {
        this(client, path, null);
    }

    /**
     * A reader of the lock at {@code path}.
     *
     * @param client the client the recipe uses; the caller starts and stops it
     * @param path the lock node
     * @param identifier stored in this contender's node
     */
    public ReadLock(KazooClient client, String path, String identifier) {
        super(client, path, identifier, Layout.KAZOO, READ_LOCK_NAME, LOCK_NAME);
    }
}
