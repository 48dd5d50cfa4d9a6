package dev.zkasync.client.exception;

/**
 * {@code OPERATIONTIMEOUT} (-7): the operation timed out on the server.
 */
public final class OperationTimeoutException extends ZooKeeperException {

    /**
     * Creates the exception with the standard message.
     *
     * @param path the client path the request named, or null
     */
    public OperationTimeoutException(String path) {
        this(path, null, null);
    }

    /**
     * Creates the exception with extra detail and a cause.
     *
     * @param path   the client path the request named, or null
     * @param detail extra context for the message, or null; never data or credentials
     * @param cause  the underlying cause, or null
     */
    public OperationTimeoutException(String path, String detail, Throwable cause) {
        super(ErrorCode.OPERATION_TIMEOUT, path, detail, cause);
    }
}
