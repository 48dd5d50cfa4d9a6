package dev.zkasync.spring.boot.autoconfigure.health;

import java.time.Duration;
import java.util.Map;

import dev.zkasync.client.KazooClient;
import dev.zkasync.client.state.KeeperState;
import dev.zkasync.spring.boot.autoconfigure.ZkAsyncAutoConfiguration;
import dev.zkasync.test.EnsembleMember;
import dev.zkasync.test.ZooKeeperEnsemble;
import dev.zkasync.test.ZooKeeperServerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The health indicator on a read-only server: a real ensemble loses its quorum and its survivor
 * serves read-only clients.
 */
class ZkAsyncHealthReadOnlyTests {

    private static ZooKeeperEnsemble ensemble;

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ZkAsyncAutoConfiguration.class,
                ZkAsyncHealthContributorAutoConfiguration.class));

    @BeforeAll
    static void startEnsemble() {
        ensemble = ZooKeeperEnsemble.start(3, ZooKeeperServerOptions.builder()
            .readOnlyMode(true)
            // ZooKeeper 3.9 read-only servers only hand out local sessions.
            .zooCfg("localSessionsEnabled", "true")
            .zooCfg("localSessionsUpgradingEnabled", "true")
            .build());
    }

    @AfterAll
    static void stopEnsemble() {
        ensemble.close();
    }

    @Test
    void upWithReadOnlyTrueOnAReadOnlyServer() {
        EnsembleMember survivor = ensemble.members()
            .stream()
            .filter((member) -> !member.mode().equals("leader"))
            .findFirst()
            .orElseThrow();
        this.contextRunner
            .withPropertyValues("zk.async.hosts=" + survivor.connectString(), "zk.async.read-only=true",
                    "zk.async.session-timeout=30s", "zk.async.connection-retry.max-delay=200ms")
            .run((context) -> {
                HealthContributor indicator = context.getBean("zkAsyncHealthContributor", HealthContributor.class);
                assertThat(health(indicator).getDetails()).containsEntry("readOnly", false);
                ensemble.members().stream().filter((member) -> member != survivor).forEach(EnsembleMember::stop);
                KazooClient client = context.getBean(KazooClient.class);
                await().atMost(Duration.ofSeconds(60)).until(() -> client.clientState() == KeeperState.CONNECTED_RO);
                Health health = health(indicator);
                assertThat(health.getStatus()).isEqualTo(Status.UP);
                Map<String, Object> details = health.getDetails();
                assertThat(details).containsEntry("readOnly", true)
                    .containsEntry("keeperState", "CONNECTED_RO")
                    .containsEntry("state", "CONNECTED")
                    .containsEntry("connectedServer", survivor.connectString());
            });
    }

    private static Health health(HealthContributor contributor) {
        return ZkAsyncHealthContributorAutoConfigurationTests.health(contributor);
    }

}
