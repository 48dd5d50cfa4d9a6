package dev.zkasync.client;

import dev.zkasync.client.exception.ConfigurationException;
import dev.zkasync.client.exception.KazooTimeoutException;
import dev.zkasync.client.tls.TlsConfig;
import dev.zkasync.test.TestCertificates;
import dev.zkasync.test.ZooKeeperProcess;
import dev.zkasync.test.ZooKeeperServerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * TLS against a real server's secureClientPort that demands client certificates (mutual TLS). Its
 * certificate names only {@code localhost}, so connecting by IP tests host name verification.
 */
class TlsTest {
    private static final char[] PW = TestCertificates.PASSWORD.toCharArray();
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
        server = ZooKeeperProcess.start(ZooKeeperServerOptions.builder()
                .zooCfg("secureClientPort", String.valueOf(securePort))
                .zooCfg("secureClientPortAddress", "127.0.0.1")
                .zooCfg("serverCnxnFactory", "org.apache.zookeeper.server.NettyServerCnxnFactory")
                .systemProperty("zookeeper.ssl.keyStore.location", serverStore.toString())
                .systemProperty("zookeeper.ssl.keyStore.password", TestCertificates.PASSWORD)
                .systemProperty("zookeeper.ssl.keyStore.type", "PKCS12")
                .systemProperty("zookeeper.ssl.trustStore.location", certs.trustStore().toString())
                .systemProperty("zookeeper.ssl.trustStore.password", TestCertificates.PASSWORD)
                .systemProperty("zookeeper.ssl.trustStore.type", "PKCS12")
                .systemProperty("zookeeper.ssl.clientAuth", "need")
                .systemProperty("zookeeper.ssl.hostnameVerification", "false")
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
    void pemTrustAndPemKeyWorkToo() {
        TlsConfig tls = TlsConfig.builder().trustCertificates(certs.caPem())
                .keyCertificate(certs.certificatePem("client"), certs.keyPem("client"), null).build();
        KazooClient c = connect("localhost", tls, Duration.ofSeconds(20));
        assertThat(c.exists("/")).isNotNull();
    }

    @Test
    void aCertificateForAnotherNameIsRefusedUnlessVerificationIsOff() {
        TlsConfig verifying = TlsConfig.builder().trustStore(certs.trustStore(), PW, "PKCS12")
                .keyStore(clientStore, PW, "PKCS12").build();
        assertThatThrownBy(() -> connect("127.0.0.1", verifying, Duration.ofSeconds(3)))
                .isInstanceOf(KazooTimeoutException.class)
                .hasMessageContaining("127.0.0.1");
        TlsConfig lenient = TlsConfig.builder().trustStore(certs.trustStore(), PW, "PKCS12")
                .keyStore(clientStore, PW, "PKCS12").hostnameVerification(false).build();
        assertThat(connect("127.0.0.1", lenient, Duration.ofSeconds(20)).exists("/")).isNotNull();
    }

    @Test
    void mutualTlsRefusesAClientWithoutACertificate() {
        TlsConfig noKey = TlsConfig.builder().trustStore(certs.trustStore(), PW, "PKCS12").build();
        assertThatThrownBy(() -> connect("localhost", noKey, Duration.ofSeconds(3)))
                .isInstanceOf(KazooTimeoutException.class);
    }

    @Test
    void anUntrustedServerIsRefused() throws Exception {
        TestCertificates other = TestCertificates.create();
        try {
            TlsConfig wrongCa = TlsConfig.builder().trustCertificates(other.caPem())
                    .keyStore(clientStore, PW, "PKCS12").build();
            assertThatThrownBy(() -> connect("localhost", wrongCa, Duration.ofSeconds(3)))
                    .isInstanceOf(KazooTimeoutException.class);
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
            assertThatThrownBy(() -> connect("localhost", tls, Duration.ofSeconds(3)))
                    .isInstanceOf(KazooTimeoutException.class);
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
