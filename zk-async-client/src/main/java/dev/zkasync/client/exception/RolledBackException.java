package dev.zkasync.client.exception;

/**
 * Code {@code OK} (0) in the result of a failed transaction: this operation was fine but was
 * rolled back because another operation in the same transaction failed.
 */
public final class RolledBackException extends ZooKeeperException {

    private static final String DEFAULT_DETAIL = "rolled back because another operation in the transaction failed";

    /**
     * Creates the exception with the standard message.
     *
     * @param path the client path of the rolled-back operation, or null
     */
    public RolledBackException(String path) {
        this(path, null, null);
    }

    /**
     * Creates the exception with extra detail and a cause.
     *
     * @param path   the client path of the rolled-back operation, or null
     * @param detail extra context for the message, or null for a default; never data or credentials
     * @param cause  the underlying cause, or null
     */
    public RolledBackException(String path, String detail, Throwable cause) {
        super(ErrorCode.OK, path, detail == null ? DEFAULT_DETAIL : detail, cause);
    }
}
