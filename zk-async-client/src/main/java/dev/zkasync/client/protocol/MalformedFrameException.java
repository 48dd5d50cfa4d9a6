package dev.zkasync.client.protocol;

/**
 * A reply that cannot be decoded: a length that points past the frame, a negative count, a record
 * cut short. The connection that carried it can no longer be trusted and is dropped.
 */
public final class MalformedFrameException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedFrameException(String message) {
        super(message, null, false, false);
    }
}
