package dev.zkasync.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.zkasync.client.connect.ConnectString;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * {@link ZkAsyncConnectionDetails} from {@link ZkAsyncProperties}.
 */
class PropertiesZkAsyncConnectionDetails implements ZkAsyncConnectionDetails {

    private final ZkAsyncProperties properties;

    private final @Nullable SslBundles sslBundles;

    PropertiesZkAsyncConnectionDetails(ZkAsyncProperties properties, @Nullable SslBundles sslBundles) {
        this.properties = properties;
        this.sslBundles = sslBundles;
    }

    private static final String HOSTS_ACTION = "Set zk.async.hosts to a comma-separated list of host:port "
            + "(IPv6 literals in brackets, port 2181 when omitted), optionally followed by a chroot path, for "
            + "example 'zk1:2181,zk2:2181/app'.";

    @Override
    public String getConnectString() {
        String hosts = this.properties.getHosts();
        if (!StringUtils.hasText(hosts)) {
            throw new ZkAsyncPropertyException("zk.async.hosts", hosts, "no servers", HOSTS_ACTION, null);
        }
        try {
            ConnectString.parse(hosts);
        }
        catch (RuntimeException ex) {
            throw new ZkAsyncPropertyException("zk.async.hosts", hosts, ex.getMessage(), HOSTS_ACTION, ex);
        }
        return hosts.strip();
    }

    @Override
    public List<Auth> getAuth() {
        List<ZkAsyncProperties.Auth> auth = this.properties.getAuth();
        List<Auth> result = new ArrayList<>(auth.size());
        for (int i = 0; i < auth.size(); i++) {
            result.add(toAuth("zk.async.auth[" + i + "]", auth.get(i)));
        }
        return result;
    }

    private static Auth toAuth(String prefix, ZkAsyncProperties.Auth auth) {
        String action = "Give " + prefix + " both a scheme and a credential, for example " + prefix
                + ".scheme=digest and " + prefix + ".credential=user:password.";
        String scheme = auth.getScheme();
        if (!StringUtils.hasText(scheme)) {
            throw new ZkAsyncPropertyException(prefix + ".scheme", scheme, "no authentication scheme", action, null);
        }
        String credential = auth.getCredential();
        if (credential == null) {
            // The value is a secret: never printed, and here there is none anyway.
            throw new ZkAsyncPropertyException(prefix + ".credential", null,
                    "no credential for scheme '" + scheme + "'", action, null);
        }
        return new Auth(scheme, credential);
    }

    @Override
    public @Nullable SslBundle getSslBundle() {
        String bundle = this.properties.getSsl().getBundle();
        if (!StringUtils.hasText(bundle)) {
            return null;
        }
        Assert.state(this.sslBundles != null,
                () -> "zk.async.ssl.bundle is '" + bundle + "' but there is no SslBundles bean to look it up in");
        return this.sslBundles.getBundle(bundle);
    }

}
