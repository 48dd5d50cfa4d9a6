package dev.zkasync.spring.boot.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.zkasync.client.KazooClient;
import dev.zkasync.spring.boot.actuate.ZkAsyncEndpoint;
import dev.zkasync.spring.boot.autoconfigure.actuate.ZkAsyncEndpointAutoConfiguration;
import dev.zkasync.test.TestCertificates;
import dev.zkasync.test.ZooKeeperExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code zk.async.auth}, {@code zk.async.sasl.*} and {@code zk.async.tls.*} passwords set and
 * the client's and Netty's loggers at TRACE, no secret appears in any log line (message or
 * exception), in the properties' or the client's {@code toString()}, or in the zookeeper endpoint.
 */
class ZkAsyncSecretsNotShownTests {

    private static final String AUTH_PASSWORD = "auth-pw-7f3a9c";

    private static final String SASL_PASSWORD = "sasl-pw-51be02";

    private static final String STORE_PASSWORD = "store-pw-c8d417";

    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.perClass();

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ZkAsyncAutoConfiguration.class, ZkAsyncEndpointAutoConfiguration.class))
        .withPropertyValues("management.endpoints.web.exposure.include=zookeeper", "zk.async.startup.wait=false",
                "zk.async.connection-retry.max-delay=100ms");

    private final ListAppender<ILoggingEvent> events = new ListAppender<>();

    private final List<Logger> raised = new ArrayList<>();

    @BeforeEach
    void captureEveryLoggerAtTrace() {
        this.events.start();
        for (String name : List.of("dev.zkasync", "io.netty")) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            logger.setLevel(Level.TRACE);
            logger.addAppender(this.events);
            this.raised.add(logger);
        }
    }

    @AfterEach
    void restoreLevels() {
        for (Logger logger : this.raised) {
            logger.detachAppender(this.events);
            logger.setLevel(null);
        }
    }

    @Test
    void digestAuthSaslAndTlsPasswordsAreNeverShown() {
        try (TestCertificates certs = TestCertificates.create()) {
            Path trust = certs.copyWithPassword(certs.trustStore(), STORE_PASSWORD);
            Path key = certs.copyWithPassword(certs.issue("client", null), STORE_PASSWORD);
            List<String> shown = new ArrayList<>();
            // Auth and SASL against a server without SASL; TLS against its plain port: both fail, and are logged.
            this.contextRunner
                .withPropertyValues("zk.async.hosts=" + zk.connectString(), "zk.async.auth[0].scheme=digest",
                        "zk.async.auth[0].credential=app:" + AUTH_PASSWORD, "zk.async.sasl.username=app",
                        "zk.async.sasl.password=" + SASL_PASSWORD)
                .run((context) -> shown.addAll(shownBy(context.getBean(KazooClient.class),
                        context.getBean(ZkAsyncProperties.class), context.getBean(ZkAsyncEndpoint.class))));
            this.contextRunner
                .withPropertyValues("zk.async.hosts=" + zk.connectString(),
                        "zk.async.tls.trust-store.location=file:" + trust,
                        "zk.async.tls.trust-store.password=" + STORE_PASSWORD,
                        "zk.async.tls.key-store.location=file:" + key,
                        "zk.async.tls.key-store.password=" + STORE_PASSWORD)
                .run((context) -> shown.addAll(shownBy(context.getBean(KazooClient.class),
                        context.getBean(ZkAsyncProperties.class), context.getBean(ZkAsyncEndpoint.class))));
            List<ILoggingEvent> logged;
            synchronized (this.events) { // appends hold the appender's lock; late Netty threads may still log
                logged = new ArrayList<>(this.events.list);
            }
            logged.forEach((event) -> shown.addAll(textOf(event)));
            assertThat(logged).as("the client logged at DEBUG or below")
                .anyMatch((event) -> event.getLevel().toInt() <= Level.DEBUG.toInt()
                        && event.getLoggerName().startsWith("dev.zkasync"));
            for (String secret : List.of(AUTH_PASSWORD, SASL_PASSWORD, STORE_PASSWORD)) {
                assertThat(shown).as("log lines, exceptions, toString() and the endpoint")
                    .noneMatch((text) -> text.contains(secret));
            }
        }
    }

    /** What a failing client shows, once it has failed at least once. */
    private static List<String> shownBy(KazooClient client, ZkAsyncProperties properties, ZkAsyncEndpoint endpoint) {
        await().atMost(Duration.ofSeconds(30)).until(() -> client.lastConnectionFailure() != null
                || client.clientState().name().equals("AUTH_FAILED"));
        return List.of(client.toString(), client.settings().toString(), String.valueOf(client.lastConnectionFailure()),
                properties.toString(), properties.getSasl().toString(), properties.getTls().toString(),
                properties.getAuth().toString(), endpoint.clients().toString());
    }

    private static List<String> textOf(ILoggingEvent event) {
        List<String> text = new ArrayList<>(List.of(event.getFormattedMessage()));
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            text.add(t.getClassName() + ": " + t.getMessage());
        }
        return text;
    }

}
