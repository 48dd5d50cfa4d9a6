package dev.zkasync.client.exception;

/**
 * {@code BADVERSION} (-103): the expected version does not match the node's current version.
 */
public final class BadVersionException extends ZooKeeperException {

    /**
     * Creates the exception with the standard message.
     *
     * @param path the client path the request named, or null
     */
    public BadVersionException(String path) {
        this(path, null, null);
    }

    /**
     * Creates the exception with extra detail and a cause.
     *
     * @param path   the client path the request named, or null
     * @param detail extra context for the message, or null; never data or credentials
     * @param cause  the underlying cause, or null
     */
    public BadVersionException(String path, String detail, Throwable cause) {
        super(ErrorCode.BAD_VERSION, path, detail, cause);
    }
}
