package dev.zkasync.client.exception;

/**
 * A wait timed out, for example {@code AsyncResult.get(Duration)} or {@code start(Duration)}. The
 * operation waited for may still complete later.
 */
public class KazooTimeoutException extends KazooException {

    /**
     * Creates the exception.
     *
     * @param message what timed out, and after how long
     */
    public KazooTimeoutException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what timed out, and after how long
     * @param cause   the underlying cause, or null
     */
    public KazooTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
