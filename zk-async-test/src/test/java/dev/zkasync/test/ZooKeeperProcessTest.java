package dev.zkasync.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class ZooKeeperProcessTest {

    @Test
    void startsServesAndStops() {
        try (ZooKeeperProcess zk = ZooKeeperProcess.start()) {
            assertThat(zk.isRunning()).isTrue();
            assertThat(zk.connectString()).isEqualTo("127.0.0.1:" + zk.port());
            assertThat(zk.connectString("/app")).isEqualTo("127.0.0.1:" + zk.port() + "/app");
            assertThat(zk.connectString("/")).isEqualTo(zk.connectString());
            assertThat(zk.fourLetterWord("ruok")).isEqualTo("imok");
            assertThat(zk.fourLetterWord("srvr")).contains("Mode: standalone");
            assertThat(zk.logTail(2000)).contains("binding to port /127.0.0.1:" + zk.port());
            assertThat(zk.logTail(3).lines()).hasSizeLessThanOrEqualTo(3);
            assertThat(ProcessHandle.of(zk.pid())).isPresent();

            zk.stop();

            assertThat(zk.isRunning()).isFalse();
            assertThat(FreePorts.isBindable(zk.port())).isTrue();
            assertThatThrownBy(() -> zk.fourLetterWord("ruok")).isInstanceOf(UncheckedIOException.class);
        }
    }

    @Test
    void killedServerRestartsOnTheSamePortWithItsData() throws Exception {
        try (ZooKeeperProcess zk = ZooKeeperProcess.start()) {
            int port = zk.port();
            long firstPid = zk.pid();
            assertThat(RawSession.create(port)).isNotZero();
            long zxidBefore = RawSession.zxid(zk.fourLetterWord("srvr"));
            assertThat(zxidBefore).isPositive();

            zk.kill();
            assertThat(zk.isRunning()).isFalse();
            assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();

            zk.restart();

            assertThat(zk.port()).isEqualTo(port);
            assertThat(zk.pid()).isNotEqualTo(firstPid);
            assertThat(zk.fourLetterWord("ruok")).isEqualTo("imok");
            assertThat(RawSession.zxid(zk.fourLetterWord("srvr"))).isGreaterThanOrEqualTo(zxidBefore);
        }
    }

    @Test
    void startAgainAfterStopAndRestartWhileRunning() {
        try (ZooKeeperProcess zk = ZooKeeperProcess.start()) {
            zk.stop();
            zk.startAgain();
            assertThat(zk.fourLetterWord("ruok")).isEqualTo("imok");
            zk.startAgain(); // running: nothing to do

            long pid = zk.pid();
            zk.restart();
            assertThat(zk.pid()).isNotEqualTo(pid);
            assertThat(zk.fourLetterWord("srvr")).contains("Mode: standalone");
        }
    }

    @Test
    void pausedServerDoesNotAnswerUntilResumed() {
        try (ZooKeeperProcess zk = ZooKeeperProcess.start()) {
            zk.pause();

            assertThat(zk.isPaused()).isTrue();
            assertThat(zk.isRunning()).isTrue();
            assertThatThrownBy(() -> zk.fourLetterWord("ruok", Duration.ofMillis(500)))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasCauseInstanceOf(SocketTimeoutException.class);

            zk.resume();

            assertThat(zk.isPaused()).isFalse();
            assertThat(zk.fourLetterWord("ruok")).isEqualTo("imok");
        }
    }

    @Test
    void closeKillsAPausedServerAndDeletesItsDirectory() {
        ZooKeeperProcess zk = ZooKeeperProcess.start();
        long pid = zk.pid();
        zk.pause();

        zk.close();
        zk.close();

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(Files.exists(zk.dataDir())).isFalse();
        assertThatThrownBy(zk::restart).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void optionsReachTheServer() throws Exception {
        ZooKeeperServerOptions options = ZooKeeperServerOptions.builder()
                .tickTime(Duration.ofMillis(1000))
                .minSessionTimeout(Duration.ofMillis(3000))
                .maxSessionTimeout(Duration.ofMillis(15000))
                .maxClientConnections(17)
                .superDigest("super", "secret")
                .readOnlyMode(true)
                .zooCfg("snapCount", "5000")
                .systemProperty("zk.async.marker", "yes")
                .maxHeap("192m")
                .jvmArgs("-XX:MaxMetaspaceSize=128m")
                .build();
        try (ZooKeeperProcess zk = ZooKeeperProcess.start(options)) {
            assertThat(zk.fourLetterWord("conf")).contains(
                    "tickTime=1000", "minSessionTimeout=3000", "maxSessionTimeout=15000", "maxClientCnxns=17");
            assertThat(Files.readString(zk.dataDir().resolve("zoo.cfg"))).contains(
                    "snapCount=5000", "4lw.commands.whitelist=*", "clientPortAddress=127.0.0.1",
                    "admin.enableServer=false", "forceSync=no");

            List<String> arguments = List.of(ProcessHandle.of(zk.pid()).orElseThrow().info().arguments().orElseThrow());
            assertThat(arguments).contains(
                    "-Dzookeeper.extendedTypesEnabled=true",
                    "-Dreadonlymode.enabled=true",
                    "-Dzookeeper.DigestAuthenticationProvider.superDigest=super:lK75jTNcA+U9vtVEw5vB51mj/w4=",
                    "-Dzk.async.marker=yes",
                    "-Xmx192m",
                    "-XX:MaxMetaspaceSize=128m",
                    "-XX:+UseSerialGC",
                    "org.apache.zookeeper.server.ZooKeeperServerMain");
        }
    }

    @Test
    void restrictedWhitelistStillAllowsTheStartupChecks() {
        ZooKeeperServerOptions options = ZooKeeperServerOptions.builder()
                .fourLetterWordWhitelist("mntr")
                .extendedTypes(false)
                .build();
        try (ZooKeeperProcess zk = ZooKeeperProcess.start(options)) {
            assertThat(zk.fourLetterWord("mntr")).contains("zk_server_state\tstandalone");
            assertThat(zk.fourLetterWord("conf")).contains("not in the whitelist");
            assertThat(ProcessHandle.of(zk.pid()).orElseThrow().info().arguments().orElseThrow())
                    .doesNotContain("-Dzookeeper.extendedTypesEnabled=true");
        }
    }

    @Test
    void serversStartedInParallelGetDifferentPorts() {
        CompletableFuture<ZooKeeperProcess> first = CompletableFuture.supplyAsync(ZooKeeperProcess::start);
        CompletableFuture<ZooKeeperProcess> second = CompletableFuture.supplyAsync(ZooKeeperProcess::start);
        try (ZooKeeperProcess a = first.join(); ZooKeeperProcess b = second.join()) {
            assertThat(a.port()).isNotEqualTo(b.port());
            assertThat(a.dataDir()).isNotEqualTo(b.dataDir());
            assertThat(a.fourLetterWord("ruok")).isEqualTo("imok");
            assertThat(b.fourLetterWord("ruok")).isEqualTo("imok");
        }
    }

    @Test
    void aServerThatCannotStartFailsWithItsLog() {
        ZooKeeperServerOptions options = ZooKeeperServerOptions.builder()
                .jvmArgs("-XX:+NoSuchOptionForZkAsync")
                .build();
        assertThatThrownBy(() -> ZooKeeperProcess.start(options))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited with code")
                .hasMessageContaining("NoSuchOptionForZkAsync");
    }
}
