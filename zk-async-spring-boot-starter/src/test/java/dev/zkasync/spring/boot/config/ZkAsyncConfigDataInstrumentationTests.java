package dev.zkasync.spring.boot.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.zkasync.client.KazooClient;
import dev.zkasync.client.metrics.RequestObserver;
import dev.zkasync.spring.boot.autoconfigure.KazooClientBuilderCustomizer;
import dev.zkasync.spring.boot.autoconfigure.ZkAsyncPropertyException;
import dev.zkasync.spring.boot.metrics.TimerRequestObserver;
import dev.zkasync.spring.boot.observation.ZooKeeperClientObservationContext;
import dev.zkasync.test.ZooKeeperExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The client of {@code spring.config.import=zk-async:} is measured like a client the context
 * built (timers, or observations when configured), including the requests its property sources'
 * caches make; what cannot reach it fails (an SSL bundle) or is named in a warning (customizers).
 */
@ExtendWith(OutputCaptureExtension.class)
class ZkAsyncConfigDataInstrumentationTests {

    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.shared();

    private static final String NAME = TimerRequestObserver.NAME;

    @TempDir
    Path directory;

    /** A tree of one key, written by a client of the test's own; it closes the applications too. */
    private @Nullable ConfigTree tree;

    @AfterEach
    void close() {
        if (this.tree != null) {
            this.tree.close();
        }
    }

    private ConfigurableApplicationContext run(Class<?> application, String... extra) throws Exception {
        this.tree = new ConfigTree(zk.serverConnectString(), zk.chroot()).put("/config/app1/greeting", "hello");
        List<String> args = new ArrayList<>(
                List.of("--zk.async.hosts=" + zk.connectString(), "--spring.application.name=app1"));
        args.addAll(List.of(extra));
        return this.tree.run(application, true, "zk-async:", this.directory, args.toArray(String[]::new));
    }

    @Test
    void theImportedClientsRequestsAreTimedAsAnAutoConfiguredClientsAre() throws Exception {
        ConfigurableApplicationContext context = run(App.class);
        KazooClient client = context.getBean(KazooClient.class);
        assertThat(client).isSameAs(context.getBean(ZkAsyncConfigData.class).getClient());
        MeterRegistry meters = context.getBean(MeterRegistry.class);
        client.create("/timed");
        assertThat(meters.get(NAME).tags("zookeeper.operation", "create", "outcome", "SUCCESS").timer().count())
            .isEqualTo(1);
        long exists = count(meters, "exists");
        client.exists("/timed");
        assertThat(count(meters, "exists")).isEqualTo(exists + 1);
        // the property source's cache reads a changed node through the same client
        this.tree.put("/config/app1/greeting", "hi");
        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(context.getEnvironment().getProperty("greeting")).isEqualTo("hi"));
        assertThat(count(meters, "get")).isPositive();
        // the connection meters cover it as well
        assertThat(meters.get("zookeeper.client.requests.inflight").tag("name", "kazooClient").gauge()).isNotNull();
    }

    private static long count(MeterRegistry meters, String operation) {
        return meters.find(NAME).tag("zookeeper.operation", operation).timers().stream().mapToLong((t) -> t.count()).sum();
    }

    @Test
    void theImportedClientsRequestsAreObservationsWhenTheApplicationAsksForThem() throws Exception {
        ConfigurableApplicationContext context = run(ObservedApp.class, "--zk.async.instrumentation=observation");
        TestObservationRegistry observations = context.getBean(TestObservationRegistry.class);
        context.getBean(KazooClient.class).create("/observed");
        TestObservationRegistryAssert.assertThat(observations).hasHandledContextsThatSatisfy((contexts) -> assertThat(
                contexts)
            .filteredOn(ZooKeeperClientObservationContext.class::isInstance)
            .map(ZooKeeperClientObservationContext.class::cast)
            .anySatisfy((request) -> {
                assertThat(request.getOperation()).isEqualTo("create");
                assertThat(request.getPath()).isEqualTo("/observed");
                assertThat(request.getResultCode()).isEqualTo("OK");
            }));
        TestObservationRegistryAssert.assertThat(observations).doesNotHaveAnyRemainingCurrentObservation();
        // Boot's meter handler turns the observations into the same timer
        assertThat(context.getBean(MeterRegistry.class).get(NAME).tags("zookeeper.operation", "create").timer().count())
            .isEqualTo(1);
    }

    @Test
    void withInstrumentationNoneTheImportedClientIsNotMeasured() throws Exception {
        ConfigurableApplicationContext context = run(App.class, "--zk.async.instrumentation=none");
        context.getBean(KazooClient.class).create("/unmeasured");
        assertThat(context.getBean(MeterRegistry.class).find(NAME).timers()).isEmpty();
    }

    @Test
    void customizersTheImportCannotApplyAreNamedInAWarning(CapturedOutput output) throws Exception {
        run(CustomizedApp.class);
        assertThat(output).contains("not applied to it: KazooClientBuilderCustomizer bean 'frames'")
            .doesNotContain("bean 'standardKazooClientBuilderCustomizer'")
            .doesNotContain("bean 'zkAsyncTimerCustomizer'");
    }

    @Test
    void anSslBundleIsRefusedWithTheImportNamingWhatToUseInstead() {
        Throwable failure = catchThrowable(() -> run(App.class, "--zk.async.ssl.bundle=client"));
        assertThat(failure).isInstanceOfSatisfying(ZkAsyncPropertyException.class, (ex) -> {
            assertThat(ex.getProperty()).isEqualTo("zk.async.ssl.bundle");
            assertThat(ex.getAction()).contains("zk.async.tls.*");
        });
    }

    @Test
    void requestsStartedBeforeTheBindingAreNotCompletedOnTheBoundObserver() {
        DeferredRequestObserver deferred = new DeferredRequestObserver();
        Object early = deferred.started("get", "/a");
        RecordingObserver first = new RecordingObserver();
        assertThat(deferred.bind(first)).isTrue();
        assertThat(deferred.bind(new RecordingObserver())).as("bound once").isFalse();
        Object later = deferred.started("set", "/b");
        deferred.completed(early, "get", "OK", null);
        deferred.completed(later, "set", "OK", null);
        assertThat(first.events).containsExactly("started set", "completed set");
    }

    static final class RecordingObserver implements RequestObserver {

        final List<String> events = new ArrayList<>();

        @Override
        public Object started(String operation, @Nullable String path) {
            this.events.add("started " + operation);
            return operation;
        }

        @Override
        public void completed(@Nullable Object context, String operation, String resultCode,
                @Nullable Throwable error) {
            this.events.add("completed " + context);
        }

    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {

    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class ObservedApp {

        @Bean
        TestObservationRegistry observationRegistry() {
            return TestObservationRegistry.create();
        }

    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class CustomizedApp {

        @Bean
        KazooClientBuilderCustomizer frames() {
            return (builder) -> builder.maxFrameSize(8 << 20);
        }

    }

}
