package dev.zkasync.client.exception;

/**
 * {@code NOTEMPTY} (-111): the node has children, so it cannot be deleted.
 */
public final class NotEmptyException extends ZooKeeperException {

    /**
     * Creates the exception with the standard message.
     *
     * @param path the client path the request named, or null
     */
    public NotEmptyException(String path) {
        this(path, null, null);
    }

    /**
     * Creates the exception with extra detail and a cause.
     *
     * @param path   the client path the request named, or null
     * @param detail extra context for the message, or null; never data or credentials
     * @param cause  the underlying cause, or null
     */
    public NotEmptyException(String path, String detail, Throwable cause) {
        super(ErrorCode.NOT_EMPTY, path, detail, cause);
    }
}
