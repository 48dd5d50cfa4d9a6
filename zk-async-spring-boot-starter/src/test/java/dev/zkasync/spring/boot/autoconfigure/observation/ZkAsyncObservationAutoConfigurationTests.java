package dev.zkasync.spring.boot.autoconfigure.observation;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.zkasync.client.CreateOptions;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.Transaction;
import dev.zkasync.client.acl.Acls;
import dev.zkasync.client.acl.Perms;
import dev.zkasync.client.exception.BadVersionException;
import dev.zkasync.client.exception.ConnectionClosedException;
import dev.zkasync.client.exception.NoAuthException;
import dev.zkasync.client.exception.NoNodeException;
import dev.zkasync.client.exception.NodeExistsException;
import dev.zkasync.client.exception.NotEmptyException;
import dev.zkasync.spring.boot.autoconfigure.ZkAsyncAutoConfiguration;
import dev.zkasync.spring.boot.metrics.TimerRequestObserver;
import dev.zkasync.spring.boot.observation.DefaultZooKeeperClientObservationConvention;
import dev.zkasync.spring.boot.observation.ObservationRequestObserver;
import dev.zkasync.spring.boot.observation.ZooKeeperClientObservationContext;
import dev.zkasync.spring.boot.observation.ZooKeeperClientObservationConvention;
import dev.zkasync.test.ZooKeeperExtension;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.ObservationContextAssert;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link ZkAsyncObservationAutoConfiguration}: every request is an observation with the
 * right keys, on success and on each kind of error, or a timer with the same tags, as
 * {@code zk.async.instrumentation} chooses, against a real server.
 */
class ZkAsyncObservationAutoConfigurationTests {

    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.shared();

    private static final String NAME = "zookeeper.client.operations";

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(
                AutoConfigurations.of(ZkAsyncAutoConfiguration.class, ZkAsyncObservationAutoConfiguration.class));

    private ApplicationContextRunner withTestRegistry() {
        return this.contextRunner.withPropertyValues("zk.async.hosts=" + zk.connectString())
            .withBean(TestObservationRegistry.class, TestObservationRegistry::create);
    }

    @Test
    void successfulRequestsAreObservedWithTheirKeys() {
        withTestRegistry().run((context) -> {
            KazooClient client = root(context);
            client.create("/node", bytes("v1"));
            client.get("/node");
            ObservationContextAssert.assertThat(find(context, "create", "/node"))
                .hasNameEqualTo(NAME)
                .hasContextualNameEqualTo("create")
                .hasLowCardinalityKeyValue("zookeeper.operation", "create")
                .hasLowCardinalityKeyValue("outcome", "SUCCESS")
                .hasLowCardinalityKeyValue("zookeeper.result.code", "OK")
                .hasHighCardinalityKeyValue("zookeeper.path", "/node")
                .doesNotHaveError();
            ObservationContextAssert.assertThat(find(context, "get", "/node"))
                .hasLowCardinalityKeyValue("outcome", "SUCCESS")
                .hasLowCardinalityKeyValue("zookeeper.result.code", "OK");
            assertThat(registry(context)).doesNotHaveAnyRemainingCurrentObservation();
        });
    }

    @Test
    void eachServerErrorIsObservedWithItsResultCode() {
        withTestRegistry().run((context) -> {
            KazooClient client = root(context);
            client.create("/parent/child", null, CreateOptions.DEFAULT.makepath());
            client.create("/locked", null, CreateOptions.DEFAULT.acl(List.of(Acls.digestAcl("other", "pw", Perms.ALL))));
            assertThatThrownBy(() -> client.get("/missing")).isInstanceOf(NoNodeException.class);
            assertThatThrownBy(() -> client.create("/parent")).isInstanceOf(NodeExistsException.class);
            assertThatThrownBy(() -> client.set("/parent", bytes("x"), 42)).isInstanceOf(BadVersionException.class);
            assertThatThrownBy(() -> client.delete("/parent")).isInstanceOf(NotEmptyException.class);
            assertThatThrownBy(() -> client.get("/locked")).isInstanceOf(NoAuthException.class);
            assertError(context, "get", "/missing", "NONODE", NoNodeException.class);
            assertError(context, "set", "/parent", "BADVERSION", BadVersionException.class);
            assertError(context, "delete", "/parent", "NOTEMPTY", NotEmptyException.class);
            assertError(context, "get", "/locked", "NOAUTH", NoAuthException.class);
            assertThat(contexts(context)).filteredOn((c) -> c.getOperation().equals("create")
                    && "/parent".equals(c.getPath()) && "NODEEXISTS".equals(c.getResultCode()))
                .isNotEmpty();
        });
    }

