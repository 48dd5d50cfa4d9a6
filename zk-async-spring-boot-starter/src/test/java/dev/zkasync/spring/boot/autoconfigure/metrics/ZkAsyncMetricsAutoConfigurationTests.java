package dev.zkasync.spring.boot.autoconfigure.metrics;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.zkasync.client.KazooClient;
import dev.zkasync.client.watch.WatchedEvent;
import dev.zkasync.spring.boot.autoconfigure.ZkAsyncAutoConfiguration;
import dev.zkasync.test.ZooKeeperExtension;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ZkAsyncMetricsAutoConfiguration}, against a real server.
 */
class ZkAsyncMetricsAutoConfigurationTests {

    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.shared();

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class, ZkAsyncAutoConfiguration.class,
                ZkAsyncMetricsAutoConfiguration.class));

    @Test
    void bindsTheConnectionMetersOfTheClientTaggedWithItsBeanName() {
        this.contextRunner.withPropertyValues("zk.async.hosts=" + zk.connectString())
            .withBean(SimpleMeterRegistry.class)
            .run((context) -> {
                MeterRegistry meters = context.getBean(MeterRegistry.class);
                KazooClient client = context.getBean(KazooClient.class);
                assertThat(meters.getMeters()).filteredOn((meter) -> meter.getId().getName().startsWith("zookeeper.client."))
                    .extracting((meter) -> meter.getId().getName())
                    .contains("zookeeper.client.state", "zookeeper.client.requests.inflight",
                            "zookeeper.client.requests.queued", "zookeeper.client.reconnects",
                            "zookeeper.client.session.expirations", "zookeeper.client.disconnects",
                            "zookeeper.client.watch.events", "zookeeper.client.bytes.sent",
                            "zookeeper.client.bytes.received", "zookeeper.client.read.pauses");
                assertThat(meters.getMeters()).filteredOn((meter) -> meter.getId().getName().startsWith("zookeeper.client."))
                    .allSatisfy((meter) -> assertThat(meter.getId().getTag("name")).isEqualTo("kazooClient"));
                assertThat(meters.get("zookeeper.client.state").tag("state", "connected").gauge().value()).isEqualTo(1);
                assertThat(meters.get("zookeeper.client.state").tag("state", "closed").gauge().value()).isZero();
                assertThat(meters.get("zookeeper.client.state").gauges()).hasSize(6);
                assertThat(meters.get("zookeeper.client.bytes.sent").meter().getId().getBaseUnit()).isEqualTo("bytes");
                assertThat(meters.get("zookeeper.client.requests.inflight").gauge().value()).isZero();
                assertThat(meters.get("zookeeper.client.reconnects").functionCounter().count()).isZero();
                assertThat(meters.get("zookeeper.client.read.pauses").functionCounter().count()).as("nothing outstanding")
                    .isZero();

                client.ensurePath("/watched");
                BlockingQueue<WatchedEvent> events = new LinkedBlockingQueue<>();
                client.get("/watched", events::add);
                client.set("/watched", new byte[] { 1 });
                assertThat(events.poll(10, TimeUnit.SECONDS)).isNotNull();
                await().atMost(Duration.ofSeconds(10))
                    .until(() -> meters.get("zookeeper.client.watch.events").functionCounter().count() == 1);
                assertThat(meters.get("zookeeper.client.bytes.sent").functionCounter().count()).isPositive();
                assertThat(meters.get("zookeeper.client.bytes.received").functionCounter().count()).isPositive();

                client.stop();
                assertThat(meters.get("zookeeper.client.state").tag("state", "closed").gauge().value()).isEqualTo(1);
            });
    }

    @Test
    void everyClientBeanGetsItsOwnMeters() {
        this.contextRunner.withUserConfiguration(TwoClients.class).withBean(SimpleMeterRegistry.class).run((context) -> {
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.get("zookeeper.client.reconnects").meters()).extracting((Meter meter) -> meter.getId().getTag("name"))
                .containsExactlyInAnyOrder("ordersZk", "billingZk");
        });
    }

    @Test
    void withoutAMeterRegistryNothingIsBound() {
        this.contextRunner.withPropertyValues("zk.async.hosts=" + zk.connectString())
            .run((context) -> assertThat(context).hasSingleBean(KazooClient.class)
                .doesNotHaveBean("zkAsyncClientMeterBinder"));
    }

    @Test
    void withoutMicrometerTheAutoConfigurationBacksOff() {
        this.contextRunner.withPropertyValues("zk.async.hosts=" + zk.connectString())
            .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
            .run((context) -> assertThat(context).hasNotFailed()
                .hasSingleBean(KazooClient.class)
                .doesNotHaveBean("zkAsyncClientMeterBinder"));
    }

    @Test
    void withTheStarterDisabledNothingIsBound() {
        this.contextRunner.withPropertyValues("zk.async.enabled=false")
            .withUserConfiguration(TwoClients.class)
            .withBean(SimpleMeterRegistry.class)
            .run((context) -> {
                assertThat(context).hasNotFailed().doesNotHaveBean("zkAsyncClientMeterBinder");
                assertThat(context.getBean(MeterRegistry.class).find("zookeeper.client.reconnects").meters()).isEmpty();
            });
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoClients {

        @Bean
        KazooClient ordersZk() {
            return KazooClient.builder().hosts(zk.serverConnectString() + "/orders").build();
        }

        @Bean
        KazooClient billingZk() {
            return KazooClient.builder().hosts(zk.serverConnectString() + "/billing").build();
        }

    }

}
