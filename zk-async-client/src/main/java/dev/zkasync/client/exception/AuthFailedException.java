package dev.zkasync.client.exception;

/**
 * {@code AUTHFAILED} (-115): authentication failed; this is fatal to the session.
 */
public final class AuthFailedException extends ZooKeeperException {

    /**
     * Creates the exception with the standard message.
     *
     * @param path the client path the request named, or null
     */
    public AuthFailedException(String path) {
        this(path, null, null);
    }

    /**
     * Creates the exception with extra detail and a cause.
     *
     * @param path   the client path the request named, or null
     * @param detail extra context for the message, or null; never data or credentials
     * @param cause  the underlying cause, or null
     */
    public AuthFailedException(String path, String detail, Throwable cause) {
        super(ErrorCode.AUTH_FAILED, path, detail, cause);
    }
}
