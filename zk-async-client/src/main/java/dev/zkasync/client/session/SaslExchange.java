package dev.zkasync.client.session;

import dev.zkasync.client.sasl.SaslConfig;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import javax.security.sasl.AuthorizeCallback;
import javax.security.sasl.RealmCallback;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslClient;
import javax.security.sasl.SaslException;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.HashMap;
import java.util.Map;

/**
 * One SASL conversation with one server, through {@code javax.security.sasl}. May block (Kerberos
 * talks to its KDC), so the session runs it off the event loop.
 */
final class SaslExchange {
    /** ZooKeeper's server always names itself so for DIGEST-MD5. */
    private static final String DIGEST_SERVER_NAME = "zk-sasl-md5";

    private final SaslClient client;
    private final Subject subject;

    SaslExchange(SaslConfig config, String host) throws SaslException {
        Map<String, Object> props = new HashMap<>(config.properties());
        if (config.mechanism().equals(SaslConfig.GSSAPI)) {
            this.subject = login(config.jaasSection());
            String server = config.serverName() != null ? config.serverName() : host;
            this.client = privileged(() -> Sasl.createSaslClient(new String[] {SaslConfig.GSSAPI}, null,
                    config.serviceName(), server, props, null));
        } else {
            this.subject = null;
            String server = config.serverName() != null ? config.serverName() : DIGEST_SERVER_NAME;
            this.client = Sasl.createSaslClient(new String[] {SaslConfig.DIGEST_MD5}, null, config.serviceName(),
                    server, props, callbacks -> answer(callbacks, config));
        }
        if (client == null) {
            throw new SaslException("no SASL client for " + config.mechanism() + " in this JVM");
        }
    }

    private static Subject login(String section) throws SaslException {
        try {
            LoginContext login = new LoginContext(section);
            login.login();
            return login.getSubject();
        } catch (LoginException | SecurityException e) {
            throw new SaslException("JAAS login with section " + section + " failed: " + e.getMessage(), e);
        }
    }

    private static void answer(Callback[] callbacks, SaslConfig config) throws UnsupportedCallbackException {
        for (Callback c : callbacks) {
            if (c instanceof NameCallback n) {
                n.setName(config.username());
            } else if (c instanceof PasswordCallback p) {
                p.setPassword(config.password().toCharArray());
            } else if (c instanceof RealmCallback r) {
                r.setText(r.getDefaultText());
            } else if (c instanceof AuthorizeCallback a) {
                a.setAuthorized(a.getAuthenticationID().equals(a.getAuthorizationID()));
                if (a.isAuthorized()) {
                    a.setAuthorizedID(a.getAuthorizationID());
                }
            } else {
                throw new UnsupportedCallbackException(c);
            }
        }
    }

    private <T> T privileged(PrivilegedExceptionAction<T> action) throws SaslException {
        try {
            return subject == null ? action.run() : doAs(action);
        } catch (SaslException e) {
            throw e;
        } catch (Exception e) {
            throw new SaslException(e.getMessage(), e);
        }
    }

    @SuppressWarnings("removal")
    private <T> T doAs(PrivilegedExceptionAction<T> action) throws Exception {
        try {
            return Subject.doAs(subject, action);
        } catch (PrivilegedActionException e) {
            throw e.getException();
        }
    }

    /** The first token to send: the mechanism's initial response, or an empty one. */
    byte[] initialToken() throws SaslException {
        return client.hasInitialResponse() ? evaluate(new byte[0]) : new byte[0];
    }

    /** The answer to a server challenge; null or empty when there is nothing more to say. */
    byte[] evaluate(byte[] challenge) throws SaslException {
        return privileged(() -> client.evaluateChallenge(challenge == null ? new byte[0] : challenge));
    }

    boolean isComplete() {
        return client.isComplete();
    }

    void dispose() {
        try {
            client.dispose();
        } catch (SaslException ignored) {
            // nothing to release
        }
    }
}
