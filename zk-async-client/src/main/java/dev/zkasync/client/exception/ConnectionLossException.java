package dev.zkasync.client.exception;

/**
 * {@code CONNECTIONLOSS} (-4): the connection was lost before the reply arrived, so the request
 * may or may not have been applied. {@link ProtocolException} is the case where the server broke
 * the protocol.
 */
public class ConnectionLossException extends ZooKeeperException {

    /**
     * Creates the exception with the standard message.
     *
     * @param path the client path the request named, or null
     */
    public ConnectionLossException(String path) {
        this(path, null, null);
    }

    /**
     * Creates the exception with extra detail and a cause.
     *
     * @param path   the client path the request named, or null
     * @param detail extra context for the message, or null; never data or credentials
     * @param cause  the underlying cause, or null
     */
    public ConnectionLossException(String path, String detail, Throwable cause) {
        super(ErrorCode.CONNECTION_LOSS, path, detail, cause);
    }
}
