package dev.zkasync.client.exception;

/**
 * {@code THROTTLEDOP} (-127): the server's request throttler dropped the operation; retry it with backoff.
 */
public final class ThrottledOpException extends ZooKeeperException {

    /**
     * Creates the exception with the standard message.
     *
     * @param path the client path the request named, or null
     */
    public ThrottledOpException(String path) {
        this(path, null, null);
    }

    /**
     * Creates the exception with extra detail and a cause.
     *
     * @param path   the client path the request named, or null
     * @param detail extra context for the message, or null; never data or credentials
     * @param cause  the underlying cause, or null
     */
    public ThrottledOpException(String path, String detail, Throwable cause) {
        super(ErrorCode.THROTTLED_OP, path, detail, cause);
    }
}
