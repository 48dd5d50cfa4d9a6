package dev.zkasync.client.watch;


/** What a {@link WatchedEvent} reports. */
public enum EventType {
    /** No node change: the session's state changed (the watch may have missed events). */
    NONE(-1),
    /** The node was created. */
    CREATED(1),
    /** The node was deleted. */
    DELETED(2),
    /** The node's data changed. */
    CHANGED(3),
    /** A child was added or removed. */
    CHILD(4),
    /** A data or exist watch was removed. */
    DATA_WATCH_REMOVED(5),
    /** A child watch was removed. */
    CHILD_WATCH_REMOVED(6),
    /** A persistent watch was removed. */
    PERSISTENT_WATCH_REMOVED(7);

    private final int wireValue;

    EventType(int wireValue) {
        this.wireValue = wireValue;
    }

    /** {@return the value ZooKeeper uses on the wire} */
    public int wireValue() {
        return wireValue;
    }

    /**
     * {@return the type for a wire value, or {@code null} if unknown}
     *
     * @param value the wire value
     */
    public static EventType fromWire(int value) {
        return switch (value) {
            case -1 -> NONE;
            case 1 -> CREATED;
            case 2 -> DELETED;
            case 3 -> CHANGED;
            case 4 -> CHILD;
            case 5 -> DATA_WATCH_REMOVED;
            case 6 -> CHILD_WATCH_REMOVED;
            case 7 -> PERSISTENT_WATCH_REMOVED;
            default -> null;
        };
    }
}
