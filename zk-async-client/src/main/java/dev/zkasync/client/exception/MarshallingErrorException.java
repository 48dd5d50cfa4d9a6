package dev.zkasync.client.exception;

/**
 * {@code MARSHALLINGERROR} (-5): a request or reply could not be serialized or deserialized.
 */
public final class MarshallingErrorException extends ZooKeeperException {

    /**
     * Creates the exception with the standard message.
     *
     * @param path the client path the request named, or null
     */
    public MarshallingErrorException(String path) {
        this(path, null, null);
    }

    /**
     * Creates the exception with extra detail and a cause.
     *
     * @param path   the client path the request named, or null
     * @param detail extra context for the message, or null; never data or credentials
     * @param cause  the underlying cause, or null
     */
    public MarshallingErrorException(String path, String detail, Throwable cause) {
        super(ErrorCode.MARSHALLING_ERROR, path, detail, cause);
    }
}
