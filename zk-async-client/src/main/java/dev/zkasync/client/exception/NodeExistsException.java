package dev.zkasync.client.exception;

/**
 * {@code NODEEXISTS} (-110): the node already exists.
 */
public final class NodeExistsException extends ZooKeeperException {

    /**
     * Creates the exception with the standard message.
     *
     * @param path the client path the request named, or null
     */
    public NodeExistsException(String path) {
        this(path, null, null);
    }

    /**
     * Creates the exception with extra detail and a cause.
     *
     * @param path   the client path the request named, or null
     * @param detail extra context for the message, or null; never data or credentials
     * @param cause  the underlying cause, or null
     */
    public NodeExistsException(String path, String detail, Throwable cause) {
        super(ErrorCode.NODE_EXISTS, path, detail, cause);
    }
}
