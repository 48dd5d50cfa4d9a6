package dev.zkasync.spring.boot.autoconfigure;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import dev.zkasync.client.exception.ConfigurationException;
import dev.zkasync.client.sasl.SaslConfig;
import dev.zkasync.client.tls.TlsConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;

/**
 * Turns {@code zk.async.tls.*} (or an SSL bundle) and {@code zk.async.sasl.*} into the client's {@link TlsConfig} and
 * {@link SaslConfig}, naming the properties in every error.
 */
final class SecuritySettings {

    private SecuritySettings() {
    }

    /**
     * The TLS configuration, from an SSL bundle (of {@code zk.async.ssl.bundle} or of a service
     * connection) or from {@code zk.async.tls.*}.
     * @param tls the properties
     * @param bundle the SSL bundle to connect with, or {@code null}
     * @param resourceLoader resolves store and PEM locations
     * @return the configuration, or {@code null} when TLS is not requested
     */
    static @Nullable TlsConfig tls(ZkAsyncProperties.Tls tls, @Nullable SslBundle bundle,
            ResourceLoader resourceLoader) {
        if (bundle != null) {
            return Boolean.FALSE.equals(tls.getEnabled()) ? null : fromBundle(tls, bundle);
        }
        return tls(tls, resourceLoader);
    }

    /**
     * A bundle gives the key and trust material (its key alias included) and, when it has them,
     * the protocols and cipher suites; host name verification still follows
     * {@code zk.async.tls.hostname-verification}.
     */
    private static TlsConfig fromBundle(ZkAsyncProperties.Tls tls, SslBundle bundle) {
        if (tls.hasMaterial()) {
            throw invalid("set zk.async.ssl.bundle or the key and trust material of zk.async.tls.*, not both");
        }
        SslManagerBundle managers = bundle.getManagers();
        TlsConfig.Builder builder = TlsConfig.builder()
            .hostnameVerification(tls.isHostnameVerification())
            .keyManagerFactory(managers.getKeyManagerFactory())
            .trustManagerFactory(managers.getTrustManagerFactory());
        protocolsAndCiphers(builder, first(bundle.getOptions().getEnabledProtocols(), tls.getProtocols()),
                first(bundle.getOptions().getCiphers(), tls.getCiphers()));
        try {
            return builder.build();
        }
        catch (ConfigurationException ex) {
            throw invalid("zk.async.ssl.bundle: " + ex.getMessage(), ex);
        }
    }

    private static @Nullable TlsConfig tls(ZkAsyncProperties.Tls tls, ResourceLoader resourceLoader) {
        if (!tls.isRequested()) {
            return null;
        }
        TlsConfig.Builder builder = TlsConfig.builder().hostnameVerification(tls.isHostnameVerification());
        ZkAsyncProperties.Tls.Store trustStore = tls.getTrustStore();
        ZkAsyncProperties.Tls.Store keyStore = tls.getKeyStore();
        ZkAsyncProperties.Tls.Pem pem = tls.getPem();
        if (trustStore.isConfigured() && StringUtils.hasText(pem.getTrustCertificates())) {
            throw invalid("set zk.async.tls.trust-store.location or zk.async.tls.pem.trust-certificates, not both");
        }
        boolean pemKey = StringUtils.hasText(pem.getCertificate()) || StringUtils.hasText(pem.getPrivateKey());
        if (keyStore.isConfigured() && pemKey) {
            throw invalid("set zk.async.tls.key-store.location or zk.async.tls.pem.certificate and private-key, "
                    + "not both");
        }
        if (trustStore.isConfigured()) {
            builder.trustStore(file(resourceLoader, "zk.async.tls.trust-store.location", trustStore.getLocation()),
                    chars(trustStore.getPassword()), trustStore.getType());
        }
        if (StringUtils.hasText(pem.getTrustCertificates())) {
            builder.trustCertificates(
                    file(resourceLoader, "zk.async.tls.pem.trust-certificates", pem.getTrustCertificates()));
        }
        if (keyStore.isConfigured()) {
            builder.keyStore(file(resourceLoader, "zk.async.tls.key-store.location", keyStore.getLocation()),
                    chars(keyStore.getPassword()), keyStore.getType());
        }
        if (StringUtils.hasText(pem.getCertificate()) != StringUtils.hasText(pem.getPrivateKey())) {
            throw invalid("zk.async.tls.pem.certificate and zk.async.tls.pem.private-key go together");
        }
        if (StringUtils.hasText(pem.getCertificate())) {
            builder.keyCertificate(file(resourceLoader, "zk.async.tls.pem.certificate", pem.getCertificate()),
                    file(resourceLoader, "zk.async.tls.pem.private-key", pem.getPrivateKey()),
                    pem.getPrivateKeyPassword());
        }
        protocolsAndCiphers(builder, first(null, tls.getProtocols()), first(null, tls.getCiphers()));
        try {
            return builder.build();
        }
        catch (ConfigurationException ex) {
            throw invalid("zk.async.tls.*: " + ex.getMessage(), ex);
        }
    }

    private static void protocolsAndCiphers(TlsConfig.Builder builder, String @Nullable [] protocols,
            String @Nullable [] ciphers) {
        if (protocols != null) {
            builder.protocols(protocols);
        }
        if (ciphers != null) {
            builder.ciphers(ciphers);
        }
    }

    /** The bundle's names if it has any, else the properties', else {@code null} (the JDK's defaults). */
    private static String @Nullable [] first(String @Nullable [] fromBundle, @Nullable List<String> fromProperties) {
        if (fromBundle != null && fromBundle.length > 0) {
            return fromBundle;
        }
        return (fromProperties != null && !fromProperties.isEmpty()) ? fromProperties.toArray(String[]::new) : null;
    }

    /**
     * The SASL configuration.
     * @param sasl the properties
     * @return the configuration, or {@code null} when SASL is not requested
     */
    static @Nullable SaslConfig sasl(ZkAsyncProperties.Sasl sasl) {
        if (!sasl.isConfigured()) {
            return null;
        }
        String mechanism = StringUtils.hasText(sasl.getMechanism()) ? sasl.getMechanism().strip()
                : StringUtils.hasText(sasl.getUsername()) ? SaslConfig.DIGEST_MD5 : SaslConfig.GSSAPI;
        try {
            return new SaslConfig(mechanism, sasl.getUsername(), sasl.getPassword(), sasl.getService(),
                    sasl.getServerName(), sasl.getJaasLoginContext(), null);
        }
        catch (ConfigurationException ex) {
            throw invalid("zk.async.sasl.*: " + ex.getMessage(), ex);
        }
    }

    private static Path file(ResourceLoader resourceLoader, String property, @Nullable String location) {
        Resource resource = resourceLoader.getResource(location);
        if (!resource.exists()) {
            throw invalid(property + " '" + location + "' does not exist");
        }
        if (!resource.isFile()) {
            throw invalid(property + " '" + location + "' is not a file (a resource inside a jar cannot be used)");
        }
        try {
            return resource.getFile().toPath();
        }
        catch (IOException ex) {
            throw invalid(property + " '" + location + "': " + ex.getMessage(), ex);
        }
    }

    private static char @Nullable [] chars(@Nullable String password) {
        return (password != null) ? password.toCharArray() : null;
    }

    private static IllegalArgumentException invalid(String message) {
        return new IllegalArgumentException("Invalid ZooKeeper security settings: " + message);
    }

    private static IllegalArgumentException invalid(String message, Exception cause) {
        return new IllegalArgumentException("Invalid ZooKeeper security settings: " + message, cause);
    }

}
