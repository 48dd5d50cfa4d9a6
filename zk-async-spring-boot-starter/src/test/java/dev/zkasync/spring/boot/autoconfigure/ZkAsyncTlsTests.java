package dev.zkasync.spring.boot.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import dev.zkasync.client.KazooClient;
import dev.zkasync.test.ZooKeeperProcess;
import dev.zkasync.test.ZooKeeperServerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code zk.async.tls.*} against a real server's secureClientPort that demands client
 * certificates. The server's certificate names only {@code localhost}, so connecting by IP shows
 * host name verification at work.
 */
class ZkAsyncTlsTests {

    private static TestCertificateAuthority ca;

    private static Path clientStore;

    private static ZooKeeperProcess server;

    private static int securePort;

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ZkAsyncAutoConfiguration.class))
        .withPropertyValues("zk.async.startup.timeout=20s");

    @BeforeAll
    static void startTlsServer() throws IOException {
        ca = TestCertificateAuthority.create();
        Path serverStore = ca.issue("server", "dns:localhost");
        clientStore = ca.issue("client", null);
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            securePort = socket.getLocalPort();
        }
        server = ZooKeeperProcess.start(ZooKeeperServerOptions.builder()
            .zooCfg("secureClientPort", String.valueOf(securePort))
            .zooCfg("secureClientPortAddress", "127.0.0.1")
            .zooCfg("serverCnxnFactory", "org.apache.zookeeper.server.NettyServerCnxnFactory")
            .systemProperty("zookeeper.ssl.keyStore.location", serverStore.toString())
            .systemProperty("zookeeper.ssl.keyStore.password", TestCertificateAuthority.PASSWORD)
            .systemProperty("zookeeper.ssl.trustStore.location", ca.trustStore.toString())
            .systemProperty("zookeeper.ssl.trustStore.password", TestCertificateAuthority.PASSWORD)
            .systemProperty("zookeeper.ssl.clientAuth", "need")
            .systemProperty("zookeeper.ssl.hostnameVerification", "false")
            .build());
    }

    @AfterAll
    static void stopTlsServer() throws IOException {
        if (server != null) {
            server.close();
        }
        if (ca != null) {
            ca.close();
        }
    }

    @Test
    void keyAndTrustStoresGiveAConnectedClient() {
        this.contextRunner
            .withPropertyValues("zk.async.hosts=localhost:" + securePort,
                    "zk.async.tls.trust-store.location=file:" + ca.trustStore,
                    "zk.async.tls.trust-store.password=" + TestCertificateAuthority.PASSWORD,
                    "zk.async.tls.key-store.location=file:" + clientStore,
                    "zk.async.tls.key-store.password=" + TestCertificateAuthority.PASSWORD,
                    "zk.async.tls.key-store.type=PKCS12")
            .run((context) -> {
                KazooClient client = context.getBean(KazooClient.class);
                assertThat(client.connected()).isTrue();
                assertThat(client.session().config().tls()).isNotNull();
                client.ensurePath("/tls");
                assertThat(client.exists("/tls")).isNotNull();
            });
    }

    @Test
    void pemFilesGiveAConnectedClient() {
        this.contextRunner
            .withPropertyValues("zk.async.hosts=localhost:" + securePort,
                    "zk.async.tls.pem.trust-certificates=file:" + ca.caPem,
                    "zk.async.tls.pem.certificate=file:" + ca.certificatePem("client"),
                    "zk.async.tls.pem.private-key=file:" + ca.keyPem("client"), "zk.async.tls.protocols=TLSv1.3")
            .run((context) -> assertThat(context.getBean(KazooClient.class).connected()).isTrue());
    }

    @Test
    void hostnameVerificationRefusesACertificateForAnotherNameUnlessSwitchedOff() {
        String[] tls = { "zk.async.hosts=127.0.0.1:" + securePort,
                "zk.async.tls.pem.trust-certificates=file:" + ca.caPem,
                "zk.async.tls.pem.certificate=file:" + ca.certificatePem("client"),
                "zk.async.tls.pem.private-key=file:" + ca.keyPem("client") };
        this.contextRunner.withPropertyValues(tls).withPropertyValues("zk.async.startup.timeout=2s").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .isInstanceOf(ZkAsyncStartupException.class)
                .hasMessageContaining("127.0.0.1:" + securePort);
        });
        this.contextRunner.withPropertyValues(tls)
            .withPropertyValues("zk.async.tls.hostname-verification=false")
            .run((context) -> assertThat(context.getBean(KazooClient.class).connected()).isTrue());
    }

    @Test
    void incompleteOrMissingMaterialFailsTheStartupNamingTheProperty() {
        this.contextRunner.withPropertyValues("zk.async.hosts=localhost:" + securePort,
                "zk.async.tls.pem.certificate=file:" + ca.certificatePem("client"))
            .run((context) -> assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("zk.async.tls.pem.certificate and zk.async.tls.pem.private-key go together"));
        this.contextRunner
            .withPropertyValues("zk.async.hosts=localhost:" + securePort,
                    "zk.async.tls.trust-store.location=file:" + ca.dir.resolve("missing.p12"))
            .run((context) -> assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("zk.async.tls.trust-store.location")
                .hasMessageContaining("does not exist"));
        this.contextRunner
            .withPropertyValues("zk.async.hosts=localhost:" + securePort,
                    "zk.async.tls.trust-store.location=file:" + ca.trustStore,
                    "zk.async.tls.trust-store.password=wrong")
            .run((context) -> assertThat(context.getStartupFailure()).rootCause()
                .hasMessageNotContaining("wrong")
                .satisfies((ex) -> assertThat(context.getStartupFailure())
                    .hasStackTraceContaining("Invalid ZooKeeper security settings: zk.async.tls.*")));
    }

    @Test
    void tlsIsOffUnlessAskedFor() {
        this.contextRunner.withPropertyValues("zk.async.hosts=" + server.connectString())
            .run((context) -> assertThat(context.getBean(KazooClient.class).session().config().tls()).isNull());
        this.contextRunner
            .withPropertyValues("zk.async.hosts=" + server.connectString(),
                    "zk.async.tls.trust-store.location=file:" + ca.trustStore, "zk.async.tls.enabled=false")
            .run((context) -> assertThat(context.getBean(KazooClient.class).session().config().tls()).isNull());
    }

}
