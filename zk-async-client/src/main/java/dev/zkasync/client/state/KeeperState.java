package dev.zkasync.client.state;


/** The raw session state, finer than {@link KazooState}. */
public enum KeeperState {
    /** Looking for a server, or reconnecting. */
    CONNECTING,
    /** Connected to a read-write server. */
    CONNECTED,
    /** Connected to a read-only server: reads work, writes fail with {@code NotReadOnlyException}. */
    CONNECTED_RO,
    /** The server reported the session expired; a new session follows. */
    EXPIRED_SESSION,
    /** Authentication failed; the client stops connecting until it is restarted. */
    AUTH_FAILED,
    /** Not started, or stopped. */
    CLOSED;

    /** {@return whether this state means a live connection} */
    public boolean isConnected() {
        return this == CONNECTED || this == CONNECTED_RO;
    }

    /** {@return the ZooKeeper wire value of this state as carried by watch events} */
    public int wireValue() {
        return switch (this) {
            case CONNECTING -> 0;
            case CONNECTED -> 3;
            case CONNECTED_RO -> 5;
            case EXPIRED_SESSION -> -112;
            case AUTH_FAILED -> 4;
            case CLOSED -> 7;
        };
    }
}
