package dev.zkasync.client.exception;

/**
 * {@code INVALIDCALLBACK} (-113): invalid callback.
 */
public final class InvalidCallbackException extends ZooKeeperException {

    /**
     * Creates the exception with the standard message.
     *
     * @param path the client path the request named, or null
     */
    public InvalidCallbackException(String path) {
        this(path, null, null);
    }

    /**
     * Creates the exception with extra detail and a cause.
     *
     * @param path   the client path the request named, or null
     * @param detail extra context for the message, or null; never data or credentials
     * @param cause  the underlying cause, or null
     */
    public InvalidCallbackException(String path, String detail, Throwable cause) {
        super(ErrorCode.INVALID_CALLBACK, path, detail, cause);
    }
}
