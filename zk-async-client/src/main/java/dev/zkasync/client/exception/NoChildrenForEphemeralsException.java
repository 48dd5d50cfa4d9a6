package dev.zkasync.client.exception;

/**
 * {@code NOCHILDRENFOREPHEMERALS} (-108): ephemeral nodes may not have children.
 */
public final class NoChildrenForEphemeralsException extends ZooKeeperException {

    /**
     * Creates the exception with the standard message.
     *
     * @param path the client path the request named, or null
     */
    public NoChildrenForEphemeralsException(String path) {
        this(path, null, null);
    }

    /**
     * Creates the exception with extra detail and a cause.
     *
     * @param path   the client path the request named, or null
     * @param detail extra context for the message, or null; never data or credentials
     * @param cause  the underlying cause, or null
     */
    public NoChildrenForEphemeralsException(String path, String detail, Throwable cause) {
        super(ErrorCode.NO_CHILDREN_FOR_EPHEMERALS, path, detail, cause);
    }
}