    @Test
    void requestsOfAStoppedClientAreObservedAsErrors() {
        withTestRegistry().run((context) -> {
            KazooClient client = context.getBean(KazooClient.class);
            client.stop();
            assertThatThrownBy(() -> client.exists("/after-stop")).isInstanceOf(ConnectionClosedException.class);
            ObservationContextAssert.assertThat(find(context, "exists", "/after-stop"))
                .hasLowCardinalityKeyValue("outcome", "ERROR")
                .hasLowCardinalityKeyValue("zookeeper.result.code", "SESSIONEXPIRED")
                .assertThatError()
                .isInstanceOf(ConnectionClosedException.class);
        });
    }

    @Test
    void aTransactionIsOneMultiAndCompositeCallsAreObservedRequestByRequest() {
        withTestRegistry().run((context) -> {
            KazooClient client = root(context);
            registry(context).clear();
            Transaction transaction = client.transaction();
            transaction.create("/tx-a", bytes("a"));
            transaction.create("/tx-b", bytes("b"));
            transaction.commit();
            assertThat(contexts(context)).extracting(ZooKeeperClientObservationContext::getOperation)
                .containsExactly("transaction");
            registry(context).clear();
            client.ensurePath("/deep/er/path");
            assertThat(contexts(context)).extracting(ZooKeeperClientObservationContext::getOperation)
                .contains("exists", "create")
                .hasSizeGreaterThan(3);
        });
    }

    @Test
    void observationsStopOnTheIoThreadBeforeTheCallbackRunsAndHaveTheCallersParent() {
        List<String> stoppedOn = new CopyOnWriteArrayList<>();
        List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new ObservationHandler<>() {

            @Override
            public void onStop(Observation.Context context) {
                stoppedOn.add(Thread.currentThread().getName());
                stopped.add(context);
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

        });
        this.contextRunner.withPropertyValues("zk.async.hosts=" + zk.connectString())
            .withBean(ObservationRegistry.class, () -> registry)
            .run((context) -> {
                KazooClient client = context.getBean(KazooClient.class);
                Observation parent = Observation.start("caller", registry);
                AtomicReference<Boolean> stoppedBeforeCallback = new AtomicReference<>();
                BlockingQueue<Boolean> done = new LinkedBlockingQueue<>();
                parent.scoped(() -> client.existsAsync("/observed").rawlink((result) -> {
                    stoppedBeforeCallback.set(stopped.stream()
                        .anyMatch((c) -> c instanceof ZooKeeperClientObservationContext z
                                && "/observed".equals(z.getPath())));
                    done.add(true);
                }));
                assertThat(done.poll(10, TimeUnit.SECONDS)).isTrue();
                assertThat(stoppedBeforeCallback.get()).isTrue();
                parent.stop();
                ZooKeeperClientObservationContext exists = stopped.stream()
                    .filter(ZooKeeperClientObservationContext.class::isInstance)
                    .map(ZooKeeperClientObservationContext.class::cast)
                    .filter((c) -> "/observed".equals(c.getPath()))
                    .findFirst()
                    .orElseThrow();
                assertThat(exists.getParentObservation()).isSameAs(parent);
                assertThat(stoppedOn.get(0)).startsWith("zk-async-io");
                assertThat(registry.getCurrentObservation()).isNull();
            });
    }

