package dev.zkasync.client.exception;

/**
 * {@code RECONFIGDISABLED} (-123): dynamic reconfiguration is disabled on the server.
 */
public final class ReconfigDisabledException extends ZooKeeperException {

    /**
     * Creates the exception with the standard message.
     *
     * @param path the client path the request named, or null
     */
    public ReconfigDisabledException(String path) {
        this(path, null, null);
    }

    /**
     * Creates the exception with extra detail and a cause.
     *
     * @param path   the client path the request named, or null
     * @param detail extra context for the message, or null; never data or credentials
     * @param cause  the underlying cause, or null
     */
    public ReconfigDisabledException(String path, String detail, Throwable cause) {
        super(ErrorCode.RECONFIG_DISABLED, path, detail, cause);
    }
}
