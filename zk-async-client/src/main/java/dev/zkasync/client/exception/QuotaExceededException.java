package dev.zkasync.client.exception;

/**
 * {@code QUOTAEXCEEDED} (-125): the operation would exceed a hard quota.
 */
public final class QuotaExceededException extends ZooKeeperException {

    /**
     * Creates the exception with the standard message.
     *
     * @param path the client path the request named, or null
     */
    public QuotaExceededException(String path) {
        this(path, null, null);
    }

    /**
     * Creates the exception with extra detail and a cause.
     *
     * @param path   the client path the request named, or null
     * @param detail extra context for the message, or null; never data or credentials
     * @param cause  the underlying cause, or null
     */
    public QuotaExceededException(String path, String detail, Throwable cause) {
        super(ErrorCode.QUOTA_EXCEEDED, path, detail, cause);
    }
}
