package dev.zkasync.client.sasl;

import dev.zkasync.client.exception.ConfigurationException;

import java.util.Map;
import java.util.Objects;

/**
 * SASL authentication of the session (ZooKeeper's {@code SASLAuthenticationProvider}), done right
 * after every connect and before anything else is sent.
 *
 * <ul>
 *   <li>{@link #digestMd5(String, String)}: user and password known to the server's JAAS
 *       {@code DigestLoginModule}.</li>
 *   <li>{@link #gssapi(String)}: Kerberos; the client's credentials come from a JAAS login
 *       configuration section (default {@code Client}, as in ZooKeeper) given by
 *       {@code java.security.auth.login.config}; the server principal is
 *       {@code serviceName/host} (service {@code zookeeper} by default).</li>
 * </ul>
 * The password never appears in {@link #toString()}.
 *
 * @param mechanism   {@code DIGEST-MD5} or {@code GSSAPI}
 * @param username    the user (DIGEST-MD5), or null
 * @param password    the password (DIGEST-MD5), or null
 * @param serviceName the server's service name, {@code zookeeper} unless the server says otherwise
 * @param serverName  the server host name in the principal; null for the connected host (GSSAPI) or
 *                    ZooKeeper's fixed {@code zk-sasl-md5} (DIGEST-MD5)
 * @param jaasSection the JAAS login section with the client's Kerberos credentials (GSSAPI)
 * @param properties  extra {@code javax.security.sasl} properties
 */
public record SaslConfig(String mechanism, String username, String password, String serviceName, String serverName,
                         String jaasSection, Map<String, String> properties) {

    public static final String DIGEST_MD5 = "DIGEST-MD5";
    public static final String GSSAPI = "GSSAPI";

    /** Checks the settings. */
    public SaslConfig {
        Objects.requireNonNull(mechanism, "mechanism");
        if (!mechanism.equals(DIGEST_MD5) && !mechanism.equals(GSSAPI)) {
            throw new ConfigurationException("unsupported SASL mechanism " + mechanism + "; use DIGEST-MD5 or GSSAPI");
        }
        if (mechanism.equals(DIGEST_MD5) && (username == null || password == null)) {
            throw new ConfigurationException("DIGEST-MD5 needs a username and a password");
        }
        serviceName = serviceName == null ? "zookeeper" : serviceName;
        jaasSection = jaasSection == null ? "Client" : jaasSection;
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /**
     * {@return DIGEST-MD5 with a user and password known to the server}
     *
     * @param username the user name
     * @param password the password
     */
    public static SaslConfig digestMd5(String username, String password) {
        return new SaslConfig(DIGEST_MD5, username, password, null, null, null, null);
    }

    /**
     * Kerberos with the credentials of a JAAS section ({@code Client} when null).
     *
     * @param jaasSection the JAAS configuration section, or null for {@code Client}
     * @return a GSSAPI (Kerberos) configuration
     */
    public static SaslConfig gssapi(String jaasSection) {
        return new SaslConfig(GSSAPI, null, null, null, null, jaasSection, null);
    }

    /**
     * {@return a copy with the Kerberos service name}
     *
     * @param service the service part of the server principal, {@code zookeeper} by default
     */
    public SaslConfig withServiceName(String service) {
        return new SaslConfig(mechanism, username, password, service, serverName, jaasSection, properties);
    }

    /**
     * {@return a copy with the server's host name for the principal}
     *
     * @param server the host part of the server principal, or null for the connected host
     */
    public SaslConfig withServerName(String server) {
        return new SaslConfig(mechanism, username, password, serviceName, server, jaasSection, properties);
    }

    @Override
    public String toString() {
        return "SaslConfig[mechanism=" + mechanism + ", username=" + username + ", password=***, serviceName="
                + serviceName + ", jaasSection=" + jaasSection + "]";
    }
}