    /** Observations through Boot's meter handler and direct timers give the same timers. */
    @ParameterizedTest
    @ValueSource(strings = { "observation", "timer", "auto" })
    void requestsBecomeTimersTaggedWithOperationOutcomeAndResultCode(String instrumentation) {
        this.contextRunner
            .withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class))
            .withPropertyValues("zk.async.hosts=" + zk.connectString(), "zk.async.instrumentation=" + instrumentation)
            .withBean(SimpleMeterRegistry.class)
            .run((context) -> {
                assertThat(context.getBean(KazooClient.class).settings().requestObserver())
                    .isInstanceOf(instrumentation.equals("observation") ? ObservationRequestObserver.class
                            : TimerRequestObserver.class);
                KazooClient client = root(context);
                MeterRegistry meters = context.getBean(MeterRegistry.class);
                Tags created = Tags.of("zookeeper.operation", "create", "outcome", "SUCCESS", "zookeeper.result.code",
                        "OK", "error", "none");
                Tags missing = Tags.of("zookeeper.operation", "get", "outcome", "ERROR", "zookeeper.result.code",
                        "NONODE", "error", "NoNodeException");
                long createdBefore = count(meters, created);
                long missingBefore = count(meters, missing);
                client.create("/timed");
                assertThatThrownBy(() -> client.get("/absent")).isInstanceOf(NoNodeException.class);
                assertThat(count(meters, created)).isEqualTo(createdBefore + 1);
                assertThat(count(meters, missing)).isEqualTo(missingBefore + 1);
                assertThat(meters.get(NAME).tags(created).timer().totalTime(TimeUnit.NANOSECONDS)).isPositive();
                assertThat(meters.find(NAME).timers()).allSatisfy((timer) -> assertThat(timer.getId().getTags())
                    .extracting(io.micrometer.core.instrument.Tag::getKey)
                    .containsExactlyInAnyOrder("zookeeper.operation", "outcome", "zookeeper.result.code", "error"));
            });
    }

    /** Each kind is switched off with Boot's own property for it. */
    @ParameterizedTest
    @CsvSource({ "observation, management.observations.enable.zookeeper.client=false",
            "timer, management.metrics.enable.zookeeper.client.operations=false" })
    void eachKindCanBeSwitchedOffWithBootsProperty(String instrumentation, String switchedOff) {
        this.contextRunner
            .withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class))
            .withPropertyValues("zk.async.hosts=" + zk.connectString(), "zk.async.instrumentation=" + instrumentation,
                    switchedOff)
            .withBean(SimpleMeterRegistry.class)
            .run((context) -> {
                root(context).create("/quiet");
                assertThat(context.getBean(MeterRegistry.class).find(NAME).timers()).isEmpty();
            });
    }

    @Test
    void byDefaultAnApplicationWithMetersAndNoTracerGetsTimersAndNoObservations() {
        withTestRegistry().withBean(SimpleMeterRegistry.class).run((context) -> {
            assertThat(context.getBean(KazooClient.class).settings().requestObserver())
                .isInstanceOf(TimerRequestObserver.class);
            KazooClient client = root(context);
            client.exists("/");
            assertThat(contexts(context)).isEmpty();
            assertThat(context.getBean(MeterRegistry.class).get(NAME).tag("zookeeper.operation", "exists").timer()
                .count()).isPositive();
        });
    }

    @Test
    void byDefaultAnApplicationThatTracesGetsObservations() {
        withTestRegistry().withBean(SimpleMeterRegistry.class)
            .withBean(Tracer.class, () -> Tracer.NOOP)
            .run((context) -> {
                assertThat(context.getBean(KazooClient.class).settings().requestObserver())
                    .isInstanceOf(ObservationRequestObserver.class);
                root(context).exists("/");
                ObservationContextAssert.assertThat(find(context, "exists", "/"))
                    .hasLowCardinalityKeyValue("zookeeper.result.code", "OK");
            });
    }

    @Test
    void instrumentationNoneLeavesTheClientWithoutAnObserver() {
        withTestRegistry().withBean(SimpleMeterRegistry.class)
            .withPropertyValues("zk.async.instrumentation=none")
            .run((context) -> assertThat(context.getBean(KazooClient.class).settings().requestObserver()).isNull());
    }

    @Test
    void timersAskedForWithoutAMeterRegistryLeaveTheClientWithoutAnObserver() {
        withTestRegistry().withPropertyValues("zk.async.instrumentation=timer")
            .run((context) -> assertThat(context.getBean(KazooClient.class).settings().requestObserver()).isNull());
    }

    @Test
    void withoutMicrometerCoreObservationsStillWork() {
        withTestRegistry().withClassLoader(new FilteredClassLoader(MeterRegistry.class))
            .run((context) -> {
                assertThat(context).hasNotFailed().doesNotHaveBean("zkAsyncTimerCustomizer");
                assertThat(context.getBean(KazooClient.class).settings().requestObserver())
                    .isInstanceOf(ObservationRequestObserver.class);
            });
    }

    @Test
    void userConventionReplacesTheDefault() {
        withTestRegistry()
            .withBean(ZooKeeperClientObservationConvention.class, () -> new DefaultZooKeeperClientObservationConvention() {

                @Override
                public String getName() {
                    return "coordination.requests";
                }

                @Override
                public KeyValues getLowCardinalityKeyValues(ZooKeeperClientObservationContext context) {
                    return super.getLowCardinalityKeyValues(context).and("team", "payments");
                }

            })
            .run((context) -> {
                context.getBean(KazooClient.class).exists("/");
                ObservationContextAssert.assertThat(find(context, "exists", "/"))
                    .hasNameEqualTo("coordination.requests")
                    .hasLowCardinalityKeyValue("team", "payments")
                    .hasLowCardinalityKeyValue("zookeeper.result.code", "OK");
            });
    }

    @Test
    void withoutAnObservationRegistryTheClientHasNoObserver() {
        this.contextRunner.withPropertyValues("zk.async.hosts=" + zk.connectString())
            .run((context) -> assertThat(context.getBean(KazooClient.class).settings().requestObserver()).isNull());
    }

    @Test
    void withoutMicrometerObservationTheAutoConfigurationBacksOff() {
        this.contextRunner.withPropertyValues("zk.async.hosts=" + zk.connectString())
            .withClassLoader(new FilteredClassLoader(ObservationRegistry.class))
            .run((context) -> {
                assertThat(context).hasNotFailed().doesNotHaveBean("zkAsyncObservationCustomizer");
                assertThat(context.getBean(KazooClient.class).settings().requestObserver()).isNull();
            });
    }

    @Test
    void withTheStarterDisabledNothingIsRegistered() {
        withTestRegistry().withPropertyValues("zk.async.enabled=false")
            .run((context) -> assertThat(context).hasNotFailed()
                .doesNotHaveBean("zkAsyncObservationCustomizer")
                .doesNotHaveBean(KazooClient.class));
    }

    @Test
    void theAutoConfiguredObserverIsTheObservationOne() {
        withTestRegistry().run((context) -> assertThat(
                context.getBean(KazooClient.class).settings().requestObserver())
            .isInstanceOf(ObservationRequestObserver.class));
    }

    private static void assertError(AssertableApplicationContext context, String operation, String path,
            String resultCode, Class<? extends Throwable> error) {
        ObservationContextAssert.assertThat(find(context, operation, path))
            .hasLowCardinalityKeyValue("zookeeper.operation", operation)
            .hasLowCardinalityKeyValue("outcome", "ERROR")
            .hasLowCardinalityKeyValue("zookeeper.result.code", resultCode)
            .hasHighCardinalityKeyValue("zookeeper.path", path)
            .assertThatError()
            .isInstanceOf(error);
    }

    /** The client, with its chroot created and the observations of that cleared. */
    private static KazooClient root(AssertableApplicationContext context) {
        KazooClient client = context.getBean(KazooClient.class);
        client.ensurePath("/");
        if (context.getBean(ObservationRegistry.class) instanceof TestObservationRegistry registry) {
            registry.clear();
        }
        return client;
    }

    private static TestObservationRegistry registry(AssertableApplicationContext context) {
        return context.getBean(TestObservationRegistry.class);
    }

    private static List<ZooKeeperClientObservationContext> contexts(AssertableApplicationContext context) {
        List<ZooKeeperClientObservationContext> found = new CopyOnWriteArrayList<>();
        assertThat(registry(context)).hasHandledContextsThatSatisfy((contexts) -> contexts.stream()
            .filter(ZooKeeperClientObservationContext.class::isInstance)
            .map(ZooKeeperClientObservationContext.class::cast)
            .forEach(found::add));
        return found;
    }

    /** The last observation of {@code operation} on {@code path}. */
    private static ZooKeeperClientObservationContext find(AssertableApplicationContext context, String operation,
            String path) {
        return contexts(context).stream()
            .filter((c) -> c.getOperation().equals(operation) && Objects.equals(c.getPath(), path))
            .reduce((first, second) -> second)
            .orElseThrow(() -> new AssertionError("no " + operation + " " + path + " observation in "
                    + contexts(context).stream().map((c) -> c.getOperation() + " " + c.getPath()).toList()));
    }

    private static long count(MeterRegistry meters, Tags tags) {
        Timer timer = meters.find(NAME).tags(tags).timer();
        return (timer != null) ? timer.count() : 0;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

}
