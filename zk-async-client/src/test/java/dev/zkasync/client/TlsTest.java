package dev.zkasync.client;

import dev.zkasync.client.exception.ConfigurationException;
import dev.zkasync.client.data.ClientInfo;
import dev.zkasync.client.data.NodeData;
import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.exception.ConnectionLossException;
import dev.zkasync.client.exception.KazooTimeoutException;
import dev.zkasync.client.exception.TlsException;
import dev.zkasync.client.reliability.ReliabilityRecords;
import dev.zkasync.client.tls.TlsConfig;
import dev.zkasync.test.TestCertificates;
import dev.zkasync.test.ZooKeeperProcess;
import dev.zkasync.test.ZooKeeperServerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * TLS against a real server's secureClientPort that demands client certificates (mutual TLS). Its
 * certificate names only {@code localhost}, so connecting by IP tests host name verification.
 */
class TlsTest {
    private static final char[] PW = TestCertificates.PASSWORD.toCharArray();
    /** Far longer than any refusal may take: a refusal that waits for it is a hang. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration QUICK = Duration.ofSeconds(10);
    private static TestCertificates certs;
    private static Path clientStore;
    private static ZooKeeperProcess server;
    private static int securePort;
    private final List<KazooClient> clients = new ArrayList<>();

    @BeforeAll
    static void startTlsServer() throws Exception {
        certs = TestCertificates.create();
        Path serverStore = certs.issue("server", "dns:localhost");
        clientStore = certs.issue("client", null);
        try (ServerSocket s = new ServerSocket(0)) {
            securePort = s.getLocalPort();
        }
        server = ZooKeeperProcess.start(certs.secureClientPort(ZooKeeperServerOptions.builder(), serverStore, securePort)
                .build());
    }

    @AfterAll
    static void stopTlsServer() {
        if (server != null) {
            server.close();
        }
        if (certs != null) {
            certs.close();
        }
    }

    @AfterEach
    void closeClients() {
        clients.forEach(KazooClient::close);
    }

    private KazooClient connect(String host, TlsConfig tls, Duration timeout) {
        KazooClient c = KazooClient.builder().hosts(host + ":" + securePort).tls(tls)
                .sessionTimeout(Duration.ofSeconds(6)).build();
        clients.add(c);
        c.start(timeout);
        return c;
    }

    /** Runs {@code start}, which must fail with a TLS refusal well before its time-out, and records how fast. */
    private static void assertRefusedQuickly(String scenario, ThrowingCallable start, String... messageParts) {
        long begin = System.nanoTime();
        Throwable refused = catchThrowable(start);
        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        assertThat(refused).isInstanceOf(TlsException.class);
        for (String part : messageParts) {
            assertThat(refused).hasMessageContaining(part);
        }
        assertThat(took).as("refused without waiting out the start time-out").isLessThan(QUICK);
        recordFailure(scenario, refused, took);
    }

    private static void recordFailure(String scenario, Throwable failure, Duration took) {
        ReliabilityRecords.record("security", "TLS: " + scenario, "failed with", failure.getClass().getSimpleName());
        ReliabilityRecords.record("security", "TLS: " + scenario, "time to fail (ms)", took.toMillis());
    }

    @Test
    void aMutualTlsSessionIsAuthenticatedByTheClientCertificate() {
        TlsConfig tls = TlsConfig.builder().trustCertificates(certs.caPem())
                .keyStore(clientStore, PW, "PKCS12").build();
        KazooClient c = connect("localhost", tls, Duration.ofSeconds(20));
        // The server's X.509 provider took the identity from the certificate the client presented.
        assertThat(c.whoAmI()).contains(new ClientInfo("x509", "CN=client"));
        c.create("/tls/mutual-" + System.nanoTime(), "v".getBytes());
        ReliabilityRecords.record("security", "TLS: mutual TLS session", "server saw the client certificate", "CN=client");
    }

