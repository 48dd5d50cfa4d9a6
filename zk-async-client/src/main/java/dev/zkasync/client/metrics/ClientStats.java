package dev.zkasync.client.metrics;

/**
 * The connection's counters and gauges, read without I/O or locks (values may be a moment stale).
 */
public interface ClientStats {

    /** Requests written and not yet answered. */
    int inFlightRequests();

    /** Requests submitted and not yet written (waiting for a connection or for in-flight room). */
    int queuedRequests();

    /** Connections established after the first one. */
    long reconnects();

    /** Sessions the server reported expired. */
    long sessionExpirations();

    /** Connections lost after a session was established on them. */
    long disconnects();

    /** Watch events handed to watchers (one per watcher fired). */
    long watchEventsDelivered();

    /** Bytes written to servers, frame headers included. */
    long bytesSent();

    /** Bytes read from servers, frame headers included. */
    long bytesReceived();

    /**
     * Times the client left a connection unread for a moment so that replies could gather and be
     * read together (see {@code KazooClientBuilder.replyBatchWindow}).
     */
    long readPauses();
}
