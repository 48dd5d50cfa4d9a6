package dev.zkasync.client.exception;

/**
 * {@code UNKNOWNSESSION} (-12): the server does not know the session (normally server-internal).
 */
public final class UnknownSessionException extends ZooKeeperException {

    /**
     * Creates the exception with the standard message.
     *
     * @param path the client path the request named, or null
     */
    public UnknownSessionException(String path) {
        this(path, null, null);
    }

    /**
     * Creates the exception with extra detail and a cause.
     *
     * @param path   the client path the request named, or null
     * @param detail extra context for the message, or null; never data or credentials
     * @param cause  the underlying cause, or null
     */
    public UnknownSessionException(String path, String detail, Throwable cause) {
        super(ErrorCode.UNKNOWN_SESSION, path, detail, cause);
    }
}
