package dev.zkasync.spring.boot.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.zkasync.client.state.KeeperState;
import dev.zkasync.test.FaultProxy;
import dev.zkasync.test.ZooKeeperExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * ZooKeeper unreachable at startup (a proxy that refuses connections): a required import fails
 * within {@code zk.async.startup.timeout} with an analysis naming hosts and paths; an optional
 * import starts at once and loads when ZooKeeper comes.
 */
class ZkAsyncConfigDataFailureTests {

    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.shared();

    @TempDir
    Path directory;

    private ConfigTree tree;

    private FaultProxy proxy;

    @BeforeEach
    void start() {
        this.tree = new ConfigTree(zk.serverConnectString(), zk.chroot());
        this.tree.put("/config/app1/p", "app1");
        this.proxy = FaultProxy.start("127.0.0.1", zk.server().port());
        this.proxy.refuseNewConnections(true);
    }

    @AfterEach
    void close() {
        this.tree.close();
        this.proxy.close();
    }

    private String[] args() {
        return new String[] { "--zk.async.hosts=" + this.proxy.connectString(zk.chroot()),
                "--spring.application.name=app1", "--zk.async.connection-retry.max-delay=200ms" };
    }

    @Test
    void aRequiredImportFailsWithinTheStartupTimeoutNamingHostsAndPaths() {
        long started = System.nanoTime();
        Throwable failure = catchThrowable(() -> this.tree.run(ZkAsyncConfigDataTests.App.class, true, "zk-async:",
                this.directory, append(args(), "--zk.async.startup.timeout=2s")));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(failure).isInstanceOf(ZkAsyncConfigDataException.class);
        ZkAsyncConfigDataException exception = (ZkAsyncConfigDataException) failure;
        // no active profile: Boot's accepted profiles are the default profile, as Spring Cloud Zookeeper reads them
        assertThat(exception.getPaths()).containsExactly("/config/application", "/config/application,default",
                "/config/app1", "/config/app1,default");
        assertThat(exception.getState()).isNotEqualTo(KeeperState.CONNECTED);
        assertThat(took).isLessThan(Duration.ofSeconds(12));
        FailureAnalysis analysis = new ZkAsyncConfigDataFailureAnalyzer().analyze(exception);
        assertThat(analysis.getDescription()).contains(this.proxy.connectString(zk.chroot()))
            .contains("/config/application")
            .contains("/config/app1")
            .contains("PT2S");
        assertThat(analysis.getAction()).contains("optional:zk-async:").contains("zk.async.startup.timeout");
    }

    @Test
    void anOptionalImportStartsAtOnceAndLoadsWhenZooKeeperComes() throws Exception {
        long started = System.nanoTime();
        ConfigurableApplicationContext context = this.tree.run(ZkAsyncConfigDataTests.RefreshApp.class, true,
                "optional:zk-async:", this.directory, append(args(), "--zk.async.startup.timeout=60s",
                        "--greeting=from-the-command-line"));
        // started while ZooKeeper was still unreachable, without waiting for the startup timeout (a
        // cold start of this application alone takes seconds on a loaded machine)
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
        assertThat(context.isActive()).isTrue();
        assertThat(context.getEnvironment().containsProperty("p")).isFalse();
        ZkAsyncConfigDataTests.Changes changes = context.getBean(ZkAsyncConfigDataTests.Changes.class);

        this.proxy.refuseNewConnections(false);
        await().atMost(Duration.ofSeconds(20))
            .untilAsserted(() -> assertThat(context.getEnvironment().getProperty("p")).isEqualTo("app1"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(changes.keys).contains(Set.of("p")));
    }

    private static String[] append(String[] args, String... more) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

}
