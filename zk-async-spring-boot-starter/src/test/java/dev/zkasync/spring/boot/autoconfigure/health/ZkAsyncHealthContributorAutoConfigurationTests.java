package dev.zkasync.spring.boot.autoconfigure.health;

import java.util.Map;
import java.util.Objects;

import dev.zkasync.client.KazooClient;
import dev.zkasync.spring.boot.autoconfigure.ZkAsyncAutoConfiguration;
import dev.zkasync.spring.boot.health.ZkAsyncHealthIndicator;
import dev.zkasync.test.ZooKeeperExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ZkAsyncHealthContributorAutoConfiguration} and {@link ZkAsyncHealthIndicator}.
 */
class ZkAsyncHealthContributorAutoConfigurationTests {

    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.shared();

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ZkAsyncAutoConfiguration.class,
                ZkAsyncHealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class));

    private ApplicationContextRunner connected() {
        return this.contextRunner.withPropertyValues("zk.async.hosts=" + zk.connectString());
    }

    @Test
    void runShouldCreateIndicatorNamedZkAsyncThatIsUpWhileConnected() {
        connected().run((context) -> {
            assertThat(context).hasBean("zkAsyncHealthContributor");
            HealthContributor contributor = context.getBean(HealthContributorRegistry.class).getContributor("zkAsync");
            assertThat(contributor).isInstanceOf(ZkAsyncHealthIndicator.class);
            Health health = health(contributor);
            KazooClient client = context.getBean(KazooClient.class);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            Map<String, Object> details = health.getDetails();
            assertThat(details).containsOnlyKeys("state", "keeperState", "sessionId", "negotiatedSessionTimeout",
                    "connectedServer", "readOnly", "lastZxid", "timeInState");
            assertThat(details).containsEntry("state", "CONNECTED")
                .containsEntry("keeperState", "CONNECTED")
                .containsEntry("sessionId", "0x" + Long.toHexString(client.clientId().sessionId()))
                .containsEntry("negotiatedSessionTimeout", "PT10S")
                .containsEntry("connectedServer", zk.serverConnectString())
                .containsEntry("readOnly", false);
            assertThat((String) details.get("lastZxid")).matches("0x[0-9a-f]+");
            assertThat((String) details.get("timeInState")).startsWith("PT");
        });
    }

    @Test
    void indicatorReadsStateWithoutTalkingToTheServer() {
        connected().run((context) -> {
            KazooClient client = context.getBean(KazooClient.class);
            long sentBefore = client.stats().bytesSent();
            for (int i = 0; i < 100; i++) {
                health(context.getBean("zkAsyncHealthContributor", HealthContributor.class));
            }
            assertThat(client.stats().bytesSent()).as("no request per health check").isEqualTo(sentBefore);
        });
    }

    @Test
    void stoppedAndClosedClientsAreDownWithTheReason() {
        connected().run((context) -> {
            KazooClient client = context.getBean(KazooClient.class);
            HealthContributor contributor = context.getBean("zkAsyncHealthContributor", HealthContributor.class);
            client.stop();
            Health stopped = health(contributor);
            assertThat(stopped.getStatus()).isEqualTo(Status.DOWN);
            assertThat(stopped.getDetails()).containsEntry("reason", "client not started, or stopped")
                .containsEntry("state", "LOST")
                .containsEntry("keeperState", "CLOSED")
                .doesNotContainKeys("sessionId", "connectedServer");
            client.close();
            assertThat(health(contributor).getDetails()).containsEntry("reason", "client closed");
        });
    }

    @Test
    void runWhenDisabledShouldNotCreateIndicator() {
        connected().withPropertyValues("management.health.zkasync.enabled=false")
            .run((context) -> assertThat(context).hasSingleBean(KazooClient.class)
                .doesNotHaveBean("zkAsyncHealthContributor"));
    }

    @Test
    void runWhenHealthDefaultsAreOffShouldNotCreateIndicator() {
        connected().withPropertyValues("management.health.defaults.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean("zkAsyncHealthContributor"));
    }

    @Test
    void runWhenStarterIsDisabledShouldNotCreateIndicatorEvenForAUserClient() {
        this.contextRunner.withPropertyValues("zk.async.enabled=false")
            .withUserConfiguration(TwoUserClients.class)
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("zkAsyncHealthContributor"));
    }

    @Test
    void runWithoutSpringBootHealthShouldBackOff() {
        connected().withClassLoader(new FilteredClassLoader(HealthIndicator.class))
            .run((context) -> assertThat(context).hasNotFailed()
                .hasSingleBean(KazooClient.class)
                .doesNotHaveBean("zkAsyncHealthContributor"));
    }

    @Test
    void userIndicatorWins() {
        connected()
            .withBean("zkAsyncHealthIndicator", HealthIndicator.class,
                    () -> () -> Health.outOfService().build())
            .run((context) -> assertThat(context).hasBean("zkAsyncHealthIndicator")
                .doesNotHaveBean("zkAsyncHealthContributor"));
    }

    @Test
    void severalClientsMakeACompositeNamedAfterTheirBeans() {
        this.contextRunner.withUserConfiguration(TwoUserClients.class).run((context) -> {
            HealthContributor contributor = context.getBean(HealthContributorRegistry.class).getContributor("zkAsync");
            assertThat(contributor).isInstanceOf(CompositeHealthContributor.class);
            CompositeHealthContributor composite = (CompositeHealthContributor) contributor;
            Health orders = health(composite.getContributor("ordersZk"));
            assertThat(orders.getStatus()).isEqualTo(Status.DOWN);
            assertThat(orders.getDetails()).containsEntry("reason", "client not started, or stopped");
            assertThat(composite.getContributor("billingZk")).isInstanceOf(ZkAsyncHealthIndicator.class);
        });
    }

    static Health health(HealthContributor contributor) {
        assertThat(contributor).isInstanceOf(HealthIndicator.class);
        return Objects.requireNonNull(((HealthIndicator) contributor).health());
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoUserClients {

        @Bean
        KazooClient ordersZk() {
            return KazooClient.builder().hosts(zk.serverConnectString() + "/orders").build();
        }

        @Bean
        KazooClient billingZk() {
            return KazooClient.builder().hosts(zk.serverConnectString() + "/billing").build();
        }

    }

}
