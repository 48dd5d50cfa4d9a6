package dev.zkasync.client.exception;

/**
 * {@code SESSIONEXPIRED} (-112): the session expired, so its ephemeral nodes and watches are gone.
 * {@link ConnectionClosedException} is the case where the client itself was closed.
 */
public class SessionExpiredException extends ZooKeeperException {

    /**
     * Creates the exception with the standard message.
     *
     * @param path the client path the request named, or null
     */
    public SessionExpiredException(String path) {
        this(path, null, null);
    }

    /**
     * Creates the exception with extra detail and a cause.
     *
     * @param path   the client path the request named, or null
     * @param detail extra context for the message, or null; never data or credentials
     * @param cause  the underlying cause, or null
     */
    public SessionExpiredException(String path, String detail, Throwable cause) {
        super(ErrorCode.SESSION_EXPIRED, path, detail, cause);
    }

    // For ConnectionClosedException, whose message should not say the session expired.
    SessionExpiredException(Throwable cause, String path, String message) {
        super(ErrorCode.SESSION_EXPIRED, ErrorCode.SESSION_EXPIRED.intValue(), path, cause, message);
    }
}
