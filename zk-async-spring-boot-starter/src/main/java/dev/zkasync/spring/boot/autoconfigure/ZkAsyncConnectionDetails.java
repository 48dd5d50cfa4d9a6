package dev.zkasync.spring.boot.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.util.Assert;

/**
 * Details of the ZooKeeper servers the auto-configured client connects to. By default they come
 * from the {@code zk.async.*} properties; a service connection (Testcontainers
 * {@code @ServiceConnection}, Docker Compose) or an application's own bean of this type takes
 * precedence.
 */
public interface ZkAsyncConnectionDetails extends ConnectionDetails {

    /**
     * Servers to connect to, as ZooKeeper's connect string.
     * @return comma-separated {@code host:port} list with an optional chroot suffix, for example
     * {@code zk1:2181,zk2:2181/app}
     */
    String getConnectString();

    /**
     * Credentials to send on every connection.
     * @return the credentials, empty by default
     */
    default List<Auth> getAuth() {
        return List.of();
    }

    /**
     * SSL bundle to connect with.
     * @return the bundle, or {@code null} (the default) to connect without TLS
     */
    default @Nullable SslBundle getSslBundle() {
        return null;
    }

    /**
     * One set of credentials, as for {@code KazooClient.addAuth}.
     *
     * @param scheme the authentication scheme, for example {@code digest}
     * @param credential the credential in the scheme's format; never shown by {@link #toString()}
     */
    record Auth(String scheme, String credential) {

        /** Checks that both parts are given. */
        public Auth {
            Assert.hasText(scheme, "'scheme' must not be empty");
            Assert.notNull(credential, "'credential' must not be null");
        }

        @Override
        public String toString() {
            return "Auth[scheme=" + this.scheme + ", credential=******]";
        }

    }

}
