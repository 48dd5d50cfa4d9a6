package dev.zkasync.spring.boot;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import dev.zkasync.client.KazooClient;
import dev.zkasync.client.exception.NoNodeException;
import dev.zkasync.test.ZooKeeperExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A whole application (starter, actuator, Spring MVC on a random port) read over real HTTP:
 * {@code /actuator/health} shows the {@code zkAsync} component and
 * {@code /actuator/metrics/zookeeper.client.operations} the request timer and
 * {@code /actuator/zookeeper} the session.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "management.endpoint.health.show-details=always",
                "management.endpoints.web.exposure.include=health,metrics,zookeeper",
                "zk.async.auth[0].scheme=digest", "zk.async.auth[0].credential=app:s3cret" })
@AutoConfigureRestTestClient
@DirtiesContext
class ZkAsyncActuatorHttpTests {

    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.shared();

    @DynamicPropertySource
    static void zookeeper(DynamicPropertyRegistry registry) {
        registry.add("zk.async.hosts", () -> zk.serverConnectString() + "/ZkAsyncActuatorHttpTests");
    }

    @Autowired
    private RestTestClient http;

    @Autowired
    private KazooClient client;

    @Autowired
    private TestApplication application;

    @Test
    void theClientWasConnectedBeforeTheWebServerTookTraffic() {
        assertThat(this.application.connectedWhenTheWebServerStarted.get()).isTrue();
    }

    @Test
    void healthShowsTheZkAsyncComponent() {
        this.http.get()
            .uri("/actuator/health")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo("UP")
            .jsonPath("$.components.zkAsync.status")
            .isEqualTo("UP")
            .jsonPath("$.components.zkAsync.details.state")
            .isEqualTo("CONNECTED")
            .jsonPath("$.components.zkAsync.details.readOnly")
            .isEqualTo(false)
            .jsonPath("$.components.zkAsync.details.sessionId")
            .isEqualTo(this.client.clientId().sessionIdHex())
            .jsonPath("$.components.zkAsync.details.connectedServer")
            .isEqualTo(zk.serverConnectString());
        this.http.get()
            .uri("/actuator/health/zkAsync")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo("UP");
    }

    @Test
    void theZookeeperEndpointShowsTheSessionWithoutSecrets() {
        this.client.ensurePath("/watched");
        this.client.get("/watched", (event) -> {
        });
        this.http.get()
            .uri("/actuator/zookeeper")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.clients.kazooClient.state")
            .isEqualTo("CONNECTED")
            .jsonPath("$.clients.kazooClient.sessionId")
            .isEqualTo(this.client.clientId().sessionIdHex())
            .jsonPath("$.clients.kazooClient.negotiatedSessionTimeout")
            .isEqualTo("PT10S")
            .jsonPath("$.clients.kazooClient.connectedServer")
            .isEqualTo(zk.serverConnectString())
            .jsonPath("$.clients.kazooClient.serverVersion")
            .value((version) -> assertThat(version.toString()).startsWith("3.9.4"))
            .jsonPath("$.clients.kazooClient.watches.data")
            .isEqualTo(1)
            .jsonPath("$.clients.kazooClient.requests.inFlight")
            .isEqualTo(0)
            .jsonPath("$.clients.kazooClient.security.authSchemes[0]")
            .isEqualTo("digest");
        byte[] raw = this.http.get().uri("/actuator/zookeeper").exchange().expectBody().returnResult()
            .getResponseBodyContent();
        assertThat(new String(raw, StandardCharsets.UTF_8)).contains("timeInState")
            .doesNotContain("s3cret");
        this.http.get().uri("/actuator/zookeeper/kazooClient").exchange().expectStatus().isOk();
        this.http.get().uri("/actuator/zookeeper/other").exchange().expectStatus().isNotFound();
    }

    @Test
    void metricsShowTheOperationsTimerWithItsTags() {
        this.client.ensurePath("/http");
        assertThatThrownBy(() -> this.client.get("/http/missing")).isInstanceOf(NoNodeException.class);
        this.http.get()
            .uri("/actuator/metrics/zookeeper.client.operations")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.name")
            .isEqualTo("zookeeper.client.operations")
            .jsonPath("$.availableTags[?(@.tag == 'zookeeper.operation')].values[*]")
            .value((values) -> assertThat(values.toString()).contains("get", "exists", "create"))
            .jsonPath("$.availableTags[?(@.tag == 'zookeeper.result.code')].values[*]")
            .value((values) -> assertThat(values.toString()).contains("OK", "NONODE"))
            .jsonPath("$.availableTags[?(@.tag == 'outcome')].values[*]")
            .value((values) -> assertThat(values.toString()).contains("SUCCESS", "ERROR"));
        this.http.get()
            .uri("/actuator/metrics/zookeeper.client.operations?tag=zookeeper.operation:get&tag=zookeeper.result.code:NONODE")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.measurements[?(@.statistic == 'COUNT')].value")
            .value((count) -> assertThat(count.toString()).isEqualTo("[1.0]"));
        this.http.get()
            .uri("/actuator/metrics/zookeeper.client.state?tag=state:connected")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.measurements[0].value")
            .isEqualTo(1.0);
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class TestApplication {

        final AtomicReference<Boolean> connectedWhenTheWebServerStarted = new AtomicReference<>();

        @Bean
        ApplicationListener<WebServerInitializedEvent> recordConnectionAtWebServerStart(KazooClient client) {
            return (event) -> this.connectedWhenTheWebServerStarted.set(client.connected());
        }

    }

}
