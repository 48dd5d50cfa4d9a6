package dev.zkasync.client.tls;

import dev.zkasync.client.exception.ConfigurationException;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Objects;

/**
 * TLS for client connections (ZooKeeper's {@code secureClientPort}): what to trust, which key to
 * present for mutual TLS, and whether to verify the server's host name (on by default). Trust and
 * keys come from key stores (PKCS12 or JKS), PEM files, or ready-made JSSE factories (from a
 * framework's SSL configuration, such as a Spring Boot SSL bundle). Passwords are never printed.
 *
 * <pre>{@code
 * TlsConfig tls = TlsConfig.builder()
 *         .trustStore(Path.of("truststore.p12"), "changeit".toCharArray(), "PKCS12")
 *         .keyStore(Path.of("client.p12"), "changeit".toCharArray(), "PKCS12")   // mutual TLS
 *         .build();
 * KazooClient.builder().hosts("zk1:2281").tls(tls).build();
 * }</pre>
 */
public final class TlsConfig {
    private final SslContext sslContext;
    private final SSLSocketFactory socketFactory;
    private final boolean hostnameVerification;

    private TlsConfig(Builder b) {
        this.hostnameVerification = b.hostnameVerification;
        try {
            SslContextBuilder builder = SslContextBuilder.forClient().sslProvider(SslProvider.JDK);
            if (b.trustManagers != null) {
                builder.trustManager(b.trustManagers);
            } else if (b.trustPem != null) {
                builder.trustManager(b.trustPem.toFile());
            } else if (b.trustStore != null) {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(load(b.trustStore, b.trustStorePassword, b.trustStoreType));
                builder.trustManager(tmf);
            }
            if (b.keyManagers != null) {
                builder.keyManager(b.keyManagers);
            } else if (b.certificatePem != null) {
                builder.keyManager(b.certificatePem.toFile(), b.privateKeyPem.toFile(), b.privateKeyPassword);
            } else if (b.keyStore != null) {
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(load(b.keyStore, b.keyStorePassword, b.keyStoreType), b.keyStorePassword);
                builder.keyManager(kmf);
            }
            if (b.protocols != null) {
                builder.protocols(b.protocols);
            }
            if (b.ciphers != null) {
                builder.ciphers(b.ciphers);
            }
            if (hostnameVerification) {
                builder.endpointIdentificationAlgorithm("HTTPS");
            } else {
                builder.endpointIdentificationAlgorithm(null);
            }
            this.sslContext = builder.build();
            this.socketFactory = ((JdkSslContext) sslContext).context().getSocketFactory();
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new ConfigurationException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path path, char[] password, String type) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type == null ? inferType(path) : type);
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, password);
        }
        return store;
    }

    private static String inferType(Path path) {
        String name = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".jks") ? "JKS" : "PKCS12";
    }

    /** {@return a builder} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the Netty context client channels use (for the library's own connection code)} */
    public SslContext sslContext() {
        return sslContext;
    }

    /** {@return whether the server's host name is checked against its certificate} */
    public boolean hostnameVerification() {
        return hostnameVerification;
    }

    /**
     * A TLS socket to {@code host:port}, handshaken and verified like the client's own connections
     * (SNI and host name checks on the name given): for four-letter words over TLS.
     *
     * @param host the server's host
     * @param port the server's port
     * @param timeoutMillis the connect and handshake timeout, in ms
     * @return the connected socket, after the handshake
     * @throws IOException if the connection or the handshake fails
     */
    public Socket connect(String host, int port, int timeoutMillis) throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(host, port), timeoutMillis);
            plain.setSoTimeout(timeoutMillis);
            SSLSocket tls = (SSLSocket) socketFactory.createSocket(plain, host, port, true);
            if (hostnameVerification) {
                SSLParameters params = tls.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(params);
            }
            tls.startHandshake();
            return tls;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return "TlsConfig[hostnameVerification=" + hostnameVerification + "]";
    }

    /** Builds a {@link TlsConfig}. With no trust material the JVM's default trust store is used. */
    public static final class Builder {
        private Path trustStore;
        private char[] trustStorePassword;
        private String trustStoreType;
        private Path trustPem;
        private Path keyStore;
        private char[] keyStorePassword;
        private String keyStoreType;
        private Path certificatePem;
        private Path privateKeyPem;
        private String privateKeyPassword;
        private TrustManagerFactory trustManagers;
        private KeyManagerFactory keyManagers;
        private boolean hostnameVerification = true;
        private List<String> protocols;
        private List<String> ciphers;

        private Builder() {
        }

        /**
         * Trusts the certificates in a key store ({@code type} PKCS12 or JKS; null guesses from the name).
         *
         * @param path the store's file
         * @param password the store's password
         * @param type the store type, such as {@code PKCS12}, or null for the JVM's default
         * @return this builder
         */
        public Builder trustStore(Path path, char[] password, String type) {
            this.trustStore = Objects.requireNonNull(path, "path");
            this.trustStorePassword = password == null ? null : password.clone();
            this.trustStoreType = type;
            return this;
        }

        /**
         * Trusts the PEM certificates in a file.
         *
         * @param pem the trusted certificates, PEM
         * @return this builder
         */
        public Builder trustCertificates(Path pem) {
            this.trustPem = Objects.requireNonNull(pem, "pem");
            return this;
        }

        /**
         * Presents the key and certificate chain of a key store (mutual TLS).
         *
         * @param path the store's file
         * @param password the store's password
         * @param type the store type, such as {@code PKCS12}, or null for the JVM's default
         * @return this builder
         */
        public Builder keyStore(Path path, char[] password, String type) {
            this.keyStore = Objects.requireNonNull(path, "path");
            this.keyStorePassword = password == null ? new char[0] : password.clone();
            this.keyStoreType = type;
            return this;
        }

        /**
         * Presents a PEM certificate chain and PKCS#8 PEM private key (password null if unencrypted).
         *
         * @param certificateChainPem the client's certificate chain, PEM
         * @param privateKeyPem the client's private key, PEM (PKCS#8)
         * @param keyPassword the key's password, or null if it is not encrypted
         * @return this builder
         */
        public Builder keyCertificate(Path certificateChainPem, Path privateKeyPem, String keyPassword) {
            this.certificatePem = Objects.requireNonNull(certificateChainPem, "certificateChainPem");
            this.privateKeyPem = Objects.requireNonNull(privateKeyPem, "privateKeyPem");
            this.privateKeyPassword = keyPassword;
            return this;
        }

        /**
         * Trusts what an initialised {@link TrustManagerFactory} trusts, for trust material set up
         * elsewhere (a Spring Boot SSL bundle, a secrets manager). Instead of a trust store or PEM file.
         *
         * @param factory the factory
         * @return this builder
         */
        public Builder trustManagerFactory(TrustManagerFactory factory) {
            this.trustManagers = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /**
         * Presents the key of an initialised {@link KeyManagerFactory} (mutual TLS), for keys set up
         * elsewhere. Instead of a key store or PEM key and certificate.
         *
         * @param factory the factory
         * @return this builder
         */
        public Builder keyManagerFactory(KeyManagerFactory factory) {
            this.keyManagers = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /**
         * Checks that the server's certificate names the host connected to (default true).
         *
         * @param verify whether to check the server's host name against its certificate
         * @return this builder
         */
        public Builder hostnameVerification(boolean verify) {
            this.hostnameVerification = verify;
            return this;
        }

        /**
         * TLS protocol versions to allow, e.g. {@code TLSv1.3}.
         *
         * @param names the names, in order of preference
         * @return this builder
         */
        public Builder protocols(String... names) {
            this.protocols = List.of(names);
            return this;
        }

        /**
         * Cipher suites to allow.
         *
         * @param names the names, in order of preference
         * @return this builder
         */
        public Builder ciphers(String... names) {
            this.ciphers = List.of(names);
            return this;
        }

        /** {@return the TLS configuration} */
        public TlsConfig build() {
            if ((trustStore != null ? 1 : 0) + (trustPem != null ? 1 : 0) + (trustManagers != null ? 1 : 0) > 1) {
                throw new ConfigurationException(
                        "give one of a trust store, PEM trust certificates or a TrustManagerFactory, not several");
            }
            if ((keyStore != null ? 1 : 0) + (certificatePem != null ? 1 : 0) + (keyManagers != null ? 1 : 0) > 1) {
                throw new ConfigurationException(
                        "give one of a key store, a PEM key and certificate or a KeyManagerFactory, not several");
            }
            return new TlsConfig(this);
        }
    }
}
