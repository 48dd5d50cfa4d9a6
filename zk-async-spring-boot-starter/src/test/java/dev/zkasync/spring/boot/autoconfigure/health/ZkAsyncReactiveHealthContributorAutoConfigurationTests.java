package dev.zkasync.spring.boot.autoconfigure.health;

import dev.zkasync.client.KazooClient;
import dev.zkasync.spring.boot.autoconfigure.ZkAsyncAutoConfiguration;
import dev.zkasync.spring.boot.health.ZkAsyncHealthIndicator;
import dev.zkasync.spring.boot.health.ZkAsyncReactiveHealthIndicator;
import dev.zkasync.test.ZooKeeperExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ZkAsyncReactiveHealthContributorAutoConfiguration} and
 * {@link ZkAsyncReactiveHealthIndicator}.
 */
class ZkAsyncReactiveHealthContributorAutoConfigurationTests {

    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.shared();

    private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(ZkAsyncAutoConfiguration.class,
            ZkAsyncReactiveHealthContributorAutoConfiguration.class, ZkAsyncHealthContributorAutoConfiguration.class,
            HealthContributorRegistryAutoConfiguration.class);

    private ReactiveWebApplicationContextRunner reactive() {
        return new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
            .withPropertyValues("zk.async.hosts=" + zk.connectString());
    }

    @Test
    void aReactiveApplicationGetsTheReactiveIndicatorNamedZkAsync() {
        reactive().run((context) -> {
            assertThat(context).hasBean("zkAsyncHealthContributor");
            Object contributor = context.getBean(ReactiveHealthContributorRegistry.class).getContributor("zkAsync");
            assertThat(contributor).isInstanceOf(ZkAsyncReactiveHealthIndicator.class);
            KazooClient client = context.getBean(KazooClient.class);
            long sentBefore = client.stats().bytesSent();
            StepVerifier.create(((ReactiveHealthIndicator) contributor).health())
                .assertNext((health) -> {
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails()).containsEntry("state", "CONNECTED")
                        .containsEntry("sessionId", "0x" + Long.toHexString(client.clientId().sessionId()))
                        .containsKeys("keeperState", "connectedServer", "lastZxid", "timeInState");
                })
                .verifyComplete();
            assertThat(client.stats().bytesSent()).as("no request per health check").isEqualTo(sentBefore);
        });
    }

    @Test
    void aStoppedClientIsDownWithTheReason() {
        reactive().run((context) -> {
            context.getBean(KazooClient.class).stop();
            ReactiveHealthIndicator indicator = context.getBean("zkAsyncHealthContributor", ReactiveHealthIndicator.class);
            StepVerifier.create(indicator.health())
                .assertNext((health) -> {
                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(health.getDetails()).containsEntry("reason", "client not started, or stopped");
                })
                .verifyComplete();
        });
    }

    @Test
    void aServletOrPlainApplicationKeepsTheBlockingIndicator() {
        new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
            .withPropertyValues("zk.async.hosts=" + zk.connectString())
            .run((context) -> assertThat(context.getBean("zkAsyncHealthContributor"))
                .isInstanceOf(ZkAsyncHealthIndicator.class));
    }

    @Test
    void theHealthSwitchTurnsItOff() {
        reactive().withPropertyValues("management.health.zkasync.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean("zkAsyncHealthContributor"));
    }

}