    /**
     * A port mismatch looks, to the client, like a server not serving yet (the connection closes),
     * so the client retries: {@code start} ends at its own short time-out, saying what may be wrong.
     */
    private static void assertMismatchReported(String scenario, KazooClient c, Class<? extends Throwable> cause,
                                               String... messageParts) {
        long begin = System.nanoTime();
        Throwable failure = catchThrowable(() -> c.start(Duration.ofSeconds(3)));
        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        assertThat(failure).isInstanceOf(KazooTimeoutException.class).cause().isInstanceOf(cause);
        for (String part : messageParts) {
            assertThat(failure).hasMessageContaining(part);
        }
        assertThat(took).isLessThan(QUICK);
        recordFailure(scenario, failure, took);
    }

    @Test
    void aPlaintextClientOnTheTlsPortFailsWithAHintAndNoHang() {
        KazooClient c = KazooClient.builder().hosts("localhost:" + securePort).sessionTimeout(Duration.ofSeconds(6)).build();
        clients.add(c);
        assertMismatchReported("plaintext client on the TLS port", c, ConnectionLossException.class,
                "without answering the handshake", "for a secureClientPort, configure TLS");
    }

    @Test
    void aTlsClientOnThePlaintextPortFailsWithAHintAndNoHang() {
        TlsConfig tls = TlsConfig.builder().trustStore(certs.trustStore(), PW, "PKCS12")
                .keyStore(clientStore, PW, "PKCS12").build();
        KazooClient c = KazooClient.builder().hosts("localhost:" + server.port()).tls(tls)
                .sessionTimeout(Duration.ofSeconds(6)).build();
        clients.add(c);
        assertMismatchReported("TLS client on the plaintext port", c, TlsException.class,
                "TLS with localhost:" + server.port(), "is it a plaintext port (clientPort, not secureClientPort)?");
    }

    @Test
    void pkcs12StoresGiveAWorkingSessionAndFourLetterWordsGoOverTls() {
        TlsConfig tls = TlsConfig.builder().trustStore(certs.trustStore(), PW, "PKCS12")
                .keyStore(clientStore, PW, "PKCS12").build();
        KazooClient c = connect("localhost", tls, Duration.ofSeconds(20));
        c.ensurePath("/tls/node");
        c.set("/tls/node", "secret".getBytes());
        assertThat(new String(c.get("/tls/node").data())).isEqualTo("secret");
        assertThat(c.command("ruok")).isEqualTo("imok");
        assertThat(tls.toString()).doesNotContain(TestCertificates.PASSWORD);
    }

    @Test
    void repliesReadInBatchesOverTlsAreAllThere() throws Exception {
        TlsConfig tls = TlsConfig.builder().trustStore(certs.trustStore(), PW, "PKCS12")
                .keyStore(clientStore, PW, "PKCS12").build();
        KazooClient c = connect("localhost", tls, Duration.ofSeconds(20));
        c.ensurePath("/tls/batched");
        c.set("/tls/batched", "v".getBytes());
        // TLS records and pauses in reading (when reads carry few replies) must not lose or split a reply.
        ClosedLoop.ofGets(c, "/tls/batched", 256, 10_000).awaitAllCorrect(Duration.ofSeconds(60));
    }

