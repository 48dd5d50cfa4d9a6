package dev.zkasync.client.exception;

/**
 * The client was stopped or closed, so the request was not (or will never be) answered. As in
 * Kazoo, this is a kind of {@link SessionExpiredException}: closing ends the session.
 */
public final class ConnectionClosedException extends SessionExpiredException {

    private static final String DEFAULT_DETAIL = "the client is closed";

    /**
     * Creates the exception with the standard message.
     *
     * @param path the client path the request named, or null
     */
    public ConnectionClosedException(String path) {
        this(path, null, null);
    }

    /**
     * Creates the exception with extra detail and a cause.
     *
     * @param path   the client path the request named, or null
     * @param detail extra context for the message, or null for a default; never data or credentials
     * @param cause  the underlying cause, or null
     */
    public ConnectionClosedException(String path, String detail, Throwable cause) {
        super(cause, path, message("CLOSED", path, detail == null ? DEFAULT_DETAIL : detail));
    }
}
