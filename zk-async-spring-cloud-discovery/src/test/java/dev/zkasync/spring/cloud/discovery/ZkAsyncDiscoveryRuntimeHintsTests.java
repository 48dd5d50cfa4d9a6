package dev.zkasync.spring.cloud.discovery;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ZkAsyncDiscoveryRuntimeHints}.
 */
class ZkAsyncDiscoveryRuntimeHintsTests {

    private final RuntimeHints hints = new RuntimeHints();

    ZkAsyncDiscoveryRuntimeHintsTests() {
        new ZkAsyncDiscoveryRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
    }

    @Test
    void isListedInAotFactories() {
        assertThat(AotServices.factories().load(RuntimeHintsRegistrar.class))
            .anyMatch(ZkAsyncDiscoveryRuntimeHints.class::isInstance);
    }

    @Test
    void serviceInstancesCanBeWrittenAsJson() {
        for (String getter : new String[] { "getInstanceId", "getServiceId", "getHost", "getPort", "getUri",
                "getMetadata", "isSecure" }) {
            assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(ZkAsyncServiceInstance.class, getter))
                .as(getter)
                .accepts(this.hints);
            assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(ZkAsyncRegistration.class, getter))
                .as(getter)
                .accepts(this.hints);
        }
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(ZkAsyncServiceInstance.class,
                "getRegistrationTimeUtc")).accepts(this.hints);
    }

}