    @Test
    void bigValuesOverTlsArriveIntact() {
        TlsConfig tls = TlsConfig.builder().trustStore(certs.trustStore(), PW, "PKCS12")
                .keyStore(clientStore, PW, "PKCS12").build();
        KazooClient c = connect("localhost", tls, Duration.ofSeconds(20));
        byte[] big = new byte[1024 * 1024 - 1024];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 13);
        }
        c.ensurePath("/tls/big");
        c.ensurePath("/tls/small");
        c.set("/tls/big", big);
        c.set("/tls/small", "s".getBytes());
        // Gathered frames under TLS: records decrypted piecemeal, small replies right behind.
        List<AsyncResult<NodeData>> replies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            replies.add(c.getAsync("/tls/big"));
            replies.add(c.getAsync("/tls/small"));
        }
        for (int i = 0; i < replies.size(); i += 2) {
            assertThat(replies.get(i).get().data()).isEqualTo(big);
            assertThat(new String(replies.get(i + 1).get().data())).isEqualTo("s");
        }
    }

    @Test
    void pemTrustAndPemKeyWorkToo() {
        TlsConfig tls = TlsConfig.builder().trustCertificates(certs.caPem())
                .keyCertificate(certs.certificatePem("client"), certs.keyPem("client"), null).build();
        KazooClient c = connect("localhost", tls, Duration.ofSeconds(20));
        assertThat(c.exists("/")).isNotNull();
    }

    @Test
    void hostNameVerificationIsOnByDefaultAndACertificateForAnotherNameIsRefusedAtOnce() {
        TlsConfig byDefault = TlsConfig.builder().trustStore(certs.trustStore(), PW, "PKCS12")
                .keyStore(clientStore, PW, "PKCS12").build();
        assertThat(byDefault.hostnameVerification()).isTrue();
        // Refused on the first attempt: start gives up long before its own time-out.
        assertRefusedQuickly("certificate for another name, verification on by default",
                () -> connect("127.0.0.1", byDefault, START_TIMEOUT),
                "TLS with 127.0.0.1:" + securePort + ": the server's certificate does not name 127.0.0.1",
                "host name verification is on");
        TlsConfig lenient = TlsConfig.builder().trustStore(certs.trustStore(), PW, "PKCS12")
                .keyStore(clientStore, PW, "PKCS12").hostnameVerification(false).build();
        assertThat(connect("127.0.0.1", lenient, Duration.ofSeconds(20)).exists("/")).isNotNull();
    }

    @Test
    void mutualTlsRefusesAClientWithoutACertificate() {
        TlsConfig noKey = TlsConfig.builder().trustStore(certs.trustStore(), PW, "PKCS12").build();
        assertRefusedQuickly("mutual TLS, client without a certificate",
                () -> connect("localhost", noKey, START_TIMEOUT),
                "the server requires a client certificate (mutual TLS)");
    }

    @Test
    void anUntrustedServerIsRefused() throws Exception {
        TestCertificates other = TestCertificates.create();
        try {
            TlsConfig wrongCa = TlsConfig.builder().trustCertificates(other.caPem())
                    .keyStore(clientStore, PW, "PKCS12").build();
            assertRefusedQuickly("server certificate from an untrusted CA (PEM trust)",
                    () -> connect("localhost", wrongCa, START_TIMEOUT),
                    "the server's certificate is not trusted");
        } finally {
            other.close();
        }
    }

    private static TrustManagerFactory trustManagers(Path trustStore) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(TestCertificates.load(trustStore));
        return tmf;
    }

    private static KeyManagerFactory keyManagers(Path keyStore) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(TestCertificates.load(keyStore), PW);
        return kmf;
    }

    @Test
    void readyMadeKeyAndTrustManagerFactoriesGiveAMutualTlsSession() throws Exception {
        TrustManagerFactory tmf = trustManagers(certs.trustStore());
        KeyManagerFactory kmf = keyManagers(clientStore);
        TlsConfig tls = TlsConfig.builder().trustManagerFactory(tmf).keyManagerFactory(kmf).build();
        KazooClient c = connect("localhost", tls, Duration.ofSeconds(20));
        c.ensurePath("/tls/factories");
        assertThat(c.exists("/tls/factories")).isNotNull();
        assertThat(c.command("ruok")).isEqualTo("imok");
    }

    @Test
    void aTrustManagerFactoryThatDoesNotTrustTheServerIsRefused() throws Exception {
        TestCertificates other = TestCertificates.create();
        try {
            TrustManagerFactory tmf = trustManagers(other.trustStore());
            KeyManagerFactory kmf = keyManagers(clientStore);
            TlsConfig tls = TlsConfig.builder().trustManagerFactory(tmf).keyManagerFactory(kmf).build();
            assertRefusedQuickly("server certificate from an untrusted CA (TrustManagerFactory)",
                    () -> connect("localhost", tls, START_TIMEOUT), "the server's certificate is not trusted");
        } finally {
            other.close();
        }
    }

    @Test
    void factoriesAndFilesForTheSameMaterialAreRefused() throws Exception {
        TrustManagerFactory tmf = trustManagers(certs.trustStore());
        KeyManagerFactory kmf = keyManagers(clientStore);
        assertThatThrownBy(() -> TlsConfig.builder().trustManagerFactory(tmf).trustCertificates(certs.caPem()).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("TrustManagerFactory");
        assertThatThrownBy(() -> TlsConfig.builder().keyManagerFactory(kmf).keyStore(clientStore, PW, "PKCS12").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("KeyManagerFactory");
    }
}
