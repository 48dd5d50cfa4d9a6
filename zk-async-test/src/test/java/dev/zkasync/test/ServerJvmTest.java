package dev.zkasync.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ServerJvmTest {

    @Test
    void aTakenPortIsReportedSoThatStartCanRetry() throws IOException {
        Path dir = TempDirs.create("zk-async-test-");
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(FreePorts.LOOPBACK, 0));
            int port = squatter.getLocalPort();
            Path config = dir.resolve("zoo.cfg");
            TempDirs.write(config, ZooCfg.standalone(ZooKeeperServerOptions.defaults(), dir, port));
            ServerJvm jvm = new ServerJvm("squatted", dir, config, JvmCommand.STANDALONE_MAIN,
                    ZooKeeperServerOptions.defaults(), port, List.of(port));

            jvm.launch();

            assertThatThrownBy(() -> jvm.awaitReady(ServerJvm.Readiness.SERVING, Duration.ofSeconds(30)))
                    .isInstanceOfSatisfying(ServerExitedException.class, e -> assertThat(e.portInUse()).isTrue())
                    .hasMessageContaining("Address already in use");
            assertThat(jvm.isRunning()).isFalse();
        } finally {
            TempDirs.delete(dir);
        }
    }
}
