package dev.zkasync.client.exception;

/**
 * {@code SYSTEMERROR} (-1): a generic error inside the server.
 */
public final class SystemErrorException extends ZooKeeperException {

    /**
     * Creates the exception with the standard message.
     *
     * @param path the client path the request named, or null
     */
    public SystemErrorException(String path) {
        this(path, null, null);
    }

    /**
     * Creates the exception with extra detail and a cause.
     *
     * @param path   the client path the request named, or null
     * @param detail extra context for the message, or null; never data or credentials
     * @param cause  the underlying cause, or null
     */
    public SystemErrorException(String path, String detail, Throwable cause) {
        super(ErrorCode.SYSTEM_ERROR, path, detail, cause);
    }
}
