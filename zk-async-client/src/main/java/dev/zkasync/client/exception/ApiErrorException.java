package dev.zkasync.client.exception;

/**
 * {@code APIERROR} (-100): a generic API error.
 */
public final class ApiErrorException extends ZooKeeperException {

    /**
     * Creates the exception with the standard message.
     *
     * @param path the client path the request named, or null
     */
    public ApiErrorException(String path) {
        this(path, null, null);
    }

    /**
     * Creates the exception with extra detail and a cause.
     *
     * @param path   the client path the request named, or null
     * @param detail extra context for the message, or null; never data or credentials
     * @param cause  the underlying cause, or null
     */
    public ApiErrorException(String path, String detail, Throwable cause) {
        super(ErrorCode.API_ERROR, path, detail, cause);
    }
}
