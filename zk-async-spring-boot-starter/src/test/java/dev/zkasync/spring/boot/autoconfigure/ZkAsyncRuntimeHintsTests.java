package dev.zkasync.spring.boot.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.aot.AotServices;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ZkAsyncRuntimeHints}.
 */
class ZkAsyncRuntimeHintsTests {

    private final RuntimeHints hints = new RuntimeHints();

    ZkAsyncRuntimeHintsTests() {
        new ZkAsyncRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
    }

    @Test
    void isListedInAotFactories() {
        assertThat(AotServices.factories().load(RuntimeHintsRegistrar.class))
            .anyMatch(ZkAsyncRuntimeHints.class::isInstance);
    }

    @Test
    void everyChannelHandlerOfTheClientCanBeReflectedOn() {
        // the pipeline's handlers, and the initializer that adds them (an anonymous class)
        assertThat(ZkAsyncRuntimeHints.clientChannelHandlers(getClass().getClassLoader())).contains(
                "dev.zkasync.client.session.ConnectionHandler", "dev.zkasync.client.session.FrameReader",
                "dev.zkasync.client.session.Connector$1");
        for (String handler : ZkAsyncRuntimeHints.clientChannelHandlers(getClass().getClassLoader())) {
            assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of(handler))).as(handler)
                .accepts(this.hints);
        }
    }

    @Test
    void classesThatAreNoHandlersGetNoHint() {
        assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of("dev.zkasync.client.session.Session")))
            .rejects(this.hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of("dev.zkasync.client.KazooClient")))
            .rejects(this.hints);
    }

    @Test
    void theConfigurationMetadataCanBeReadForTheUnknownKeysWarning() {
        assertThat(RuntimeHintsPredicates.resource().forResource(ZkAsyncRuntimeHints.CONFIGURATION_METADATA))
            .accepts(this.hints);
    }

}
