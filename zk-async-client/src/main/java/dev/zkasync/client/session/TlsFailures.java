package dev.zkasync.client.session;

import dev.zkasync.client.exception.TlsException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;

import javax.net.ssl.SSLException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;

/**
 * Turns a failed TLS handshake into a {@link TlsException} that says, in words, what went wrong:
 * the JSSE's own messages ("PKIX path building failed") do not tell a user what to change.
 */
final class TlsFailures {
    private static final String PLAINTEXT_PORT = "is it a plaintext port (clientPort, not secureClientPort)?";

    private TlsFailures() {
    }

    /**
     * The failure of a handshake with {@code server}, whose configured host name is {@code host}.
     *
     * @param cause what Netty's TLS handler reported
     */
    static TlsException of(Throwable cause, String server, String host) {
        return new TlsException(server, reason(cause, host), cause);
    }

    /**
     * Whether TLS was refused outright (a certificate, a name, an alert), as opposed to the
     * connection closing, staying silent or not speaking TLS, which a server restarting can also cause.
     */
    static boolean isRefusal(Throwable failure) {
        Throwable cause = failure instanceof TlsException ? failure.getCause() : null;
        return cause instanceof SSLException && !(cause instanceof SslHandshakeTimeoutException)
                && !(cause instanceof NotSslRecordException);
    }

    private static String reason(Throwable cause, String host) {
        if (cause instanceof ClosedChannelException) {
            return "the server closed the connection during the TLS handshake, with no TLS alert: " + PLAINTEXT_PORT;
        }
        if (cause instanceof NotSslRecordException) {
            return "the server answered the TLS handshake with something that is not TLS: " + PLAINTEXT_PORT;
        }
        if (cause instanceof SslHandshakeTimeoutException) {
            return "no answer to the TLS handshake (" + cause.getMessage() + ")";
        }
        String detail = " (" + innermostMessage(cause) + ")";
        if (find(cause, CertPathBuilderException.class) != null || find(cause, CertPathValidatorException.class) != null) {
            return "the server's certificate is not trusted: no chain to the configured trust material" + detail;
        }
        CertificateException certificate = find(cause, CertificateException.class);
        if (certificate != null && certificate.getClass() == CertificateException.class) {
            // The JDK's host name check throws the plain class; validation failures are subclasses.
            return "the server's certificate does not name " + host
                    + " (host name verification is on; connect by a name the certificate holds)" + detail;
        }
        String message = String.valueOf(cause.getMessage());
        if (message.contains("certificate_required")) {
            return "the server requires a client certificate (mutual TLS): configure the client's key" + detail;
        }
        if (message.contains("bad_certificate") || message.contains("certificate_unknown") || message.contains("unknown_ca")) {
            return "the server did not accept the client's certificate" + detail;
        }
        return "the TLS handshake failed" + detail;
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static String innermostMessage(Throwable t) {
        String message = t.getMessage();
        for (Throwable c = t.getCause(); c != null; c = c.getCause()) {
            if (c.getMessage() != null) {
                message = c.getMessage();
            }
        }
        return message == null ? t.getClass().getSimpleName() : message;
    }
}
