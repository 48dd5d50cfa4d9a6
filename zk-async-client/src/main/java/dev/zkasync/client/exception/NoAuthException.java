package dev.zkasync.client.exception;

/**
 * {@code NOAUTH} (-102): the node's ACL does not allow the operation for this session.
 */
public final class NoAuthException extends ZooKeeperException {

    /**
     * Creates the exception with the standard message.
     *
     * @param path the client path the request named, or null
     */
    public NoAuthException(String path) {
        this(path, null, null);
    }

    /**
     * Creates the exception with extra detail and a cause.
     *
     * @param path   the client path the request named, or null
     * @param detail extra context for the message, or null; never data or credentials
     * @param cause  the underlying cause, or null
     */
    public NoAuthException(String path, String detail, Throwable cause) {
        super(ErrorCode.NO_AUTH, path, detail, cause);
    }
}
