package dev.zkasync.client.session;

/** Where a {@link Session} is in its life on the event loop; finer than the {@code KeeperState} users see. */
enum Phase {
    /** Not started, stopped, or given up. */
    IDLE,
    /** Resolving a host, or waiting for a TCP (and TLS) connection. */
    CONNECTING,
    /** ConnectRequest sent, its answer awaited. */
    HANDSHAKE,
    /** The SASL conversation runs; nothing else is sent. */
    SASL,
    /** The session's credentials are being replayed. */
    AUTHENTICATING,
    /** Requests flow. */
    CONNECTED,
    /** CloseSession sent, its answer awaited. */
    CLOSING
}
