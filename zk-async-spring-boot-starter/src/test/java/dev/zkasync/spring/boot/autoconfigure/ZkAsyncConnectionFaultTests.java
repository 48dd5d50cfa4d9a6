package dev.zkasync.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.state.KeeperState;
import dev.zkasync.client.data.Stat;
import dev.zkasync.client.exception.ConnectionLossException;
import dev.zkasync.client.exception.RequestQueueFullException;
import dev.zkasync.client.exception.RequestDeadlineException;
import dev.zkasync.client.exception.RequestTimeoutException;
import dev.zkasync.spring.boot.autoconfigure.metrics.ZkAsyncMetricsAutoConfiguration;
import dev.zkasync.spring.boot.autoconfigure.observation.ZkAsyncObservationAutoConfiguration;
import dev.zkasync.test.ZooKeeperExtension;
import dev.zkasync.test.ZooKeeperProcess;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Observations and connection meters when the connection fails: a paused server (request
 * deadline), a killed server (connection lost under an in-flight request, then a reconnect) and a
 * full request queue. The server is this class's own, since it is paused and killed.
 */
class ZkAsyncConnectionFaultTests {

    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.perClass();

    private static final String NAME = "zookeeper.client.operations";

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
                ZkAsyncAutoConfiguration.class, ZkAsyncObservationAutoConfiguration.class,
                ZkAsyncMetricsAutoConfiguration.class))
        .withBean(SimpleMeterRegistry.class)
        .withPropertyValues("zk.async.connection-retry.max-delay=200ms");

    @AfterEach
    void serverServesAgain() {
        ZooKeeperProcess server = zk.server();
        server.resume();
        server.startAgain();
    }

    @Test
    void aRequestPastItsDeadlineIsObservedAsRequestTimeout(ZooKeeperProcess server) {
        this.contextRunner.withPropertyValues("zk.async.hosts=" + zk.connectString()).run((context) -> {
            KazooClient client = context.getBean(KazooClient.class);
            server.pause();
            assertThatThrownBy(() -> client.withRequestTimeout(Duration.ofMillis(300)).exists("/slow"))
                .isInstanceOf(RequestDeadlineException.class)
                .isInstanceOf(RequestTimeoutException.class);
            server.resume();
            // The client's own deadline: the server's code family, tagged with the client's own type.
            assertThat(timer(context.getBean(MeterRegistry.class), "exists", "ERROR", "REQUESTTIMEOUT",
                    "RequestDeadlineException")
                .count()).isEqualTo(1);
        });
    }

    @Test
    void aRequestInFlightWhenTheConnectionDropsIsObservedAsConnectionLossAndTheMetersCountTheReconnect(
            ZooKeeperProcess server) {
        this.contextRunner.withPropertyValues("zk.async.hosts=" + zk.connectString()).run((context) -> {
            KazooClient client = context.getBean(KazooClient.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.get("zookeeper.client.state").tag("state", "connected").gauge().value()).isEqualTo(1);
            server.pause();
            AsyncResult<Stat> inFlight = client.existsAsync("/in-flight");
            await().atMost(Duration.ofSeconds(10))
                .until(() -> meters.get("zookeeper.client.requests.inflight").gauge().value() == 1);
            server.kill();
            assertThatThrownBy(inFlight::get).isInstanceOf(ConnectionLossException.class);
            assertThat(timer(meters, "exists", "ERROR", "CONNECTIONLOSS", "ConnectionLossException").count())
                .isEqualTo(1);
            await().atMost(Duration.ofSeconds(10))
                .until(() -> meters.get("zookeeper.client.state").tag("state", "connecting").gauge().value() == 1);
            server.startAgain();
            await().atMost(Duration.ofSeconds(30))
                .until(() -> meters.get("zookeeper.client.reconnects").functionCounter().count() == 1);
            assertThat(meters.get("zookeeper.client.disconnects").functionCounter().count()).isEqualTo(1);
            assertThat(meters.get("zookeeper.client.state").tag("state", "connected").gauge().value()).isEqualTo(1);
            assertThat(meters.get("zookeeper.client.requests.inflight").gauge().value()).isZero();
        });
    }

    @Test
    void aRequestRefusedByTheClientIsObservedAsClientError(ZooKeeperProcess server) {
        this.contextRunner
            .withPropertyValues("zk.async.hosts=" + zk.connectString(), "zk.async.max-in-flight=1",
                    "zk.async.max-queued-requests=1")
            .run((context) -> {
                KazooClient client = context.getBean(KazooClient.class);
                MeterRegistry meters = context.getBean(MeterRegistry.class);
                server.pause();
                AsyncResult<Stat> first = client.existsAsync("/first");
                await().atMost(Duration.ofSeconds(10)).until(() -> client.stats().inFlightRequests() == 1);
                AsyncResult<Stat> second = client.existsAsync("/second");
                assertThat(meters.get("zookeeper.client.requests.queued").gauge().value()).isEqualTo(1);
                assertThatThrownBy(() -> client.exists("/third")).isInstanceOf(RequestQueueFullException.class);
                server.resume();
                assertThat(first.await(Duration.ofSeconds(10)) && first.successful()).as("first answered").isTrue();
                assertThat(second.await(Duration.ofSeconds(10)) && second.successful()).as("second answered").isTrue();
                assertThat(timer(meters, "exists", "ERROR", "CLIENT_ERROR", "RequestQueueFullException").count())
                    .isEqualTo(1);
            });
    }

    @Test
    void shutdownIsBoundedByTheShutdownPhaseTimeoutWhenTheServerDoesNotAnswer(ZooKeeperProcess server) {
        AtomicReference<KazooClient> client = new AtomicReference<>();
        long[] closing = new long[1];
        this.contextRunner
            .withPropertyValues("zk.async.hosts=" + zk.connectString(),
                    "spring.lifecycle.timeout-per-shutdown-phase=1s")
            .run((context) -> {
                client.set(context.getBean(KazooClient.class));
                server.pause();
                closing[0] = System.nanoTime();
            });
        Duration took = Duration.ofNanos(System.nanoTime() - closing[0]);
        assertThat(took).as("the close timeout (5 s) is capped by the 1 s shutdown phase")
            .isLessThan(Duration.ofSeconds(4));
        assertThat(client.get().clientState()).isEqualTo(KeeperState.CLOSED);
    }

    private static Timer timer(MeterRegistry meters, String operation, String outcome, String resultCode,
            String error) {
        return meters.get(NAME)
            .tags(Tags.of("zookeeper.operation", operation, "outcome", outcome, "zookeeper.result.code", resultCode,
                    "error", error))
            .timer();
    }

}
