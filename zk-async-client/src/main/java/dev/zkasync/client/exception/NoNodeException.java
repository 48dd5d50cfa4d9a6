package dev.zkasync.client.exception;

/**
 * {@code NONODE} (-101): the node (or, for a create, its parent) does not exist.
 */
public final class NoNodeException extends ZooKeeperException {

    /**
     * Creates the exception with the standard message.
     *
     * @param path the client path the request named, or null
     */
    public NoNodeException(String path) {
        this(path, null, null);
    }

    /**
     * Creates the exception with extra detail and a cause.
     *
     * @param path   the client path the request named, or null
     * @param detail extra context for the message, or null; never data or credentials
     * @param cause  the underlying cause, or null
     */
    public NoNodeException(String path, String detail, Throwable cause) {
        super(ErrorCode.NO_NODE, path, detail, cause);
    }
}
