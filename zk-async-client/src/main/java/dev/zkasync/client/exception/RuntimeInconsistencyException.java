package dev.zkasync.client.exception;

/**
 * {@code RUNTIMEINCONSISTENCY} (-2): the server found a runtime inconsistency.
 */
public final class RuntimeInconsistencyException extends ZooKeeperException {

    /**
     * Creates the exception with the standard message.
     *
     * @param path the client path the request named, or null
     */
    public RuntimeInconsistencyException(String path) {
        this(path, null, null);
    }

    /**
     * Creates the exception with extra detail and a cause.
     *
     * @param path   the client path the request named, or null
     * @param detail extra context for the message, or null; never data or credentials
     * @param cause  the underlying cause, or null
     */
    public RuntimeInconsistencyException(String path, String detail, Throwable cause) {
        super(ErrorCode.RUNTIME_INCONSISTENCY, path, detail, cause);
    }
}
