package dev.zkasync.spring.cloud.discovery.autoconfigure;

import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

import dev.zkasync.client.KazooClient;
import dev.zkasync.client.exception.InvalidPathException;
import dev.zkasync.spring.boot.autoconfigure.ZkAsyncAutoConfiguration;
import dev.zkasync.spring.cloud.discovery.ZkAsyncAutoServiceRegistration;
import dev.zkasync.spring.cloud.discovery.ZkAsyncDiscoveryClient;
import dev.zkasync.spring.cloud.discovery.ZkAsyncDiscoveryHealthIndicator;
import dev.zkasync.spring.cloud.discovery.ZkAsyncReactiveDiscoveryClient;
import dev.zkasync.spring.cloud.discovery.ZkAsyncRegistration;
import dev.zkasync.spring.cloud.discovery.ZkAsyncServiceCache;
import dev.zkasync.spring.cloud.discovery.ZkAsyncServiceRegistry;
import dev.zkasync.test.ZooKeeperExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.cloud.client.serviceregistry.ServiceRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ZkAsyncDiscoveryAutoConfiguration} and {@link ZkAsyncServiceRegistryAutoConfiguration}.
 */
class ZkAsyncDiscoveryAutoConfigurationTests {

    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.shared();

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ZkAsyncAutoConfiguration.class,
                ZkAsyncDiscoveryAutoConfiguration.class, ZkAsyncServiceRegistryAutoConfiguration.class));

    private ApplicationContextRunner connected() {
        return this.contextRunner.withPropertyValues("zk.async.hosts=" + zk.serverConnectString(),
                "zk.async.discovery.root=" + zk.chroot() + "/services", "spring.application.name=orders",
                "zk.async.discovery.instance-host=10.1.2.3");
    }

    @Test
    void everythingIsThereByDefault() {
        connected().run((context) -> {
            assertThat(context).hasSingleBean(ZkAsyncServiceCache.class)
                .hasSingleBean(ZkAsyncDiscoveryClient.class)
                .hasSingleBean(ZkAsyncReactiveDiscoveryClient.class)
                .hasSingleBean(ZkAsyncServiceRegistry.class)
                .hasSingleBean(ZkAsyncRegistration.class)
                .hasSingleBean(ZkAsyncAutoServiceRegistration.class);
            assertThat(context.getBean(ServiceRegistry.class)).isInstanceOf(ZkAsyncServiceRegistry.class);
        });
    }

    @Test
    void theRegistrationComesFromTheProperties() {
        connected()
            .withPropertyValues("zk.async.discovery.instance-id=orders-1", "zk.async.discovery.instance-port=8081",
                    "zk.async.discovery.metadata.zone=a", "zk.async.discovery.initial-status=STARTING")
            .run((context) -> {
                ZkAsyncRegistration registration = context.getBean(ZkAsyncRegistration.class);
                assertThat(registration.getServiceId()).isEqualTo("orders");
                assertThat(registration.getInstanceId()).isEqualTo("orders-1");
                assertThat(registration.getHost()).isEqualTo("10.1.2.3");
                assertThat(registration.getPort()).isEqualTo(8081);
                assertThat(registration.isSecure()).isFalse();
                assertThat(registration.getMetadata()).containsExactlyInAnyOrderEntriesOf(
                        Map.of("zone", "a", "instance_status", "STARTING"));
                assertThat(registration.getPayloadId()).isEqualTo(context.getId());
            });
    }

    @Test
    void theServiceNameAndAnSslPortMayBeSet() {
        connected().withPropertyValues("zk.async.discovery.service-name=billing",
                "zk.async.discovery.instance-ssl-port=8443")
            .run((context) -> {
                ZkAsyncRegistration registration = context.getBean(ZkAsyncRegistration.class);
                assertThat(registration.getServiceId()).isEqualTo("billing");
                assertThat(registration.getPort()).isEqualTo(8443);
                assertThat(registration.isSecure()).isTrue();
                assertThat(registration.getInstanceId()).hasSize(36); // a UUID, as Curator's
            });
    }

    @Test
    void theDiscoveryClientsAnswerFromTheCache() {
        connected().withPropertyValues("zk.async.discovery.instance-port=8081").run((context) -> {
            ZkAsyncServiceRegistry registry = context.getBean(ZkAsyncServiceRegistry.class);
            ZkAsyncRegistration registration = context.getBean(ZkAsyncRegistration.class);
            registry.register(registration);
            DiscoveryClient discovery = context.getBean(DiscoveryClient.class);
            awaitTrue(() -> discovery.getInstances("orders").size() == 1);
            ServiceInstance found = discovery.getInstances("orders").get(0);
            assertThat(found.getInstanceId()).isEqualTo(registration.getInstanceId());
            assertThat(found.getUri()).hasToString("http://10.1.2.3:8081");
            assertThat(discovery.getServices()).containsExactly("orders");
            assertThat(discovery.description()).contains("/services");

            ReactiveDiscoveryClient reactive = context.getBean(ReactiveDiscoveryClient.class);
            StepVerifier.create(reactive.getInstances("orders").map(ServiceInstance::getPort))
                .expectNext(8081)
                .verifyComplete();
            StepVerifier.create(reactive.getServices()).expectNext("orders").verifyComplete();
        });
    }

    @Test
    void theHealthIndicatorIsUpOnceLoadedAndShowsTheRegistration() {
        connected().withConfiguration(AutoConfigurations.of(HealthContributorRegistryAutoConfiguration.class))
            .withPropertyValues("zk.async.discovery.instance-port=8081", "zk.async.discovery.instance-id=orders-1")
            .run((context) -> {
                context.getBean(ZkAsyncServiceRegistry.class).register(context.getBean(ZkAsyncRegistration.class));
                HealthIndicator indicator = (HealthIndicator) context.getBean(HealthContributorRegistry.class)
                    .getContributor("zkAsyncDiscovery");
                assertThat(indicator).isInstanceOf(ZkAsyncDiscoveryHealthIndicator.class);
                awaitTrue(() -> indicator.health(true).getDetails().get("instances").equals(1));
                Health health = indicator.health(true);
                assertThat(health.getStatus()).isEqualTo(Status.UP);
                assertThat(health.getDetails()).containsEntry("services", 1)
                    .containsEntry("instanceId", "orders-1")
                    .containsEntry("registered", true)
                    .containsEntry("status", "UP")
                    .containsKey("cacheUpdates");

                context.getBean(KazooClient.class).stop();
                assertThat(indicator.health(true).getStatus()).isEqualTo(Status.DOWN);
            });
    }

    @Test
    void theHealthIndicatorCanBeSwitchedOff() {
        connected().withConfiguration(AutoConfigurations.of(HealthContributorRegistryAutoConfiguration.class))
            .withPropertyValues("management.health.zkasyncdiscovery.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(ZkAsyncDiscoveryHealthIndicator.class));
    }

    @Test
    void theCacheIsMeteredWhenThereIsARegistry() {
        connected().withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withPropertyValues("zk.async.discovery.instance-port=8081")
            .run((context) -> {
                MeterRegistry meters = context.getBean(MeterRegistry.class);
                context.getBeansOfType(MeterBinder.class)
                    .values()
                    .forEach((binder) -> binder.bindTo(meters));
                context.getBean(ZkAsyncServiceRegistry.class).register(context.getBean(ZkAsyncRegistration.class));
                awaitTrue(() -> meters.get("zookeeper.discovery.cache.instances").gauge().value() == 1.0);
                assertThat(meters.get("zookeeper.discovery.cache.services").gauge().value()).isEqualTo(1.0);
                assertThat(meters.get("zookeeper.discovery.cache.updates").functionCounter().count())
                    .isGreaterThanOrEqualTo(2.0);
                assertThat(meters.get("zookeeper.discovery.cache.skipped").functionCounter().count()).isZero();
                assertThat(meters.get("zookeeper.discovery.cache.instances").gauge().getId().getTag("root"))
                    .endsWith("/services");
            });
    }

    @Test
    void noMetersWithoutMicrometer() {
        connected().withClassLoader(new FilteredClassLoader(MeterRegistry.class))
            .run((context) -> assertThat(context).hasNotFailed()
                .doesNotHaveBean("zkAsyncServiceCacheMetrics"));
    }

    @Test
    void noReactiveClientWithoutReactor() {
        connected().withClassLoader(new FilteredClassLoader(Flux.class))
            .run((context) -> assertThat(context).hasSingleBean(ZkAsyncDiscoveryClient.class)
                .doesNotHaveBean(ZkAsyncReactiveDiscoveryClient.class));
    }

    @Test
    void springCloudsSwitchesApply() {
        connected().withPropertyValues("spring.cloud.discovery.reactive.enabled=false")
            .run((context) -> assertThat(context).hasSingleBean(ZkAsyncDiscoveryClient.class)
                .doesNotHaveBean(ZkAsyncReactiveDiscoveryClient.class));
        connected().withPropertyValues("spring.cloud.discovery.blocking.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(ZkAsyncDiscoveryClient.class)
                .hasSingleBean(ZkAsyncReactiveDiscoveryClient.class));
        connected().withPropertyValues("spring.cloud.discovery.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(ZkAsyncServiceCache.class)
                .hasSingleBean(ZkAsyncServiceRegistry.class));
        connected().withPropertyValues("spring.cloud.service-registry.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(ZkAsyncServiceRegistry.class)
                .hasSingleBean(ZkAsyncDiscoveryClient.class));
        connected().withPropertyValues("spring.cloud.service-registry.auto-registration.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(ZkAsyncAutoServiceRegistration.class)
                .hasSingleBean(ZkAsyncServiceRegistry.class));
    }

    @Test
    void offWithZkAsyncDiscoveryDisabledOrWithoutAClient() {
        connected().withPropertyValues("zk.async.discovery.enabled=false")
            .run((context) -> assertThat(context).hasSingleBean(KazooClient.class)
                .doesNotHaveBean(ZkAsyncServiceCache.class)
                .doesNotHaveBean(ZkAsyncServiceRegistry.class));
        connected().withPropertyValues("zk.async.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(ZkAsyncServiceCache.class)
                .doesNotHaveBean(ZkAsyncServiceRegistry.class));
    }

    @Test
    void aRootThatIsNotAPathFailsTheStartWithTheReason() {
        connected().withPropertyValues("zk.async.discovery.root=services")
            .run((context) -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .isInstanceOf(InvalidPathException.class)
                .hasMessageContaining("\"services\": path must start with '/'"));
    }

    @Test
    void aUserBeanReplacesTheRegistration() {
        ZkAsyncRegistration own = new ZkAsyncRegistration("mine", "mine-1", "h", 1, null,
                ZkAsyncDiscoveryProperties.DEFAULT_URI_SPEC, "c", Map.of());
        connected().withBean(ZkAsyncRegistration.class, () -> own)
            .run((context) -> assertThat(context.getBean(ZkAsyncRegistration.class)).isSameAs(own));
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 30 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

}
