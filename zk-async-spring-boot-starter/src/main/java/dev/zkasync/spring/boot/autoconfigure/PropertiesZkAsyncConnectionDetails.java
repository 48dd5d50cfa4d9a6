package dev.zkasync.spring.boot.autoconfigure;

import java.util.List;

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

    @Override
    public String getConnectString() {
        String hosts = this.properties.getHosts();
        Assert.state(StringUtils.hasText(hosts), "zk.async.hosts must not be empty");
        return hosts.strip();
    }

    @Override
    public List<Auth> getAuth() {
        List<ZkAsyncProperties.Auth> auth = this.properties.getAuth();
        return auth.stream().map(PropertiesZkAsyncConnectionDetails::toAuth).toList();
    }

    private static Auth toAuth(ZkAsyncProperties.Auth auth) {
        Assert.state(StringUtils.hasText(auth.getScheme()), "zk.async.auth[].scheme must not be empty");
        String credential = auth.getCredential();
        Assert.state(credential != null, () -> "zk.async.auth[].credential must be set for scheme " + auth.getScheme());
        return new Auth(auth.getScheme(), credential);
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
