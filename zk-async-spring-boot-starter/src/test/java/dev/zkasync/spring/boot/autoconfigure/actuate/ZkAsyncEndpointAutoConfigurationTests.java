package dev.zkasync.spring.boot.autoconfigure.actuate;

import dev.zkasync.spring.boot.actuate.ZkAsyncEndpoint;
import dev.zkasync.spring.boot.actuate.ZkAsyncEndpoint.ClientDescriptor;
import dev.zkasync.spring.boot.autoconfigure.ZkAsyncAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ZkAsyncEndpointAutoConfiguration} and what the endpoint shows of a client that
 * has no connection (a port nothing listens on): no session, no server, secrets masked.
 */
class ZkAsyncEndpointAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ZkAsyncAutoConfiguration.class, ZkAsyncEndpointAutoConfiguration.class))
        .withPropertyValues("zk.async.hosts=127.0.0.1:1/app", "zk.async.startup.wait=false");

    @Test
    void theEndpointIsThereOnlyWhenExposed() {
        this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(ZkAsyncEndpoint.class));
        this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=zookeeper")
            .run((context) -> assertThat(context).hasSingleBean(ZkAsyncEndpoint.class));
        this.contextRunner
            .withPropertyValues("management.endpoints.web.exposure.include=zookeeper", "zk.async.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(ZkAsyncEndpoint.class));
    }

    @Test
    void aClientWithoutASessionShowsNoneAndMasksItsSecrets() {
        this.contextRunner
            .withPropertyValues("management.endpoints.web.exposure.include=zookeeper",
                    "zk.async.sasl.username=app", "zk.async.sasl.password=sasl-s3cret",
                    "zk.async.auth[0].scheme=digest", "zk.async.auth[0].credential=app:auth-s3cret")
            .run((context) -> {
                ZkAsyncEndpoint endpoint = context.getBean(ZkAsyncEndpoint.class);
                assertThat(endpoint.clients().clients()).containsOnlyKeys("kazooClient");
                ClientDescriptor client = endpoint.client("kazooClient");
                assertThat(client).isNotNull();
                assertThat(client.sessionId()).isNull();
                assertThat(client.connectedServer()).isNull();
                assertThat(client.serverVersion()).isNull();
                assertThat(client.negotiatedSessionTimeout()).isNull();
                assertThat(client.requestedSessionTimeout()).isEqualTo("PT10S");
                assertThat(client.hosts()).containsExactly("127.0.0.1:1");
                assertThat(client.chroot()).isEqualTo("/app");
                assertThat(client.security().authSchemes()).containsExactly("digest");
                assertThat(client.security().sasl()).isNotNull();
                assertThat(client.security().sasl().username()).isEqualTo("app");
                assertThat(client.security().sasl().password()).isEqualTo("******");
                assertThat(endpoint.clients().toString()).doesNotContain("s3cret");
                assertThat(endpoint.client("other")).isNull();
            });
    }

}
