package dev.zkasync.client.watch;


/** Which watches {@code removeWatches}, {@code removeAllWatches} and {@code checkWatches} address. */
public enum WatcherType {
    /** Child watches (getChildren). */
    CHILDREN(1),
    /** Data and exist watches (get, exists). */
    DATA(2),
    /** Children, data and exist watches (not persistent ones). */
    ANY(3),
    /** Persistent watches ({@link AddWatchMode#PERSISTENT}). */
    PERSISTENT(4),
    /** Persistent recursive watches ({@link AddWatchMode#PERSISTENT_RECURSIVE}). */
    PERSISTENT_RECURSIVE(5);

    private final int wireValue;

    WatcherType(int wireValue) {
        this.wireValue = wireValue;
    }

    /** {@return the value ZooKeeper uses on the wire} */
    public int wireValue() {
        return wireValue;
    }
}
