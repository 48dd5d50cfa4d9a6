package dev.zkasync.client.exception;

/**
 * {@code REQUESTTIMEOUT} (-122): the request got no reply in time; it may or may not have been applied.
 */
public final class RequestTimeoutException extends ZooKeeperException {

    /**
     * Creates the exception with the standard message.
     *
     * @param path the client path the request named, or null
     */
    public RequestTimeoutException(String path) {
        this(path, null, null);
    }

    /**
     * Creates the exception with extra detail and a cause.
     *
     * @param path   the client path the request named, or null
     * @param detail extra context for the message, or null; never data or credentials
     * @param cause  the underlying cause, or null
     */
    public RequestTimeoutException(String path, String detail, Throwable cause) {
        super(ErrorCode.REQUEST_TIMEOUT, path, detail, cause);
    }
}
