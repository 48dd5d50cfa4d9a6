package dev.zkasync.spring.boot.autoconfigure;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import dev.zkasync.client.exception.ConfigurationException;
import dev.zkasync.client.sasl.SaslConfig;
import dev.zkasync.client.tls.TlsConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;

/**
 * Turns {@code zk.async.tls.*} and {@code zk.async.sasl.*} into the client's {@link TlsConfig} and
 * {@link SaslConfig}, naming the properties in every error.
 */
final class SecuritySettings {

    private SecuritySettings() {
    }

    /**
     * The TLS configuration.
     * @param tls the properties
     * @param resourceLoader resolves store and PEM locations
     * @return the configuration, or {@code null} when TLS is not requested
     */
    static @Nullable TlsConfig tls(ZkAsyncProperties.Tls tls, ResourceLoader resourceLoader) {
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
        List<String> protocols = tls.getProtocols();
        if (protocols != null && !protocols.isEmpty()) {
            builder.protocols(protocols.toArray(String[]::new));
        }
        List<String> ciphers = tls.getCiphers();
        if (ciphers != null && !ciphers.isEmpty()) {
            builder.ciphers(ciphers.toArray(String[]::new));
        }
        try {
            return builder.build();
        }
        catch (ConfigurationException ex) {
            throw invalid("zk.async.tls.*: " + ex.getMessage(), ex);
        }
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
