package dev.zkasync.client.exception;

/**
 * {@code REQUESTTIMEOUT} (-122): the request got no reply in time; it may or may not have been applied.
 *
 * <p>The server sends this code (for example when a quorum does not confirm a write in time).
 * When the client's own deadline for a request passes, the request fails with the subclass
 * {@link RequestDeadlineException} instead, so code that catches this type handles both, and code
 * that must tell them apart catches the subclass first.
 */
public sealed class RequestTimeoutException extends ZooKeeperException permits RequestDeadlineException {

    /**
     * Creates the exception with the standard message.
     *
     * @param path the client path the request named, or null
     */
    public RequestTimeoutException(String path) {
        this(path, (String) null, (Throwable) null);
    }

    /**
     * Creates the exception with extra detail and a cause.
     *
     * @param path   the client path the request named, or null
     * @param detail extra context for the message, or null; never data or credentials
     * @param cause  the underlying cause, or null
     */
    public RequestTimeoutException(String path, String detail, Throwable cause) {
        super(ErrorCode.REQUEST_TIMEOUT, path, detail, cause);
    }

    // For the client-side subclass, with its own wording.
    RequestTimeoutException(String path, Throwable cause, String message) {
        super(ErrorCode.REQUEST_TIMEOUT, ErrorCode.REQUEST_TIMEOUT.intValue(), path, cause, message);
    }
}
