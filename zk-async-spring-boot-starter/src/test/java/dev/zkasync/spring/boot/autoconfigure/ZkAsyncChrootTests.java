package dev.zkasync.spring.boot.autoconfigure;

import java.time.Duration;

import dev.zkasync.client.KazooClient;
import dev.zkasync.test.ZooKeeperExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A chroot that does not exist: reported at startup, or created with {@code zk.async.create-chroot}.
 * Every test's chroot is new, so it does not exist until something creates it.
 */
@ExtendWith(OutputCaptureExtension.class)
class ZkAsyncChrootTests {

    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.shared();

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ZkAsyncAutoConfiguration.class));

    @Test
    void aMissingChrootIsReportedAndLeftAlone(CapturedOutput output) {
        this.contextRunner.withPropertyValues("zk.async.hosts=" + zk.connectString()).run((context) -> {
            assertThat(context).hasNotFailed();
            await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(output).contains("The chroot " + zk.chroot()
                        + " does not exist on ZooKeeper", "set zk.async.create-chroot=true"));
        });
        assertThat(chrootExists()).isFalse();
    }

    @Test
    void createChrootCreatesItBeforeTheApplicationStarts(CapturedOutput output) {
        this.contextRunner.withPropertyValues("zk.async.hosts=" + zk.connectString(), "zk.async.create-chroot=true")
            .run((context) -> {
                assertThat(chrootExists()).as("created while the context started").isTrue();
                KazooClient client = context.getBean(KazooClient.class);
                assertThat(client.create("/works", null)).isEqualTo("/works");
            });
        assertThat(output).contains("Created the chroot " + zk.chroot()).doesNotContain("does not exist on ZooKeeper");
    }

    @Test
    void createChrootWithoutWaitingCreatesItOnTheFirstConnection() {
        this.contextRunner
            .withPropertyValues("zk.async.hosts=" + zk.connectString(), "zk.async.create-chroot=true",
                    "zk.async.startup.wait=false")
            .run((context) -> await().atMost(Duration.ofSeconds(20)).until(this::chrootExists));
    }

    @Test
    void anExistingChrootIsNeitherReportedNorCreated(CapturedOutput output) {
        try (KazooClient admin = KazooClient.builder().hosts(zk.serverConnectString()).build()) {
            admin.start(Duration.ofSeconds(30));
            admin.ensurePath(zk.chroot());
        }
        this.contextRunner.withPropertyValues("zk.async.hosts=" + zk.connectString(), "zk.async.create-chroot=true")
            .run((context) -> assertThat(context.getBean(KazooClient.class).exists("/")).isNotNull());
        assertThat(output).doesNotContain("Created the chroot").doesNotContain("does not exist on ZooKeeper");
    }

    private boolean chrootExists() {
        try (KazooClient admin = KazooClient.builder().hosts(zk.serverConnectString()).build()) {
            admin.start(Duration.ofSeconds(30));
            return admin.exists(zk.chroot()) != null;
        }
    }

}
