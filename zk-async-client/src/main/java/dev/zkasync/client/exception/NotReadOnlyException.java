package dev.zkasync.client.exception;

/**
 * {@code NOTREADONLY} (-119): a write was sent to a server in read-only mode.
 */
public final class NotReadOnlyException extends ZooKeeperException {

    /**
     * Creates the exception with the standard message.
     *
     * @param path the client path the request named, or null
     */
    public NotReadOnlyException(String path) {
        this(path, null, null);
    }

    /**
     * Creates the exception with extra detail and a cause.
     *
     * @param path   the client path the request named, or null
     * @param detail extra context for the message, or null; never data or credentials
     * @param cause  the underlying cause, or null
     */
    public NotReadOnlyException(String path, String detail, Throwable cause) {
        super(ErrorCode.NOT_READONLY, path, detail, cause);
    }
}
