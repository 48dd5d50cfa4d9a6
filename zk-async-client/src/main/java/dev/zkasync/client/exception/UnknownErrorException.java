package dev.zkasync.client.exception;

/**
 * An error code that {@link ErrorCode} does not know, for example one added by a newer server.
 * {@link #code()} is {@link ErrorCode#UNKNOWN}; {@link #intCode()} is the value the server sent.
 * The message reads {@code "UNKNOWN(-999) for /a"}.
 */
public final class UnknownErrorException extends ZooKeeperException {

    /**
     * Creates the exception.
     *
     * @param intCode the raw code from the reply
     * @param path    the client path the request named, or null
     */
    public UnknownErrorException(int intCode, String path) {
        this(intCode, path, null, null);
    }

    /**
     * Creates the exception with extra detail and a cause.
     *
     * @param intCode the raw code from the reply
     * @param path    the client path the request named, or null
     * @param detail  extra context for the message, or null; never data or credentials
     * @param cause   the underlying cause, or null
     */
    public UnknownErrorException(int intCode, String path, String detail, Throwable cause) {
        super(ErrorCode.UNKNOWN, intCode, path, cause, message("UNKNOWN(" + intCode + ")", path, detail));
    }
}
