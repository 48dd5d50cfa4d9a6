package dev.zkasync.spring.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway certificate authority in a temporary directory, made with the JDK's keytool: a
 * PKCS12 trust store and CA PEM, and per-name PKCS12 key stores with PEM copies of their
 * certificate chain and PKCS#8 key.
 */
final class TestCertificateAuthority implements AutoCloseable {

    static final String PASSWORD = "changeit";

    final Path dir;

    final Path caPem;

    final Path trustStore;

    private TestCertificateAuthority(Path dir) {
        this.dir = dir;
        this.caPem = dir.resolve("ca.pem");
        this.trustStore = dir.resolve("truststore.p12");
    }

    static TestCertificateAuthority create() throws IOException {
        TestCertificateAuthority ca = new TestCertificateAuthority(Files.createTempDirectory("zk-async-starter-tls"));
        ca.keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=zk-async starter test CA", "-ext", "bc:c", "-validity", "2", "-keystore", ca.store("ca"),
                "-storetype", "PKCS12", "-storepass", PASSWORD);
        ca.keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.store("ca"), "-storepass", PASSWORD,
                "-file", ca.caPem.toString());
        ca.keytool("-importcert", "-noprompt", "-alias", "ca", "-file", ca.caPem.toString(), "-keystore",
                ca.trustStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        return ca;
    }

    /**
     * Issues a key pair and certificate.
     * @param name the common name and file name
     * @param san subject alternative names such as {@code dns:localhost}, or null
     * @return the PKCS12 key store
     */
    Path issue(String name, String san) throws IOException {
        String store = store(name);
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-validity", "2", "-keystore", store, "-storetype", "PKCS12", "-storepass", PASSWORD);
        Path request = this.dir.resolve(name + ".csr");
        keytool("-certreq", "-alias", name, "-keystore", store, "-storepass", PASSWORD, "-file", request.toString());
        List<String> sign = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", "ca", "-keystore", store("ca"),
                "-storepass", PASSWORD, "-infile", request.toString(), "-outfile", certificatePem(name).toString(),
                "-validity", "2"));
        if (san != null) {
            sign.addAll(List.of("-ext", "SAN=" + san));
        }
        keytool(sign.toArray(String[]::new));
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", this.caPem.toString(), "-keystore", store,
                "-storepass", PASSWORD);
        keytool("-importcert", "-alias", name, "-file", certificatePem(name).toString(), "-keystore", store,
                "-storepass", PASSWORD);
        writePem(name);
        return Path.of(store);
    }

    Path certificatePem(String name) {
        return this.dir.resolve(name + ".pem");
    }

    Path keyPem(String name) {
        return this.dir.resolve(name + ".key");
    }

    private void writePem(String name) throws IOException {
        Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        try (InputStream in = Files.newInputStream(Path.of(store(name)))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
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
        }
        catch (GeneralSecurityException ex) {
            throw new IOException(ex);
        }
    }

    private String store(String name) {
        return this.dir.resolve(name + ".p12").toString();
    }

    private void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException(ex);
        }
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> files = Files.walk(this.dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

}
