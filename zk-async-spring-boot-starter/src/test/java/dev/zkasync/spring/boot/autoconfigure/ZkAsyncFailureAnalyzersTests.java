package dev.zkasync.spring.boot.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Objects;
import java.util.stream.Stream;

import dev.zkasync.client.state.KeeperState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
import static org.assertj.core.api.Assertions.catchThrowable;

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

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            zk.async.hosts=127.0.0.1:notaport        | Invalid value '127.0.0.1:notaport' for zk.async.hosts  | Set zk.async.hosts to a comma-separated list
            zk.async.hosts=127.0.0.1:2181/app//x     | Invalid value '127.0.0.1:2181/app//x' for zk.async.hosts | optionally followed by a chroot path
            zk.async.hosts=,                          | Invalid value ',' for zk.async.hosts                    | for example 'zk1:2181,zk2:2181/app'
            zk.async.default-acl=bogus               | Invalid value 'bogus' for zk.async.default-acl         | Write every entry as scheme:id:permissions
            zk.async.default-acl=world:anyone:FLY    | Invalid value 'world:anyone:FLY' for zk.async.default-acl | 'world:anyone:ALL'
            zk.async.auth[0].scheme=digest           | Invalid zk.async.auth[0].credential: no credential for scheme 'digest' | Give zk.async.auth[0] both a scheme and a credential
            zk.async.connection-retry.backoff=0.5    | Invalid zk.async.connection-retry.*: backoff must be at least 1 | Correct zk.async.connection-retry.*
            """)
    void aBadPropertyValueIsAnAnalysisNotAStackTrace(String property, String description, String action,
            CapturedOutput output) {
        SpringApplication application = new SpringApplication(Application.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        Throwable thrown = catchThrowable(() -> application.run("--" + property, "--zk.async.startup.wait=false",
                "--spring.main.banner-mode=off", "--spring.docker.compose.enabled=false"));
        assertThat(Stream.iterate(thrown, Objects::nonNull, Throwable::getCause))
            .anyMatch(ZkAsyncPropertyException.class::isInstance);
        String report = output.getOut().substring(output.getOut().indexOf("APPLICATION FAILED TO START"));
        assertThat(report).contains("Description:", description.strip(), "Action:", action.strip());
        assertThat(output.getAll()).as("no stack trace").doesNotContain("\tat ");
    }

    @Test
    void theAnalysisOfABadPropertyGivesItsMessageAndAction() {
        ZkAsyncPropertyException cause = new ZkAsyncPropertyException("zk.async.hosts", "x:y", "bad port",
                "Set zk.async.hosts to host:port.", null);
        FailureAnalysis analysis = new ZkAsyncPropertyFailureAnalyzer()
            .analyze(new ApplicationContextException("Failed to create bean 'kazooClient'", cause));
        assertThat(analysis.getDescription()).isEqualTo("Invalid value 'x:y' for zk.async.hosts: bad port.");
        assertThat(analysis.getAction()).isEqualTo("Set zk.async.hosts to host:port.");
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @ImportAutoConfiguration(ZkAsyncAutoConfiguration.class)
    static class Application {

    }

}
