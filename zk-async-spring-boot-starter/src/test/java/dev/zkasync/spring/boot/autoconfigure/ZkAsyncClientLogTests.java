package dev.zkasync.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.List;

import dev.zkasync.client.KazooClient;
import dev.zkasync.test.FaultProxy;
import dev.zkasync.test.ZooKeeperExtension;
import dev.zkasync.test.ZooKeeperProcess;
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
 * What the client logs over an outage, as an application's log shows it: one warning when the
 * connection is lost however many retries follow, and the session's close on shutdown at INFO.
 * The server is this class's own, since it is stopped.
 */
@ExtendWith(OutputCaptureExtension.class)
class ZkAsyncClientLogTests {

    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.perClass();

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ZkAsyncAutoConfiguration.class))
        .withPropertyValues("zk.async.connection-retry.max-delay=100ms", "zk.async.session-timeout=30s",
                "zk.async.create-chroot=true");

    @Test
    void anOutageIsOneWarningAndShutdownClosesTheSessionAtInfo(ZooKeeperProcess server, CapturedOutput output) {
        // Through a proxy, every retry during the outage gets as far as a handshake before it fails.
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", server.port())) {
            this.contextRunner.withPropertyValues("zk.async.hosts=" + proxy.connectString(zk.chroot()))
                .run((context) -> {
                    KazooClient client = context.getBean(KazooClient.class);
                    int accepted = proxy.totalConnectionsAccepted();
                    server.stop();
                    try {
                        await().atMost(Duration.ofSeconds(30))
                            .until(() -> proxy.totalConnectionsAccepted() >= accepted + 4);
                    }
                    finally {
                        server.startAgain();
                    }
                    await().atMost(Duration.ofSeconds(30)).until(client::connected);
                });
        }
        List<String> lost = lines(output, "lost (");
        assertThat(lost).as("one warning for the outage").singleElement().asString().contains(" WARN ");
        assertThat(lines(output, "Closing session 0x")).singleElement().asString().contains(" INFO ");
    }

    private static List<String> lines(CapturedOutput output, String text) {
        return output.getOut().lines().filter((line) -> line.contains(text)).toList();
    }

}
