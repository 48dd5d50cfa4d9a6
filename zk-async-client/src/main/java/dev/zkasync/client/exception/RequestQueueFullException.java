package dev.zkasync.client.exception;

import java.util.Locale;

/**
 * Too many requests are already waiting for a reply or for a connection, so a new one was refused
 * rather than queued without bound.
 */
public final class RequestQueueFullException extends KazooException {

    /** The bound on queued requests. */
    private final int limit;

    /**
     * Creates the exception.
     *
     * @param limit the number of waiting requests allowed (the builder's {@code maxQueuedRequests})
     */
    public RequestQueueFullException(int limit) {
        super(String.format(Locale.ROOT,
                "too many requests waiting: the limit is %,d (builder setting maxQueuedRequests)", limit));
        this.limit = limit;
    }

    /**
     * Returns the number of waiting requests allowed.
     *
     * @return the number of waiting requests allowed
     */
    public int limit() {
        return limit;
    }
}
