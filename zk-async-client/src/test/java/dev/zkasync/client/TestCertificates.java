package dev.zkasync.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway CA and certificates signed by it, made with the JDK's {@code keytool} in a temp
 * directory: PKCS12 stores and PEM files, for TLS tests against a real server.
 */
final class TestCertificates {
    static final String PASSWORD = "changeit";

    final Path dir;
    final Path caPem;
    final Path trustStore;

    private TestCertificates(Path dir) {
        this.dir = dir;
        this.caPem = dir.resolve("ca.pem");
        this.trustStore = dir.resolve("truststore.p12");
    }

    /** A new CA, and a trust store holding it. */
    static TestCertificates create() throws IOException {
        TestCertificates certs = new TestCertificates(Files.createTempDirectory("zk-async-tls"));
        certs.keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=zk-async test CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", certs.store("ca"), "-storetype", "PKCS12",
                "-storepass", PASSWORD);
        certs.keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", certs.store("ca"), "-storepass", PASSWORD,
                "-file", certs.caPem.toString());
        certs.keytool("-importcert", "-noprompt", "-alias", "ca", "-file", certs.caPem.toString(), "-keystore",
                certs.trustStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        return certs;
    }

    /** A key pair for {@code name} signed by the CA, with the given subject alternative names ("dns:x,ip:y"). */
    Path issue(String name, String san) throws IOException {
        String store = store(name);
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name, "-validity", "2",
                "-keystore", store, "-storetype", "PKCS12", "-storepass", PASSWORD);
        Path csr = dir.resolve(name + ".csr");
        Path signed = dir.resolve(name + ".pem");
        keytool("-certreq", "-alias", name, "-keystore", store, "-storepass", PASSWORD, "-file", csr.toString());
        List<String> gencert = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", "ca", "-keystore", store("ca"),
                "-storepass", PASSWORD, "-infile", csr.toString(), "-outfile", signed.toString(), "-validity", "2"));
        if (san != null) {
            gencert.addAll(List.of("-ext", "SAN=" + san));
        }
        keytool(gencert.toArray(String[]::new));
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caPem.toString(), "-keystore", store,
                "-storepass", PASSWORD);
        keytool("-importcert", "-alias", name, "-file", signed.toString(), "-keystore", store, "-storepass", PASSWORD);
        writePemKey(name);
        return Path.of(store);
    }

    Path certificatePem(String name) {
        return dir.resolve(name + ".pem");
    }

    Path keyPem(String name) {
        return dir.resolve(name + ".key");
    }

    private void writePemKey(String name) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of(store(name)))) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASSWORD.toCharArray());
            Key key = ks.getKey(name, PASSWORD.toCharArray());
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            Files.writeString(keyPem(name), pem);
            Certificate[] chain = ks.getCertificateChain(name);
            StringBuilder certs = new StringBuilder();
            for (Certificate c : chain) {
                certs.append("-----BEGIN CERTIFICATE-----\n")
                        .append(Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(c.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            }
            Files.writeString(certificatePem(name), certs.toString());
        } catch (java.security.GeneralSecurityException e) {
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
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    void delete() {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
