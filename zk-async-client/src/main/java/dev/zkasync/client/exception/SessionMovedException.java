package dev.zkasync.client.exception;

/**
 * {@code SESSIONMOVED} (-118): the session was moved to another server.
 */
public final class SessionMovedException extends ZooKeeperException {

    /**
     * Creates the exception with the standard message.
     *
     * @param path the client path the request named, or null
     */
    public SessionMovedException(String path) {
        this(path, null, null);
    }

    /**
     * Creates the exception with extra detail and a cause.
     *
     * @param path   the client path the request named, or null
     * @param detail extra context for the message, or null; never data or credentials
     * @param cause  the underlying cause, or null
     */
    public SessionMovedException(String path, String detail, Throwable cause) {
        super(ErrorCode.SESSION_MOVED, path, detail, cause);
    }
}
