package dev.zkasync.spring.boot;

import dev.zkasync.client.KazooClient;
import dev.zkasync.spring.boot.actuate.ZkAsyncEndpoint;
import dev.zkasync.spring.boot.actuate.ZkAsyncEndpoint.ClientDescriptor;
import dev.zkasync.spring.boot.autoconfigure.ZkAsyncAutoConfiguration;
import dev.zkasync.spring.boot.autoconfigure.ZkAsyncProperties;
import dev.zkasync.spring.boot.autoconfigure.actuate.ZkAsyncEndpointAutoConfiguration;
import dev.zkasync.spring.boot.autoconfigure.health.ZkAsyncHealthContributorAutoConfiguration;
import dev.zkasync.spring.boot.health.ZkAsyncHealthIndicator;
import dev.zkasync.test.ZooKeeperExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter under Spring AOT: a context with the client, health and endpoint auto-configurations is
 * processed ahead of time, its generated code compiled and run against a real server, and the
 * hints the processing produced cover what the starter reaches by reflection.
 */
@CompileWithForkedClassLoader
class ZkAsyncAotTests {

    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.shared();

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ZkAsyncAutoConfiguration.class,
                ZkAsyncHealthContributorAutoConfiguration.class, ZkAsyncEndpointAutoConfiguration.class));

    private String[] properties() {
        return new String[] { "zk.async.hosts=" + zk.connectString(),
                "management.endpoints.web.exposure.include=zookeeper" };
    }

    @Test
    void theProcessedContextConnectsAndServesHealthAndTheEndpoint() {
        this.contextRunner.withPropertyValues(properties()).prepare((context) -> {
            TestGenerationContext generation = new TestGenerationContext();
            ClassName initializer = new ApplicationContextAotGenerator()
                .processAheadOfTime(context.getSourceApplicationContext(GenericApplicationContext.class), generation);
            generation.writeGeneratedContent();
            TestCompiler.forSystem().with(generation).compile((compiled) -> {
                try (GenericApplicationContext processed = new GenericApplicationContext()) {
                    TestPropertyValues.of(properties()).applyTo(processed);
                    @SuppressWarnings("unchecked")
                    ApplicationContextInitializer<GenericApplicationContext> generated = compiled
                        .getInstance(ApplicationContextInitializer.class, initializer.toString());
                    generated.initialize(processed);
                    processed.refresh();

                    KazooClient client = processed.getBean(KazooClient.class);
                    assertThat(client.connected()).as("connected once the context is refreshed").isTrue();
                    assertThat(processed.getBean(ZkAsyncHealthIndicator.class).health(false).getStatus())
                        .isEqualTo(Status.UP);
                    ClientDescriptor described = processed.getBean(ZkAsyncEndpoint.class).client("kazooClient");
                    assertThat(described).isNotNull();
                    assertThat(described.state()).isEqualTo("CONNECTED");
                    assertThat(described.chroot()).isEqualTo(zk.chroot());
                }
            });
        });
    }

    @Test
    void processingRegistersTheHintsTheStarterNeeds() {
        this.contextRunner.withPropertyValues(properties()).prepare((context) -> {
            TestGenerationContext generation = new TestGenerationContext();
            new ApplicationContextAotGenerator()
                .processAheadOfTime(context.getSourceApplicationContext(GenericApplicationContext.class), generation);
            RuntimeHints hints = generation.getRuntimeHints();
            // the properties are bound by reflection
            assertThat(RuntimeHintsPredicates.reflection().onType(ZkAsyncProperties.class)).accepts(hints);
            // the endpoint's results are written as JSON, nested records included
            assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(ClientDescriptor.class, "state"))
                .accepts(hints);
            assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(ZkAsyncEndpoint.Requests.class, "inFlight"))
                .accepts(hints);
            // the starter's own registrar, from META-INF/spring/aot.factories
            assertThat(RuntimeHintsPredicates.reflection()
                .onType(TypeReference.of("dev.zkasync.client.session.ConnectionHandler"))).accepts(hints);
            assertThat(RuntimeHintsPredicates.resource().forResource("META-INF/spring-configuration-metadata.json"))
                .accepts(hints);
        });
    }

}
