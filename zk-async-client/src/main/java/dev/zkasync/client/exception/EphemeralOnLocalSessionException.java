package dev.zkasync.client.exception;

/**
 * {@code EPHEMERALONLOCALSESSION} (-120): ephemeral nodes cannot be created by a local session.
 */
public final class EphemeralOnLocalSessionException extends ZooKeeperException {

    /**
     * Creates the exception with the standard message.
     *
     * @param path the client path the request named, or null
     */
    public EphemeralOnLocalSessionException(String path) {
        this(path, null, null);
    }

    /**
     * Creates the exception with extra detail and a cause.
     *
     * @param path   the client path the request named, or null
     * @param detail extra context for the message, or null; never data or credentials
     * @param cause  the underlying cause, or null
     */
    public EphemeralOnLocalSessionException(String path, String detail, Throwable cause) {
        super(ErrorCode.EPHEMERAL_ON_LOCAL_SESSION, path, detail, cause);
    }
}
