package dev.zkasync.spring.boot.config;

import dev.zkasync.spring.boot.autoconfigure.ZkAsyncProperties;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ZkAsyncConfigDataRuntimeHints}.
 */
class ZkAsyncConfigDataRuntimeHintsTests {

    @Test
    void isListedInAotFactories() {
        assertThat(AotServices.factories().load(RuntimeHintsRegistrar.class))
            .anyMatch(ZkAsyncConfigDataRuntimeHints.class::isInstance);
    }

    @Test
    void thePropertiesTheImportBindsBeforeTheContextCanBeBound() {
        RuntimeHints hints = new RuntimeHints();
        new ZkAsyncConfigDataRuntimeHints().registerHints(hints, getClass().getClassLoader());
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(ZkAsyncConfigProperties.class, "setRoot"))
            .accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(ZkAsyncProperties.class, "setHosts"))
            .accepts(hints);
        // nested groups too: zk.async.startup.timeout
        assertThat(RuntimeHintsPredicates.reflection()
            .onMethodInvocation(ZkAsyncProperties.Startup.class, "setTimeout")).accepts(hints);
    }

}
