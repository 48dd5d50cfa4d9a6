package dev.zkasync.client.exception;

/**
 * {@code RECONFIGINPROGRESS} (-14): another reconfig is in progress.
 */
public final class ReconfigInProgressException extends ZooKeeperException {

    /**
     * Creates the exception with the standard message.
     *
     * @param path the client path the request named, or null
     */
    public ReconfigInProgressException(String path) {
        this(path, null, null);
    }

    /**
     * Creates the exception with extra detail and a cause.
     *
     * @param path   the client path the request named, or null
     * @param detail extra context for the message, or null; never data or credentials
     * @param cause  the underlying cause, or null
     */
    public ReconfigInProgressException(String path, String detail, Throwable cause) {
        super(ErrorCode.RECONFIG_IN_PROGRESS, path, detail, cause);
    }
}
