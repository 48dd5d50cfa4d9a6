package dev.zkasync.client.exception;

/**
 * {@code UNIMPLEMENTED} (-6): the server does not implement the operation.
 */
public final class UnimplementedException extends ZooKeeperException {

    /**
     * Creates the exception with the standard message.
     *
     * @param path the client path the request named, or null
     */
    public UnimplementedException(String path) {
        this(path, null, null);
    }

    /**
     * Creates the exception with extra detail and a cause.
     *
     * @param path   the client path the request named, or null
     * @param detail extra context for the message, or null; never data or credentials
     * @param cause  the underlying cause, or null
     */
    public UnimplementedException(String path, String detail, Throwable cause) {
        super(ErrorCode.UNIMPLEMENTED, path, detail, cause);
    }
}
