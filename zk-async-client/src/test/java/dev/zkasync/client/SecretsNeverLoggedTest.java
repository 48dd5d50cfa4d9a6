package dev.zkasync.client;

import dev.zkasync.client.acl.Acls;
import dev.zkasync.client.acl.Perms;
import dev.zkasync.client.exception.AuthFailedException;
import dev.zkasync.client.exception.ConfigurationException;
import dev.zkasync.client.exception.NoAuthException;
import dev.zkasync.client.exception.TlsException;
import dev.zkasync.client.reliability.ReliabilityRecords;
import dev.zkasync.client.sasl.SaslConfig;
import dev.zkasync.client.session.AuthInfo;
import dev.zkasync.client.state.ClientId;
import dev.zkasync.client.tls.TlsConfig;
import dev.zkasync.test.FaultProxy;
import dev.zkasync.test.TestCertificates;
import dev.zkasync.test.ZooKeeperProcess;
import dev.zkasync.test.ZooKeeperServerOptions;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.Slf4JLoggerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Digest auth, SASL and TLS (store and key passwords) against one real server, with the client's
 * and Netty's loggers at TRACE: no password, digest credential, session password or private key
 * may appear in any log line, exception (message, cause or stack) or {@code toString()}.
 *
 * <p>Tagged {@code log-scan}: the {@code log-scan} execution of the client's build runs it in a JVM
 * of its own whose SLF4J logs everything at TRACE into a file (see the client's {@code pom.xml}).
 */
@Tag("log-scan")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecretsNeverLoggedTest {
    private static final String LOG_FILE = "org.slf4j.simpleLogger.logFile";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String DIGEST_PASSWORD = secret();
    private static final String DIGEST_CREDENTIAL = "alice:" + DIGEST_PASSWORD;
    private static final String WRONG_PASSWORD = secret();
    private static final String SASL_PASSWORD = secret();
    private static final String STORE_PASSWORD = secret();
    private static final String KEY_PASSWORD = secret();

    /** Every form of every secret that must not be printed. */
    private static final Set<String> secrets = new LinkedHashSet<>(List.of(DIGEST_PASSWORD, DIGEST_CREDENTIAL,
            WRONG_PASSWORD, SASL_PASSWORD, STORE_PASSWORD, KEY_PASSWORD));
    /** What the scenarios printed outside the log: exceptions with their causes, and toString()s. */
    private static final List<String> printed = new ArrayList<>();

    private static TestCertificates certs;
    private static Path clientStore;
    private static Path jaas;
    private static ZooKeeperProcess server;
    private static int securePort;
    private final List<KazooClient> clients = new ArrayList<>();

    private static String secret() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return "s3cr3t-" + HexFormat.of().formatHex(bytes);
    }

    @BeforeAll
    static void startServer() throws IOException {
        assertThat(LoggerFactory.getLogger(KazooClient.class).isTraceEnabled())
                .as("the client's loggers are at TRACE (the log-scan execution sets it)").isTrue();
        // Netty picks its logging at first use; it must be SLF4J, so that its lines are scanned too.
        InternalLoggerFactory.setDefaultFactory(Slf4JLoggerFactory.INSTANCE);
        certs = TestCertificates.create();
        Path serverStore = certs.issue("server", "dns:localhost");
        clientStore = certs.issue("client", null);
        jaas = Files.createTempFile("zk-async-jaas", ".conf");
        Files.writeString(jaas, "Server {\n  org.apache.zookeeper.server.auth.DigestLoginModule required\n"
                + "  user_bob=\"" + SASL_PASSWORD + "\";\n};\n");
        try (ServerSocket s = new ServerSocket(0)) {
            securePort = s.getLocalPort();
        }
        server = ZooKeeperProcess.start(certs.secureClientPort(ZooKeeperServerOptions.builder()
                        .zooCfg("authProvider.sasl", "org.apache.zookeeper.server.auth.SASLAuthenticationProvider")
                        .systemProperty("java.security.auth.login.config", jaas.toString()), serverStore, securePort)
                .build());
        for (Path pem : List.of(certs.keyPem("client"), certs.encryptedKeyPem("client", KEY_PASSWORD))) {
            // Each line of a key's base64 body is a secret: even a part of a key must not leak.
            Files.readAllLines(pem).stream().filter(line -> !line.startsWith("-----")).forEach(secrets::add);
        }
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
        if (certs != null) {
            certs.close();
        }
        if (jaas != null) {
            Files.deleteIfExists(jaas);
        }
    }

    @AfterEach
    void closeClients() {
        clients.forEach(KazooClient::close);
    }

    private KazooClient started(KazooClientBuilder builder) {
        KazooClient c = builder.sessionTimeout(Duration.ofSeconds(10)).build();
        clients.add(c);
        printed.add(builder.toString());
        c.start(Duration.ofSeconds(30));
        printed.add(c.toString());
        printed.add(c.settings().toString());
        return c;
    }

    private static void printedFailure(Throwable failure) {
        assertThat(failure).isNotNull();
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace)); // every cause and suppressed exception, with messages
        printed.add(failure.toString());
        printed.add(trace.toString());
    }

    /** The session's password, as bytes would be printed: hex, base64 and Java's array form. */
    private static void sessionPasswordIsSecret(ClientId id) {
        byte[] password = id.password();
        secrets.add(HexFormat.of().formatHex(password));
        secrets.add(Base64.getEncoder().encodeToString(password));
        secrets.add(Arrays.toString(password));
        printed.add(id.toString());
    }

    @Test
    @Order(1)
    void digestAuthWithItsCredentialSessionPasswordAndAResumedSession() throws InterruptedException {
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", server.port())) {
            KazooClient alice = started(KazooClient.builder().hosts(proxy.connectString()).authData("digest", DIGEST_CREDENTIAL));
            alice.create("/scan-digest", "v".getBytes(), CreateOptions.DEFAULT.acl(
                    List.of(Acls.digestAcl("alice", DIGEST_PASSWORD, Perms.ALL))));
            ClientId id = alice.clientId();
            sessionPasswordIsSecret(id);
            printed.add(new AuthInfo("digest", DIGEST_CREDENTIAL.getBytes(StandardCharsets.UTF_8)).toString());

            // A dropped connection: the session is resumed with its password and the credential replayed.
            int accepted = proxy.totalConnectionsAccepted();
            proxy.dropConnections();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (proxy.totalConnectionsAccepted() == accepted || !alice.connected()) {
                assertThat(System.nanoTime()).as("reconnected through the proxy in time").isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(alice.clientId()).isEqualTo(id);
            assertThat(alice.get("/scan-digest").data()).isEqualTo("v".getBytes());
        }

        KazooClient intruder = started(KazooClient.builder().hosts(server.connectString()));
        intruder.addAuth("digest", "alice:" + WRONG_PASSWORD);
        Throwable refused = catchThrowable(() -> intruder.get("/scan-digest"));
        assertThat(refused).isInstanceOf(NoAuthException.class);
        printedFailure(refused);
        sessionPasswordIsSecret(intruder.clientId());
    }

    @Test
    @Order(2)
    void saslWithTheRightAndAWrongPassword() {
        SaslConfig bob = SaslConfig.digestMd5("bob", SASL_PASSWORD);
        printed.add(bob.toString());
        KazooClient c = started(KazooClient.builder().hosts(server.connectString()).sasl(bob));
        assertThat(c.whoAmI()).anyMatch(info -> info.authScheme().equals("sasl") && info.user().equals("bob"));
        sessionPasswordIsSecret(c.clientId());

        KazooClient wrong = KazooClient.builder().hosts(server.connectString()).sessionTimeout(Duration.ofSeconds(10))
                .sasl(SaslConfig.digestMd5("bob", WRONG_PASSWORD)).build();
        clients.add(wrong);
        Throwable refused = catchThrowable(() -> wrong.start(Duration.ofSeconds(30)));
        assertThat(refused).isInstanceOf(AuthFailedException.class);
        printedFailure(refused);
    }

    @Test
    @Order(3)
    void tlsWithStorePasswordsAnEncryptedKeyAndTheirMistakes() {
        Path trust = certs.copyWithPassword(certs.trustStore(), STORE_PASSWORD);
        Path key = certs.copyWithPassword(clientStore, STORE_PASSWORD);
        TlsConfig stores = TlsConfig.builder().trustStore(trust, STORE_PASSWORD.toCharArray(), "PKCS12")
                .keyStore(key, STORE_PASSWORD.toCharArray(), "PKCS12").build();
        printed.add(stores.toString());
        KazooClient c = started(KazooClient.builder().hosts("localhost:" + securePort).tls(stores));
        sessionPasswordIsSecret(c.clientId());
        assertThat(c.command("ruok")).isEqualTo("imok");

        TlsConfig pem = TlsConfig.builder().trustCertificates(certs.caPem()).keyCertificate(certs.certificatePem("client"),
                certs.encryptedKeyPem("client", KEY_PASSWORD), KEY_PASSWORD).build();
        KazooClient withPem = started(KazooClient.builder().hosts("localhost:" + securePort).tls(pem));
        assertThat(withPem.exists("/")).isNotNull();

        printedFailure(catchThrowable(() -> TlsConfig.builder()
                .keyStore(key, WRONG_PASSWORD.toCharArray(), "PKCS12").build()));
        Throwable wrongKeyPassword = catchThrowable(() -> TlsConfig.builder().keyCertificate(certs.certificatePem("client"),
                certs.encryptedKeyPem("client", KEY_PASSWORD), WRONG_PASSWORD).build());
        assertThat(wrongKeyPassword).isInstanceOf(ConfigurationException.class);
        printedFailure(wrongKeyPassword);
        Throwable wrongName = catchThrowable(() -> started(KazooClient.builder().hosts("127.0.0.1:" + securePort).tls(stores)));
        assertThat(wrongName).isInstanceOf(TlsException.class);
        printedFailure(wrongName);
    }

    @Test
    @Order(4)
    void noSecretAppearsInAnyLogLineExceptionOrToString() throws IOException {
        Path log = Path.of(System.getProperty(LOG_FILE));
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).as("the client logged at DEBUG or TRACE")
                .anyMatch(line -> line.contains("dev.zkasync.client") && (line.contains("DEBUG") || line.contains("TRACE")));
        assertThat(lines).as("Netty logged through SLF4J").anyMatch(line -> line.contains("io.netty"));
        assertThat(printed).as("scenarios ran").hasSizeGreaterThan(20);
        for (String secret : secrets) {
            assertThat(lines).as("log lines").noneMatch(line -> line.contains(secret));
            assertThat(printed).as("exceptions and toString()").noneMatch(text -> text.contains(secret));
        }
        String scenario = "digest auth, SASL, TLS stores and encrypted key, at TRACE";
        ReliabilityRecords.record("security", scenario, "log lines scanned", lines.size());
        ReliabilityRecords.record("security", scenario, "exceptions and toString() scanned", printed.size());
        ReliabilityRecords.record("security", scenario, "secret forms searched", secrets.size());
        ReliabilityRecords.record("security", scenario, "secrets found", 0);
    }
}
