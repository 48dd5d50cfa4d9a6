package dev.zkasync.spring.boot.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import dev.zkasync.client.KazooClient;
import dev.zkasync.test.TestCertificates;
import dev.zkasync.test.ZooKeeperProcess;
import dev.zkasync.test.ZooKeeperServerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code zk.async.tls.*} and SSL bundles against a real server's secureClientPort that demands client
 * certificates. The server's certificate names only {@code localhost}, so connecting by IP shows
 * host name verification at work.
 */
class ZkAsyncTlsTests {

    private static TestCertificates ca;

    private static Path clientStore;

    private static ZooKeeperProcess server;

    private static int securePort;

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ZkAsyncAutoConfiguration.class))
        .withPropertyValues("zk.async.startup.timeout=20s");

    @BeforeAll
    static void startTlsServer() throws IOException {
        ca = TestCertificates.create();
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
            .systemProperty("zookeeper.ssl.keyStore.password", TestCertificates.PASSWORD)
            .systemProperty("zookeeper.ssl.trustStore.location", ca.trustStore().toString())
            .systemProperty("zookeeper.ssl.trustStore.password", TestCertificates.PASSWORD)
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
                    "zk.async.tls.trust-store.location=file:" + ca.trustStore(),
                    "zk.async.tls.trust-store.password=" + TestCertificates.PASSWORD,
                    "zk.async.tls.key-store.location=file:" + clientStore,
                    "zk.async.tls.key-store.password=" + TestCertificates.PASSWORD,
                    "zk.async.tls.key-store.type=PKCS12")
            .run((context) -> {
                KazooClient client = context.getBean(KazooClient.class);
                assertThat(client.connected()).isTrue();
                assertThat(client.settings().tls()).isNotNull();
                client.ensurePath("/tls");
                assertThat(client.exists("/tls")).isNotNull();
            });
    }

    @Test
    void pemFilesGiveAConnectedClient() {
        this.contextRunner
            .withPropertyValues("zk.async.hosts=localhost:" + securePort,
                    "zk.async.tls.pem.trust-certificates=file:" + ca.caPem(),
                    "zk.async.tls.pem.certificate=file:" + ca.certificatePem("client"),
                    "zk.async.tls.pem.private-key=file:" + ca.keyPem("client"), "zk.async.tls.protocols=TLSv1.3")
            .run((context) -> assertThat(context.getBean(KazooClient.class).connected()).isTrue());
    }

    @Test
    void hostnameVerificationRefusesACertificateForAnotherNameUnlessSwitchedOff() {
        String[] tls = { "zk.async.hosts=127.0.0.1:" + securePort,
                "zk.async.tls.pem.trust-certificates=file:" + ca.caPem(),
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
                    "zk.async.tls.trust-store.location=file:" + ca.dir().resolve("missing.p12"))
            .run((context) -> assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("zk.async.tls.trust-store.location")
                .hasMessageContaining("does not exist"));
        this.contextRunner
            .withPropertyValues("zk.async.hosts=localhost:" + securePort,
                    "zk.async.tls.trust-store.location=file:" + ca.trustStore(),
                    "zk.async.tls.trust-store.password=wrong")
            .run((context) -> assertThat(context.getStartupFailure()).rootCause()
                .hasMessageNotContaining("wrong")
                .satisfies((ex) -> assertThat(context.getStartupFailure())
                    .hasStackTraceContaining("Invalid ZooKeeper security settings: zk.async.tls.*")));
    }

    @Test
    void tlsIsOffUnlessAskedFor() {
        this.contextRunner.withPropertyValues("zk.async.hosts=" + server.connectString())
            .run((context) -> assertThat(context.getBean(KazooClient.class).settings().tls()).isNull());
        this.contextRunner
            .withPropertyValues("zk.async.hosts=" + server.connectString(),
                    "zk.async.tls.trust-store.location=file:" + ca.trustStore(), "zk.async.tls.enabled=false")
            .run((context) -> assertThat(context.getBean(KazooClient.class).settings().tls()).isNull());
    }


    private ApplicationContextRunner withSslBundles() {
        return this.contextRunner
            .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, ZkAsyncAutoConfiguration.class));
    }

    @Test
    void aJksStyleSslBundleGivesAConnectedClient() {
        withSslBundles()
            .withPropertyValues("zk.async.hosts=localhost:" + securePort, "zk.async.ssl.bundle=zk",
                    "spring.ssl.bundle.jks.zk.truststore.location=file:" + ca.trustStore(),
                    "spring.ssl.bundle.jks.zk.truststore.password=" + TestCertificates.PASSWORD,
                    "spring.ssl.bundle.jks.zk.truststore.type=PKCS12",
                    "spring.ssl.bundle.jks.zk.keystore.location=file:" + clientStore,
                    "spring.ssl.bundle.jks.zk.keystore.password=" + TestCertificates.PASSWORD,
                    "spring.ssl.bundle.jks.zk.keystore.type=PKCS12")
            .run((context) -> {
                KazooClient client = context.getBean(KazooClient.class);
                assertThat(client.connected()).isTrue();
                assertThat(client.settings().tls()).isNotNull();
                client.ensurePath("/bundle/jks");
                assertThat(client.exists("/bundle/jks")).isNotNull();
            });
    }

    @Test
    void aPemSslBundleWithProtocolOptionsGivesAConnectedClient() {
        withSslBundles()
            .withPropertyValues("zk.async.hosts=localhost:" + securePort, "zk.async.ssl.bundle=zk",
                    "spring.ssl.bundle.pem.zk.truststore.certificate=file:" + ca.caPem(),
                    "spring.ssl.bundle.pem.zk.keystore.certificate=file:" + ca.certificatePem("client"),
                    "spring.ssl.bundle.pem.zk.keystore.private-key=file:" + ca.keyPem("client"),
                    "spring.ssl.bundle.pem.zk.options.enabled-protocols=TLSv1.3")
            .run((context) -> assertThat(context.getBean(KazooClient.class).connected()).isTrue());
    }

    @Test
    void aBundleWithoutTheClientKeyIsRefusedByTheMutualTlsServer() {
        withSslBundles()
            .withPropertyValues("zk.async.hosts=localhost:" + securePort, "zk.async.ssl.bundle=zk",
                    "zk.async.startup.timeout=2s", "spring.ssl.bundle.pem.zk.truststore.certificate=file:" + ca.caPem())
            .run((context) -> assertThat(context.getStartupFailure()).rootCause()
                .isInstanceOf(ZkAsyncStartupException.class)
                .hasMessageContaining("localhost:" + securePort));
    }

    @Test
    void hostnameVerificationStillAppliesToABundle() {
        String[] bundle = { "zk.async.hosts=127.0.0.1:" + securePort, "zk.async.ssl.bundle=zk",
                "spring.ssl.bundle.pem.zk.truststore.certificate=file:" + ca.caPem(),
                "spring.ssl.bundle.pem.zk.keystore.certificate=file:" + ca.certificatePem("client"),
                "spring.ssl.bundle.pem.zk.keystore.private-key=file:" + ca.keyPem("client") };
        withSslBundles().withPropertyValues(bundle)
            .withPropertyValues("zk.async.startup.timeout=2s")
            .run((context) -> assertThat(context.getStartupFailure()).rootCause()
                .isInstanceOf(ZkAsyncStartupException.class));
        withSslBundles().withPropertyValues(bundle)
            .withPropertyValues("zk.async.tls.hostname-verification=false")
            .run((context) -> assertThat(context.getBean(KazooClient.class).connected()).isTrue());
    }

    @Test
    void anUnknownBundleOrABundleWithTlsMaterialFailsTheStartupClearly() {
        withSslBundles().withPropertyValues("zk.async.hosts=localhost:" + securePort, "zk.async.ssl.bundle=missing")
            .run((context) -> assertThat(context.getStartupFailure()).rootCause()
                .isInstanceOf(NoSuchSslBundleException.class)
                .hasMessageContaining("missing"));
        withSslBundles()
            .withPropertyValues("zk.async.hosts=localhost:" + securePort, "zk.async.ssl.bundle=zk",
                    "spring.ssl.bundle.pem.zk.truststore.certificate=file:" + ca.caPem(),
                    "zk.async.tls.pem.trust-certificates=file:" + ca.caPem())
            .run((context) -> assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("set zk.async.ssl.bundle or the key and trust material of zk.async.tls.*"));
    }

    @Test
    void tlsEnabledFalseSwitchesABundleOff() {
        withSslBundles()
            .withPropertyValues("zk.async.hosts=" + server.connectString(), "zk.async.ssl.bundle=zk",
                    "zk.async.tls.enabled=false", "spring.ssl.bundle.pem.zk.truststore.certificate=file:" + ca.caPem())
            .run((context) -> {
                KazooClient client = context.getBean(KazooClient.class);
                assertThat(client.settings().tls()).isNull();
                assertThat(client.connected()).isTrue();
            });
    }

    @Test
    void theSslBundleOfAServiceConnectionIsUsed() {
        ZkAsyncConnectionDetails details = new ZkAsyncConnectionDetails() {
            @Override
            public String getConnectString() {
                return "localhost:" + securePort;
            }

            @Override
            public SslBundle getSslBundle() {
                return SslBundle.of(SslStoreBundle.of(TestCertificates.load(clientStore), TestCertificates.PASSWORD,
                        TestCertificates.load(ca.trustStore())));
            }
        };
        this.contextRunner.withBean(ZkAsyncConnectionDetails.class, () -> details)
            .run((context) -> assertThat(context.getBean(KazooClient.class).connected()).isTrue());
    }
}
