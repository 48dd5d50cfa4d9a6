package dev.zkasync.spring.boot.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import dev.zkasync.client.state.KeeperState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ApplicationContextException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for the failure analyzers, which turn the starter's startup failures into Boot's
 * "APPLICATION FAILED TO START" report.
 */
@ExtendWith(OutputCaptureExtension.class)
class ZkAsyncFailureAnalyzersTests {

    @Test
    void anApplicationThatCannotConnectReportsWhyAndWhatToDo(CapturedOutput output) throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByAddress(new byte[] { 127, 0, 0, 1 }))) {
            String hosts = "127.0.0.1:" + silent.getLocalPort();
            SpringApplication application = new SpringApplication(Application.class);
            application.setWebApplicationType(WebApplicationType.NONE);
            assertThatThrownBy(() -> application.run("--zk.async.hosts=" + hosts, "--zk.async.startup.timeout=200ms",
                    "--spring.main.banner-mode=off", "--spring.docker.compose.enabled=false"))
                .hasRootCauseInstanceOf(ZkAsyncStartupException.class);
            assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("Could not connect to ZooKeeper at " + hosts + " within PT0.2S")
                .contains("set zk.async.startup.fail-fast=false");
        }
    }

    @Test
    void startupFailureNamesTheHostsAndTheWayOut() {
        ZkAsyncStartupException cause = new ZkAsyncStartupException("zk1:2181,zk2:2181/app", Duration.ofSeconds(15),
                KeeperState.CONNECTING);
        FailureAnalysis analysis = new ZkAsyncStartupFailureAnalyzer()
            .analyze(new ApplicationContextException("Failed to start bean 'kazooClientLifecycle'", cause));
        assertThat(analysis.getDescription())
            .isEqualTo("Could not connect to ZooKeeper at zk1:2181,zk2:2181/app within PT15S (client state CONNECTING).");
        assertThat(analysis.getAction()).contains("zk1:2181,zk2:2181/app", "zk.async.hosts", "zk.async.startup.timeout",
                "zk.async.startup.fail-fast=false");
    }

    @Test
    void refusedCredentialsPointAtTheAuthProperties() {
        ZkAsyncStartupException cause = new ZkAsyncStartupException("zk:2181", Duration.ofSeconds(15),
                KeeperState.AUTH_FAILED);
        FailureAnalysis analysis = new ZkAsyncStartupFailureAnalyzer().analyze(cause);
        assertThat(analysis.getDescription()).contains("refused the client's credentials");
        assertThat(analysis.getAction()).contains("zk.async.auth");
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @ImportAutoConfiguration(ZkAsyncAutoConfiguration.class)
    static class Application {

    }

}
