package dev.zkasync.client.watch;


/** The kind of a persistent watch ({@link dev.zkasync.client.KazooClient#addWatch}); ZooKeeper 3.6+. */
public enum AddWatchMode {
    /**
     * Fires for every change to the node itself (created, changed, deleted, children changed) and
     * stays registered; does not fire for descendants.
     */
    PERSISTENT(0),
    /**
     * Fires for the node and every descendant when created, changed or deleted; never for
     * children-changed (a child's creation is reported as its own CREATED). Stays registered.
     */
    PERSISTENT_RECURSIVE(1);

    private final int wireValue;

    AddWatchMode(int wireValue) {
        this.wireValue = wireValue;
    }

    /** {@return the value ZooKeeper uses on the wire} */
    public int wireValue() {
        return wireValue;
    }

    /** {@return the {@link WatcherType} that names watches of this mode in remove/check calls} */
    public WatcherType watcherType() {
        return this == PERSISTENT ? WatcherType.PERSISTENT : WatcherType.PERSISTENT_RECURSIVE;
    }
}
