package dev.zkasync.client.state;


/**
 * The simplified connection state listeners see, as in Kazoo.
 *
 * <ul>
 *   <li>{@link #CONNECTED}: the session is live (read-write or read-only; see {@link KeeperState}).</li>
 *   <li>{@link #SUSPENDED}: the connection dropped; the session may still be alive and the client is
 *       reconnecting. Requests issued now wait for the reconnect (within their deadline).</li>
 *   <li>{@link #LOST}: the session is gone (expired, closed, or authentication failed). Ephemeral
 *       nodes and one-shot watches of that session are gone; after an expiry the client connects
 *       with a new session by itself.</li>
 * </ul>
 */
public enum KazooState {
    /** The session is live. */
    CONNECTED,
    /** The connection dropped; the session may still be alive and the client is reconnecting. */
    SUSPENDED,
    /** The session is gone. */
    LOST
}
