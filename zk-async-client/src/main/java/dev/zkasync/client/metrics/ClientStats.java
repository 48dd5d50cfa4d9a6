package dev.zkasync.client.metrics;

/** The connection's counters and gauges, read without I/O or locks (values may be a moment stale). */
public interface ClientStats {

    /** {@return requests written and not yet answered} */
    int inFlightRequests();

    /** {@return requests submitted and not yet written (waiting for a connection or for in-flight room)} */
    int queuedRequests();

    /** {@return connections established after the first one} */
    long reconnects();

    /** {@return sessions the server reported expired} */
    long sessionExpirations();

    /** {@return connections lost after a session was established on them} */
    long disconnects();

    /** {@return watch events handed to watchers (one per watcher fired)} */
    long watchEventsDelivered();

    /** {@return bytes written to servers, frame headers included} */
    long bytesSent();

    /** {@return bytes read from servers, frame headers included} */
    long bytesReceived();

    /**
     * {@return times the client left a connection unread for a moment so that replies could gather and be
     * read together (see {@code KazooClientBuilder.replyBatchWindow})}
     */
    long readPauses();
}
