package dev.zkasync.client.exception;

/**
 * {@code SESSIONCLOSEDREQUIRESASLAUTH} (-124): the server closed the session because it requires SASL authentication; fatal to the session.
 */
public final class SessionClosedRequireSaslException extends ZooKeeperException {

    /**
     * Creates the exception with the standard message.
     *
     * @param path the client path the request named, or null
     */
    public SessionClosedRequireSaslException(String path) {
        this(path, null, null);
    }

    /**
     * Creates the exception with extra detail and a cause.
     *
     * @param path   the client path the request named, or null
     * @param detail extra context for the message, or null; never data or credentials
     * @param cause  the underlying cause, or null
     */
    public SessionClosedRequireSaslException(String path, String detail, Throwable cause) {
        super(ErrorCode.SESSION_CLOSED_REQUIRE_SASL_AUTH, path, detail, cause);
    }
}
