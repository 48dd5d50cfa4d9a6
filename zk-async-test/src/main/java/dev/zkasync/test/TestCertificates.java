package dev.zkasync.test;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway certificate authority in a temporary directory, made with the JDK's {@code keytool},
 * for TLS tests against a real server: a PKCS12 trust store and the CA as PEM, and per name a
 * PKCS12 key store with PEM copies of its certificate chain and PKCS#8 key. Every store and key
 * uses {@link #PASSWORD}. {@link #close()} deletes the directory.
 *
 * <pre>{@code
 * try (TestCertificates certs = TestCertificates.create()) {
 *     Path serverStore = certs.issue("server", "dns:localhost");
 *     Path clientStore = certs.issue("client", null);
 *     ... ZooKeeperServerOptions with zookeeper.ssl.keyStore.location = serverStore ...
 * }
 * }</pre>
 */
public final class TestCertificates implements AutoCloseable {
    /** The password of every store and key. */
    public static final String PASSWORD = "changeit";

    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** {@return a new CA, and a trust store holding it} */
    public static TestCertificates create() {
        TestCertificates certs = new TestCertificates(TempDirs.create("zk-async-tls"));
        try {
            certs.keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                    "CN=zk-async test CA", "-ext", "bc:c", "-validity", "2", "-keystore", certs.store("ca"),
                    "-storetype", "PKCS12", "-storepass", PASSWORD);
            certs.keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", certs.store("ca"), "-storepass",
                    PASSWORD, "-file", certs.caPem().toString());
            certs.keytool("-importcert", "-noprompt", "-alias", "ca", "-file", certs.caPem().toString(), "-keystore",
                    certs.trustStore().toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
            return certs;
        } catch (IOException e) {
            certs.close();
            throw new UncheckedIOException(e);
        }
    }

    /** {@return the directory everything is written to} */
    public Path dir() {
        return dir;
    }

    /** {@return the CA's certificate, PEM} */
    public Path caPem() {
        return dir.resolve("ca.pem");
    }

    /** {@return a PKCS12 store trusting the CA} */
    public Path trustStore() {
        return dir.resolve("truststore.p12");
    }

    /**
     * A key pair for {@code name} signed by the CA.
     *
     * @param name the common name, and the base of the file names
     * @param san  subject alternative names such as {@code dns:localhost,ip:127.0.0.1}, or null
     * @return its PKCS12 key store (with the CA's certificate); PEM copies at {@link #certificatePem}
     *         and {@link #keyPem}
     */
    public Path issue(String name, String san) {
        String store = store(name);
        try {
            keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                    "-validity", "2", "-keystore", store, "-storetype", "PKCS12", "-storepass", PASSWORD);
            Path request = dir.resolve(name + ".csr");
            keytool("-certreq", "-alias", name, "-keystore", store, "-storepass", PASSWORD, "-file", request.toString());
            List<String> sign = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", "ca", "-keystore", store("ca"),
                    "-storepass", PASSWORD, "-infile", request.toString(), "-outfile", certificatePem(name).toString(),
                    "-validity", "2"));
            if (san != null) {
                sign.addAll(List.of("-ext", "SAN=" + san));
            }
            keytool(sign.toArray(String[]::new));
            keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caPem().toString(), "-keystore", store,
                    "-storepass", PASSWORD);
            keytool("-importcert", "-alias", name, "-file", certificatePem(name).toString(), "-keystore", store,
                    "-storepass", PASSWORD);
            writePem(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Path.of(store);
    }

    /**
     * {@return the certificate chain of {@code name}, PEM}
     *
     * @param name the name given to {@link #issue}
     */
    public Path certificatePem(String name) {
        return dir.resolve(name + ".pem");
    }

    /**
     * {@return the private key of {@code name}, unencrypted PKCS#8 PEM}
     *
     * @param name the name given to {@link #issue}
     */
    public Path keyPem(String name) {
        return dir.resolve(name + ".key");
    }

    /**
     * The private key of {@code name} as encrypted PKCS#8 PEM, under {@code password}:
     * for tests of key passwords.
     *
     * @param name the name a key store was issued for
     * @param password the password to encrypt the key under
     * @return the PEM file
     */
    public Path encryptedKeyPem(String name, String password) {
        Path file = dir.resolve(name + "-encrypted.key");
        try {
            byte[] key = load(Path.of(store(name))).getKey(name, PASSWORD.toCharArray()).getEncoded();
            // A PKCS#12 PBE scheme: one the JDK both writes into and reads from EncryptedPrivateKeyInfo.
            String algorithm = "PBEWithSHA1AndDESede";
            byte[] salt = new byte[16];
            new SecureRandom().nextBytes(salt);
            SecretKey secret = SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(password.toCharArray()));
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.ENCRYPT_MODE, secret, new PBEParameterSpec(salt, 10_000));
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(cipher.getParameters(), cipher.doFinal(key));
            Files.writeString(file, "-----BEGIN ENCRYPTED PRIVATE KEY-----\n" + pemBase64().encodeToString(info.getEncoded())
                    + "\n-----END ENCRYPTED PRIVATE KEY-----\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt the key of " + name, e);
        }
    }

    /**
     * A copy of one of the stores made here under another password: for tests that look for a
     * password in logs, where {@link #PASSWORD} is too common a word to search for.
     *
     * @param store a store made here
     * @param password the copy's store and key password
     * @return the copy's path
     */
    public Path copyWithPassword(Path store, String password) {
        KeyStore original = load(store);
        Path file = dir.resolve(store.getFileName().toString().replace(".p12", "") + "-copy.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            KeyStore copy = KeyStore.getInstance("PKCS12");
            copy.load(null, null);
            for (String alias : Collections.list(original.aliases())) {
                if (original.isKeyEntry(alias)) {
                    copy.setKeyEntry(alias, original.getKey(alias, PASSWORD.toCharArray()), password.toCharArray(),
                            original.getCertificateChain(alias));
                } else {
                    copy.setCertificateEntry(alias, original.getCertificate(alias));
                }
            }
            copy.store(out, password.toCharArray());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot copy " + store, e);
        }
    }

    /**
     * Adds to {@code options} a {@code secureClientPort} on {@code port} (loopback) that presents
     * {@code serverStore} (from {@link #issue}) and demands a client certificate from this CA (mutual
     * TLS). The plain client port stays open.
     *
     * @param options the server's options, added to
     * @param serverStore the server's key store
     * @param port the secure client port
     * @return {@code options}
     */
    public ZooKeeperServerOptions.Builder secureClientPort(ZooKeeperServerOptions.Builder options, Path serverStore,
                                                           int port) {
        return options.zooCfg("secureClientPort", String.valueOf(port))
                .zooCfg("secureClientPortAddress", "127.0.0.1")
                .zooCfg("serverCnxnFactory", "org.apache.zookeeper.server.NettyServerCnxnFactory")
                .systemProperty("zookeeper.ssl.keyStore.location", serverStore.toString())
                .systemProperty("zookeeper.ssl.keyStore.password", PASSWORD)
                .systemProperty("zookeeper.ssl.keyStore.type", "PKCS12")
                .systemProperty("zookeeper.ssl.trustStore.location", trustStore().toString())
                .systemProperty("zookeeper.ssl.trustStore.password", PASSWORD)
                .systemProperty("zookeeper.ssl.trustStore.type", "PKCS12")
                .systemProperty("zookeeper.ssl.clientAuth", "need")
                .systemProperty("zookeeper.ssl.hostnameVerification", "false");
    }

    private static Base64.Encoder pemBase64() {
        return Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Loads one of the PKCS12 stores made here (a key store from {@link #issue}, or the trust store).
     *
     * @param store a store's path
     * @return the loaded store
     */
    public static KeyStore load(Path store) {
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, PASSWORD.toCharArray());
            return keyStore;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load " + store, e);
        }
    }

    private void writePem(String name) throws IOException {
        Base64.Encoder base64 = pemBase64();
        KeyStore store = load(Path.of(store(name)));
        try {
            Files.writeString(keyPem(name), "-----BEGIN PRIVATE KEY-----\n"
                    + base64.encodeToString(store.getKey(name, PASSWORD.toCharArray()).getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
            StringBuilder chain = new StringBuilder();
            for (Certificate certificate : store.getCertificateChain(name)) {
                chain.append("-----BEGIN CERTIFICATE-----\n")
                        .append(base64.encodeToString(certificate.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            }
            Files.writeString(certificatePem(name), chain);
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private String store(String name) {
        return dir.resolve(name + ".p12").toString();
    }

    private void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Deletes the directory and everything in it. */
    @Override
    public void close() {
        TempDirs.delete(dir);
    }
}
