package dev.zkasync.client.exception;

/**
 * The server sent something that breaks the protocol (a bad frame length, an xid out of order, a
 * reply that cannot be decoded). The connection is dropped, so pending requests see this as a
 * connection loss. The message reads {@code "CONNECTIONLOSS: protocol error: ..."}.
 */
public final class ProtocolException extends ConnectionLossException {

    /**
     * Creates the exception.
     *
     * @param detail what was wrong; never data or credentials
     */
    public ProtocolException(String detail) {
        this(detail, null);
    }

    /**
     * Creates the exception with extra detail and a cause.
     *
     * @param detail what was wrong; never data or credentials
     * @param cause  the underlying cause, or null
     */
    public ProtocolException(String detail, Throwable cause) {
        super(null, "protocol error: " + detail, cause);
    }
}
