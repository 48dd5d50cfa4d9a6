package dev.zkasync.spring.boot.autoconfigure.health;

import java.time.Duration;

import dev.zkasync.spring.boot.autoconfigure.ZkAsyncAutoConfiguration;
import dev.zkasync.test.ZooKeeperExtension;
import dev.zkasync.test.ZooKeeperProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The health indicator while a real server stops and starts again, and a startup without a
 * server when fail-fast is off. The server is this class's own, since it is stopped.
 */
class ZkAsyncHealthServerOutageTests {

    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.perClass();

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ZkAsyncAutoConfiguration.class,
                ZkAsyncHealthContributorAutoConfiguration.class))
        .withPropertyValues("zk.async.connection-retry.max-delay=200ms");

    @AfterEach
    void serverRunsAgain() {
        zk.server().startAgain();
    }

    @Test
    void downWhileTheServerIsStoppedAndUpAgainAfterItStarts(ZooKeeperProcess server) {
        this.contextRunner.withPropertyValues("zk.async.hosts=" + zk.connectString()).run((context) -> {
            HealthContributor indicator = context.getBean("zkAsyncHealthContributor", HealthContributor.class);
            assertThat(health(indicator).getStatus()).isEqualTo(Status.UP);
            server.stop();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Health health = health(indicator);
                assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                assertThat(health.getDetails()).containsEntry("state", "SUSPENDED")
                    .containsEntry("keeperState", "CONNECTING")
                    .containsEntry("reason", "connection lost, reconnecting");
            });
            server.startAgain();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Health health = health(indicator);
                assertThat(health.getStatus()).isEqualTo(Status.UP);
                assertThat(health.getDetails()).containsEntry("state", "CONNECTED");
            });
        });
    }

    @Test
    void withoutFailFastTheApplicationStartsDownAndComesUpWithTheServer(ZooKeeperProcess server) {
        server.stop();
        this.contextRunner
            .withPropertyValues("zk.async.hosts=" + zk.connectString(), "zk.async.startup.timeout=300ms",
                    "zk.async.startup.fail-fast=false")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                HealthContributor indicator = context.getBean("zkAsyncHealthContributor", HealthContributor.class);
                Health before = health(indicator);
                assertThat(before.getStatus()).isEqualTo(Status.DOWN);
                assertThat(before.getDetails()).containsOnlyKeys("reason", "state", "timeInState")
                    .containsEntry("reason", "connecting, no session yet")
                    .containsEntry("state", "CONNECTING");
                server.startAgain();
                await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(health(indicator).getStatus()).isEqualTo(Status.UP));
            });
    }

    private static Health health(HealthContributor contributor) {
        return ZkAsyncHealthContributorAutoConfigurationTests.health(contributor);
    }

}
