package dev.zkasync.client.exception;

/**
 * {@code NEWCONFIGNOQUORUM} (-13): a reconfig was refused because the new configuration has no quorum.
 */
public final class NewConfigNoQuorumException extends ZooKeeperException {

    /**
     * Creates the exception with the standard message.
     *
     * @param path the client path the request named, or null
     */
    public NewConfigNoQuorumException(String path) {
        this(path, null, null);
    }

    /**
     * Creates the exception with extra detail and a cause.
     *
     * @param path   the client path the request named, or null
     * @param detail extra context for the message, or null; never data or credentials
     * @param cause  the underlying cause, or null
     */
    public NewConfigNoQuorumException(String path, String detail, Throwable cause) {
        super(ErrorCode.NEW_CONFIG_NO_QUORUM, path, detail, cause);
    }
}
