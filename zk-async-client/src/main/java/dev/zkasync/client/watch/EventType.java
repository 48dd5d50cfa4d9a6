package dev.zkasync.client.watch;


/** What a {@link WatchedEvent} reports. */
public enum EventType {
    /** No node change: the session's state changed (the watch may have missed events). */
    NONE(-1),
    CREATED(1),
    DELETED(2),
    CHANGED(3),
    CHILD(4),
    DATA_WATCH_REMOVED(5),
    CHILD_WATCH_REMOVED(6),
    PERSISTENT_WATCH_REMOVED(7);

    private final int wireValue;

    EventType(int wireValue) {
        this.wireValue = wireValue;
    }

    /** The value ZooKeeper uses on the wire. */
    public int wireValue() {
        return wireValue;
    }

    /** The type for a wire value, or {@code null} if unknown. */
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
