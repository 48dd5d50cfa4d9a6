package dev.zkasync.client.exception;

/**
 * A connection failed in TLS: the server's certificate is not trusted or does not name the host,
 * the server refused the client's certificate, or one side speaks TLS and the other plaintext. The
 * message reads {@code "CONNECTIONLOSS: TLS with zk1:2281: ..."} and says which of these it was.
 *
 * <p>Before the client's first session, a refusal by every server (certificate or host name) ends
 * {@link dev.zkasync.client.KazooClient#start()} at once with this exception, instead of its time-out:
 * such a refusal is almost always a configuration mistake.
 */
public final class TlsException extends ConnectionLossException {
    /** The server of the failed connection, {@code host:port}. */
    private final String server;
    /** What went wrong, in words. */
    private final String reason;

    /**
     * Creates the exception.
     *
     * @param server the server connected to, {@code host:port}
     * @param reason what went wrong, in words; never key material or passwords
     * @param cause  the underlying TLS error, or null
     */
    public TlsException(String server, String reason, Throwable cause) {
        super(null, "TLS with " + server + ": " + reason, cause);
        this.server = server;
        this.reason = reason;
    }

    /**
     * Returns the server of the failed connection.
     *
     * @return {@code host:port}
     */
    public String server() {
        return server;
    }

    /**
     * Returns what went wrong, without the server.
     *
     * @return the reason, in words
     */
    public String reason() {
        return reason;
    }
}
