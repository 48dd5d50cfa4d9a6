package dev.zkasync.client.exception;

/**
 * Root of every exception the client throws for a failed operation, a closed client, a timeout or
 * a bad setting. Messages never contain node data, passwords or other credentials.
 */
public class KazooException extends RuntimeException {

    /**
     * Creates the exception.
     *
     * @param message what went wrong
     */
    public KazooException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what went wrong
     * @param cause   the underlying cause, or null
     */
    public KazooException(String message, Throwable cause) {
        super(message, cause);
    }
}
