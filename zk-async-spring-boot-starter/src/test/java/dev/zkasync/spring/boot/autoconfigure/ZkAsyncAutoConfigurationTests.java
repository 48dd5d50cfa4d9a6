package dev.zkasync.spring.boot.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.zkasync.client.CreateOptions;
import dev.zkasync.client.ClientSettings;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.retry.KazooRetry;
import dev.zkasync.client.state.KeeperState;
import dev.zkasync.client.acl.ACL;
import dev.zkasync.client.acl.Acls;
import dev.zkasync.client.acl.Id;
import dev.zkasync.client.acl.Perms;
import dev.zkasync.client.exception.ConnectionLossException;
import dev.zkasync.client.handler.DirectHandler;
import dev.zkasync.client.handler.SequentialThreadingHandler;
import dev.zkasync.client.handler.SequentialVirtualThreadHandler;
import dev.zkasync.client.metrics.RequestObserver;
import dev.zkasync.test.ZooKeeperExtension;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link ZkAsyncAutoConfiguration}, against a real ZooKeeper server.
 */
class ZkAsyncAutoConfigurationTests {

    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.shared();

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ZkAsyncAutoConfiguration.class));

    private ApplicationContextRunner connected() {
        return this.contextRunner.withPropertyValues("zk.async.hosts=" + zk.connectString());
    }

    @Test
    void connectsBeforeTheWebServerStartsAndClosesTheSessionAfterIt() {
        AtomicReference<KazooClient> seen = new AtomicReference<>();
        connected().run((context) -> {
            assertThat(context).hasSingleBean(KazooClient.class)
                .hasSingleBean(KazooClientLifecycle.class)
                .hasSingleBean(PropertiesZkAsyncConnectionDetails.class);
            KazooClient client = context.getBean(KazooClient.class);
            seen.set(client);
            assertThat(client.connected()).as("connected once the context is refreshed").isTrue();
            assertThat(client.chroot()).isEqualTo(zk.chroot());
            KazooClientLifecycle lifecycle = context.getBean(KazooClientLifecycle.class);
            assertThat(lifecycle.isRunning()).isTrue();
            assertThat(lifecycle.getPhase()).isLessThan(WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE);
            client.ensurePath("/");
            client.create("/ephemeral", null, CreateOptions.DEFAULT.ephemeral());
        });
        assertThat(seen.get().clientState()).isEqualTo(KeeperState.CLOSED);
        try (KazooClient other = KazooClient.builder().hosts(zk.connectString()).build()) {
            other.start(Duration.ofSeconds(30));
            assertThat(other.exists("/ephemeral")).as("the session was closed, not left to expire").isNull();
        }
    }

    @Test
    void appliesEveryConnectionProperty() {
        connected()
            .withPropertyValues("zk.async.session-timeout=6s", "zk.async.connection-timeout=3s",
                    "zk.async.request-timeout=7s", "zk.async.close-timeout=2s", "zk.async.max-in-flight=100",
                    "zk.async.max-queued-requests=200", "zk.async.read-only=true", "zk.async.randomize-hosts=false",
                    "zk.async.reply-batch-window=250us",
                    "zk.async.connection-retry.max-tries=5", "zk.async.connection-retry.delay=50ms",
                    "zk.async.connection-retry.backoff=1.5", "zk.async.connection-retry.max-delay=1s",
                    "zk.async.connection-retry.jitter=0.1")
            .run((context) -> {
                KazooClient client = context.getBean(KazooClient.class);
                ClientSettings config = client.settings();
                assertThat(config.sessionTimeout()).isEqualTo(Duration.ofSeconds(6));
                assertThat(client.negotiatedSessionTimeout()).as("granted by the server").isEqualTo(6000);
                assertThat(config.connectionTimeout()).isEqualTo(Duration.ofSeconds(3));
                assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(7));
                assertThat(config.closeTimeout()).isEqualTo(Duration.ofSeconds(2));
                assertThat(config.maxInFlight()).isEqualTo(100);
                assertThat(config.maxQueuedRequests()).isEqualTo(200);
                assertThat(config.replyBatchWindow()).isEqualTo(Duration.ofNanos(250_000));
                assertThat(config.readOnlyAllowed()).isTrue();
                assertThat(config.randomizeHosts()).isFalse();
                assertThat(config.connectionRetry().maxTries()).isEqualTo(5);
                assertThat(config.connectionRetry().delay()).isEqualTo(Duration.ofMillis(50));
                assertThat(config.connectionRetry().backoff()).isEqualTo(1.5);
                assertThat(config.connectionRetry().maxDelay()).isEqualTo(Duration.ofSeconds(1));
                assertThat(config.connectionRetry().maxJitter()).isEqualTo(0.1);
            });
    }

    @Test
    void defaultsAreTheClientsOwn() {
        connected().run((context) -> {
            ClientSettings config = context.getBean(KazooClient.class).settings();
            ZkAsyncProperties properties = new ZkAsyncProperties();
            KazooRetry clientConnectionRetry = KazooRetry.forever().withMaxDelay(Duration.ofSeconds(2));
            assertThat(config.sessionTimeout()).isEqualTo(properties.getSessionTimeout())
                .isEqualTo(Duration.ofSeconds(10));
            assertThat(config.connectionTimeout()).isNull();
            assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(config.closeTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(config.maxInFlight()).isEqualTo(512);
            assertThat(config.maxQueuedRequests()).isEqualTo(16384);
            assertThat(config.replyBatchWindow()).isEqualTo(properties.getReplyBatchWindow())
                .isEqualTo(Duration.ofMillis(1));
            assertThat(config.readOnlyAllowed()).isFalse();
            assertThat(config.randomizeHosts()).isTrue();
            assertThat(config.connectionRetry().maxTries()).isEqualTo(clientConnectionRetry.maxTries());
            assertThat(config.connectionRetry().delay()).isEqualTo(clientConnectionRetry.delay());
            assertThat(config.connectionRetry().maxDelay()).isEqualTo(clientConnectionRetry.maxDelay());
            assertThat(config.connectionRetry().maxJitter()).isEqualTo(clientConnectionRetry.maxJitter());
            assertThat(config.authSchemes()).isEmpty();
            assertThat(context.getBean(KazooClient.class).defaultAcl()).isEqualTo(Acls.OPEN_ACL_UNSAFE);
            assertThat(config.requestObserver()).as("no observation registry, no observer").isNull();
        });
    }

    @Test
    void commandRetryPropertiesShapeKazooClientRetry() {
        connected()
            .withPropertyValues("zk.async.command-retry.max-tries=3", "zk.async.command-retry.delay=1ms",
                    "zk.async.command-retry.backoff=1", "zk.async.command-retry.jitter=0")
            .run((context) -> {
                KazooClient client = context.getBean(KazooClient.class);
                AtomicInteger attempts = new AtomicInteger();
                assertThatThrownBy(() -> client.retry(() -> {
                    attempts.incrementAndGet();
                    throw new ConnectionLossException("/flaky");
                })).isInstanceOf(KazooRetry.RetryFailedException.class);
                assertThat(attempts).hasValue(3);
            });
    }

    @Test
    void shutdownPhaseTimeoutCapsTheCloseTimeout() {
        connected().withPropertyValues("spring.lifecycle.timeout-per-shutdown-phase=1500ms")
            .run((context) -> assertThat(context.getBean(KazooClient.class).settings().closeTimeout())
                .isEqualTo(Duration.ofMillis(1500)));
    }

    @Test
    void authAndDefaultAclApplyToCreatedNodes() {
        connected()
            .withPropertyValues("zk.async.auth[0].scheme=digest", "zk.async.auth[0].credential=app:s3cret",
                    "zk.async.default-acl=auth::ALL,world:anyone:r")
            .run((context) -> {
                KazooClient client = context.getBean(KazooClient.class);
                assertThat(client.settings().authSchemes()).containsExactly("digest");
                client.ensurePath("/");
                client.create("/secured", "x".getBytes(StandardCharsets.UTF_8));
                assertThat(client.getAcls("/secured").acls()).containsExactlyInAnyOrder(
                        ACL.of(Perms.ALL, "digest", Acls.digest("app", "s3cret")),
                        new ACL(Perms.READ, Id.ANYONE_ID_UNSAFE));
            });
    }

    @Test
    void defaultAclAcceptsNamesLettersAndIdsWithColons() {
        assertThat(AclEntries.parse(List.of("world:anyone:ALL", " ip:10.0.0.0/8:cdrwa ", "digest:u:HASH=:READ|WRITE",
                "x509:CN=a,O=b:rw")))
            .containsExactly(new ACL(Perms.ALL, Id.ANYONE_ID_UNSAFE), ACL.of(Perms.ALL, "ip", "10.0.0.0/8"),
                    ACL.of(Perms.READ | Perms.WRITE, "digest", "u:HASH="),
                    ACL.of(Perms.READ | Perms.WRITE, "x509", "CN=a,O=b"));
        assertThatThrownBy(() -> AclEntries.parse(List.of("anyone")))
            .hasMessageContaining("Invalid value 'anyone' for zk.async.default-acl");
        assertThatThrownBy(() -> AclEntries.parse(List.of("world:anyone:EVERYTHING")))
            .hasMessageContaining("Invalid value 'world:anyone:EVERYTHING' for zk.async.default-acl")
            .hasMessageContaining("EVERYTHING");
    }

    @Test
    void invalidDefaultAclFailsTheStartupNamingTheProperty() {
        connected().withPropertyValues("zk.async.default-acl=world:anyone").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("Invalid value 'world:anyone' for zk.async.default-acl");
        });
    }

    @Test
    void invalidRetryFailsTheStartupNamingTheProperty() {
        connected().withPropertyValues("zk.async.connection-retry.max-tries=0").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("maxTries");
            assertThat(context.getStartupFailure()).hasStackTraceContaining("zk.async.connection-retry");
        });
    }

    @Test
    void platformThreadsRunCallbacksByDefault() {
        connected().run((context) -> {
            KazooClient client = context.getBean(KazooClient.class);
            assertThat(client.handler()).isInstanceOf(SequentialThreadingHandler.class);
            assertThat(callbackThread(client).isVirtual()).isFalse();
        });
    }

    @Test
    void autoHandlerRunsCallbacksOnVirtualThreadsWhenSpringUsesThem() {
        connected().withPropertyValues("spring.threads.virtual.enabled=true").run((context) -> {
            KazooClient client = context.getBean(KazooClient.class);
            assertThat(client.handler()).isInstanceOf(SequentialVirtualThreadHandler.class);
            assertThat(callbackThread(client).isVirtual()).isTrue();
        });
    }

    @Test
    void explicitHandlerWinsOverSpringThreading() {
        connected().withPropertyValues("spring.threads.virtual.enabled=true", "zk.async.handler=threading")
            .run((context) -> assertThat(callbackThread(context.getBean(KazooClient.class)).isVirtual()).isFalse());
        connected().withPropertyValues("zk.async.handler=virtual").run((context) -> {
            KazooClient client = context.getBean(KazooClient.class);
            assertThat(client.handler()).isInstanceOf(SequentialVirtualThreadHandler.class);
            assertThat(callbackThread(client).isVirtual()).isTrue();
        });
    }

    @Test
    void directHandlerRunsCallbacksOnTheIoThreadAndRefusesToBlockThere() {
        connected().withPropertyValues("zk.async.handler=direct", "zk.async.slow-callback-threshold=250ms")
            .run((context) -> {
                KazooClient client = context.getBean(KazooClient.class);
                assertThat(client.handler()).isInstanceOfSatisfying(DirectHandler.class,
                        (direct) -> assertThat(direct.slowCallbackThreshold()).isEqualTo(Duration.ofMillis(250)));
                BlockingQueue<String> watchThread = new LinkedBlockingQueue<>();
                BlockingQueue<Throwable> refused = new LinkedBlockingQueue<>();
                client.ensurePath("/direct");
                // A watch event always runs on the I/O thread, where a blocking call must fail at once.
                client.exists("/direct", (event) -> {
                    watchThread.add(Thread.currentThread().getName());
                    try {
                        client.exists("/direct");
                    }
                    catch (IllegalStateException ex) {
                        refused.add(ex);
                    }
                });
                client.delete("/direct");
                assertThat(watchThread.poll(10, TimeUnit.SECONDS)).startsWith("zk-async-io");
                assertThat(refused.poll(10, TimeUnit.SECONDS)).hasMessageContaining("direct_handler");
            });
    }

    @Test
    void directHandlerDefaultsItsThresholdAndRefusesANegativeOne() {
        connected().withPropertyValues("zk.async.handler=direct").run((context) -> {
            assertThat(context.getBean(KazooClient.class).handler()).isInstanceOfSatisfying(DirectHandler.class,
                    (direct) -> assertThat(direct.slowCallbackThreshold()).isEqualTo(Duration.ofMillis(100)));
        });
        connected().withPropertyValues("zk.async.handler=direct", "zk.async.slow-callback-threshold=-1ms")
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure())
                    .hasStackTraceContaining("Invalid zk.async.slow-callback-threshold");
            });
    }

    /** The thread a completion callback and a state listener run on (the same: the handler's). */
    private static Thread callbackThread(KazooClient client) throws InterruptedException {
        BlockingQueue<Thread> threads = new LinkedBlockingQueue<>();
        client.existsAsync("/").rawlink((result) -> threads.add(Thread.currentThread()));
        Thread thread = threads.poll(10, TimeUnit.SECONDS);
        assertThat(thread).as("the callback ran").isNotNull();
        return thread;
    }

    @Test
    void customizersRunInOrderAfterTheProperties() {
        connected().withPropertyValues("zk.async.session-timeout=6s")
            .withUserConfiguration(OrderedCustomizers.class)
            .run((context) -> {
                assertThat(context.getBean(OrderedCustomizers.class).calls).containsExactly("first", "second");
                assertThat(context.getBean(KazooClient.class).settings().sessionTimeout())
                    .as("a customizer overrides a property").isEqualTo(Duration.ofSeconds(8));
            });
    }

    @Test
    void connectionDetailsBeanWinsOverTheProperties() {
        this.contextRunner.withPropertyValues("zk.async.hosts=unreachable.invalid:2181")
            .withBean(ZkAsyncConnectionDetails.class, () -> zk::connectString)
            .run((context) -> {
                assertThat(context).doesNotHaveBean(PropertiesZkAsyncConnectionDetails.class);
                KazooClient client = context.getBean(KazooClient.class);
                assertThat(client.connected()).isTrue();
                assertThat(client.chroot()).isEqualTo(zk.chroot());
            });
    }

    @Test
    void connectionDetailsCarryCredentials() {
        ZkAsyncConnectionDetails details = new ZkAsyncConnectionDetails() {
            @Override
            public String getConnectString() {
                return zk.connectString();
            }

            @Override
            public List<Auth> getAuth() {
                return List.of(new Auth("digest", "svc:pw"));
            }
        };
        assertThat(details.getAuth().get(0)).hasToString("Auth[scheme=digest, credential=******]");
        this.contextRunner.withBean(ZkAsyncConnectionDetails.class, () -> details)
            .withPropertyValues("zk.async.default-acl=auth::ALL")
            .run((context) -> {
                KazooClient client = context.getBean(KazooClient.class);
                client.ensurePath("/");
                client.create("/mine");
                assertThat(client.getAcls("/mine").acls())
                    .containsExactly(ACL.of(Perms.ALL, "digest", Acls.digest("svc", "pw")));
            });
    }

    @Test
    void userClientWinsAndIsLeftToTheUser() {
        this.contextRunner.withUserConfiguration(UserClient.class).run((context) -> {
            assertThat(context).hasSingleBean(KazooClient.class)
                .hasBean("userKazooClient")
                .doesNotHaveBean(KazooClientLifecycle.class)
                .doesNotHaveBean(StandardKazooClientBuilderCustomizer.class);
            assertThat(context.getBean(KazooClient.class).clientState()).isEqualTo(KeeperState.CLOSED);
        });
    }

    @Test
    void disabledCreatesNothingAndStartsCleanly() {
        this.contextRunner.withPropertyValues("zk.async.enabled=false", "zk.async.hosts=unreachable.invalid:2181")
            .run((context) -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(KazooClient.class)
                .doesNotHaveBean(ZkAsyncProperties.class)
                .doesNotHaveBean(ZkAsyncConnectionDetails.class)
                .doesNotHaveBean(KazooClientLifecycle.class));
    }

    @Test
    void backsOffWithoutTheClient() {
        this.contextRunner.withClassLoader(new FilteredClassLoader(KazooClient.class))
            .run((context) -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(ZkAsyncProperties.class)
                .doesNotHaveBean(KazooClientLifecycle.class));
    }

    @Test
    void failFastFailsTheStartupNamingTheHosts() throws IOException {
        try (ServerSocket silent = silentServer()) {
            String hosts = "127.0.0.1:" + silent.getLocalPort();
            this.contextRunner.withPropertyValues("zk.async.hosts=" + hosts + "/app", "zk.async.startup.timeout=300ms")
                .run((context) -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                        .isInstanceOf(ZkAsyncStartupException.class)
                        .hasMessage("Could not connect to ZooKeeper at " + hosts + "/app within PT0.3S (client state "
                                + "CONNECTING)");
                });
        }
    }

    @Test
    void withoutFailFastTheApplicationStartsAndTheClientKeepsTrying() throws IOException {
        try (ServerSocket silent = silentServer()) {
            this.contextRunner
                .withPropertyValues("zk.async.hosts=127.0.0.1:" + silent.getLocalPort(),
                        "zk.async.startup.timeout=300ms", "zk.async.startup.fail-fast=false")
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    KazooClient client = context.getBean(KazooClient.class);
                    assertThat(client.connected()).isFalse();
                    assertThat(client.clientState()).isEqualTo(KeeperState.CONNECTING);
                    assertThat(context.getBean(KazooClientLifecycle.class).isRunning()).isTrue();
                });
        }
    }

    @Test
    void withoutWaitingTheStartupDoesNotBlockAndTheClientConnectsLater() {
        connected().withPropertyValues("zk.async.startup.wait=false", "zk.async.startup.timeout=1ms")
            .run((context) -> {
                KazooClient client = context.getBean(KazooClient.class);
                assertThat(client.startAsync().await(Duration.ofSeconds(30))).isTrue();
            });
    }

    @Test
    void sharesAnEventLoopGroupBeanThatRunsNioChannels() {
        RecordingObserver observer = new RecordingObserver();
        connected().withBean(EventLoopGroup.class,
                () -> new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("app-netty"), NioIoHandler.newFactory()),
                (definition) -> definition.setDestroyMethodName("shutdownGracefully"))
            .withBean("observingCustomizer", KazooClientBuilderCustomizer.class,
                    () -> (builder) -> builder.requestObserver(observer))
            .run((context) -> {
                context.getBean(KazooClient.class).exists("/");
                // The startup's chroot check is one of the requests.
                assertThat(observer.completionThreads).isNotEmpty()
                    .allSatisfy((thread) -> assertThat(thread).startsWith("app-netty"));
            });
        EventLoopGroup local = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
        try {
            assertThat(StandardKazooClientBuilderCustomizer.canShare(local)).isFalse();
        }
        finally {
            local.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        }
    }

    private static ServerSocket silentServer() throws IOException {
        return new ServerSocket(0, 50, InetAddress.getByAddress(new byte[] { 127, 0, 0, 1 }));
    }

    static final class RecordingObserver implements RequestObserver {

        final List<String> completionThreads = new CopyOnWriteArrayList<>();

        @Override
        public @Nullable Object started(String operation, @Nullable String path) {
            return null;
        }

        @Override
        public void completed(@Nullable Object context, String operation, String resultCode,
                @Nullable Throwable error) {
            this.completionThreads.add(Thread.currentThread().getName());
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class OrderedCustomizers {

        final List<String> calls = new CopyOnWriteArrayList<>();

        @Bean
        @Order(Ordered.LOWEST_PRECEDENCE)
        KazooClientBuilderCustomizer second() {
            return (builder) -> this.calls.add("second");
        }

        @Bean
        @Order(10)
        KazooClientBuilderCustomizer first() {
            return (builder) -> {
                this.calls.add("first");
                builder.sessionTimeout(Duration.ofSeconds(8));
            };
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class UserClient {

        @Bean
        KazooClient userKazooClient() {
            return KazooClient.builder().hosts(zk.serverConnectString()).build();
        }

    }

}
