package dev.zkasync.client.exception;

/**
 * {@code DATAINCONSISTENCY} (-3): the server found a data inconsistency.
 */
public final class DataInconsistencyException extends ZooKeeperException {

    /**
     * Creates the exception with the standard message.
     *
     * @param path the client path the request named, or null
     */
    public DataInconsistencyException(String path) {
        this(path, null, null);
    }

    /**
     * Creates the exception with extra detail and a cause.
     *
     * @param path   the client path the request named, or null
     * @param detail extra context for the message, or null; never data or credentials
     * @param cause  the underlying cause, or null
     */
    public DataInconsistencyException(String path, String detail, Throwable cause) {
        super(ErrorCode.DATA_INCONSISTENCY, path, detail, cause);
    }
}
