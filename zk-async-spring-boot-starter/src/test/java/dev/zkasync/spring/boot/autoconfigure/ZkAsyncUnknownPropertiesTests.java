package dev.zkasync.spring.boot.autoconfigure;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unknown {@code zk.async.*} keys are reported at startup, known ones (with list indices and
 * nested groups) are not.
 */
@ExtendWith(OutputCaptureExtension.class)
class ZkAsyncUnknownPropertiesTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ZkAsyncAutoConfiguration.class))
        .withPropertyValues("zk.async.startup.wait=false", "zk.async.hosts=127.0.0.1:1");

    @Test
    void theKnownKeysAreThoseOfTheMetadata() {
        Set<String> known = ZkAsyncUnknownProperties.known(getClass().getClassLoader());
        assertThat(known).contains("zk.async.hosts", "zk.async.create-chroot", "zk.async.auth",
                "zk.async.sasl.username", "zk.async.tls.key-store.location", "zk.async.startup.fail-fast");
    }

    @Test
    void unknownKeysAreListedInOneWarning(CapturedOutput output) {
        this.contextRunner
            .withPropertyValues("zk.async.timeout=5s", "zk.async.sasl.usernme=app", "zk.async.session-timeout=5s",
                    "zk.async.auth[0].scheme=digest", "zk.async.auth[0].credential=app:secret",
                    "zk.async.tls.protocols[0]=TLSv1.3", "zk.async.connection-retry.max-delay=1s",
                    "zk.async.tls.enabled=false")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(output).containsOnlyOnce("Unknown zk-async properties")
                    .contains("Unknown zk-async properties, ignored: zk.async.sasl.usernme, zk.async.timeout.");
            });
    }

    @Test
    void knownKeysAloneGiveNoWarning(CapturedOutput output) {
        this.contextRunner.withPropertyValues("zk.async.session-timeout=5s", "zk.async.default-acl=auth::ALL")
            .run((context) -> assertThat(output).doesNotContain("Unknown zk-async properties"));
    }

    @Test
    void environmentVariablesAreNotChecked() {
        MockEnvironment environment = new MockEnvironment().withProperty("zk.async.hosts", "zk:2181")
            .withProperty("zk.async.tiemout", "5s");
        assertThat(ZkAsyncUnknownProperties.find(environment, Set.of("zk.async.hosts")))
            .containsExactly("zk.async.tiemout");
    }

}
