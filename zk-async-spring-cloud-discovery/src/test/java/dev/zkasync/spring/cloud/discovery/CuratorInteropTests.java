package dev.zkasync.spring.cloud.discovery;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.zkasync.client.KazooClient;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.x.discovery.ServiceDiscovery;
import org.apache.curator.x.discovery.ServiceDiscoveryBuilder;
import org.apache.curator.x.discovery.UriSpec;
import org.apache.curator.x.discovery.details.JsonInstanceSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration;
import org.springframework.cloud.zookeeper.discovery.ZookeeperDiscoveryAutoConfiguration;
import org.springframework.cloud.zookeeper.discovery.ZookeeperDiscoveryClient;
import org.springframework.cloud.zookeeper.discovery.ZookeeperDiscoveryClientConfiguration;
import org.springframework.cloud.zookeeper.discovery.ZookeeperInstance;
import org.springframework.cloud.zookeeper.serviceregistry.ServiceInstanceRegistration;
import org.springframework.cloud.zookeeper.serviceregistry.ZookeeperServiceRegistry;
import org.springframework.cloud.zookeeper.serviceregistry.ZookeeperServiceRegistryAutoConfiguration;
import org.springframework.cloud.zookeeper.support.CuratorServiceDiscoveryAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our instances as Curator's {@code ServiceDiscovery} and a Spring Cloud Zookeeper application see
 * them, and theirs as we see them, on one real server.
 */
class CuratorInteropTests extends DiscoveryTestSupport {

    private CuratorFramework curator() throws InterruptedException {
        CuratorFramework curator = track(CuratorFrameworkFactory.newClient(zk.connectString(), new RetryOneTime(100)));
        curator.start();
        assertThat(curator.blockUntilConnected(30, TimeUnit.SECONDS)).isTrue();
        return curator;
    }

    private ServiceDiscovery<ZookeeperInstance> curatorDiscovery(CuratorFramework curator) throws Exception {
        // As Spring Cloud Zookeeper builds it.
        ServiceDiscovery<ZookeeperInstance> discovery = ServiceDiscoveryBuilder.builder(ZookeeperInstance.class)
            .client(curator)
            .basePath("/services")
            .serializer(new JsonInstanceSerializer<>(ZookeeperInstance.class))
            .build();
        discovery.start();
        return track(discovery);
    }

    @Test
    void curatorsServiceDiscoveryReadsOurInstances() throws Exception {
        KazooClient client = client();
        registry(client).register(new ZkAsyncRegistration("orders", "id-1", "10.1.2.3", 8080, 8443,
                "{scheme}://{address}:{port}/{name}", "ctx", Map.of("instance_status", "UP", "zone", "a")));
        ServiceDiscovery<ZookeeperInstance> discovery = curatorDiscovery(curator());

        assertThat(discovery.queryForNames()).containsExactly("orders");
        Collection<org.apache.curator.x.discovery.ServiceInstance<ZookeeperInstance>> instances = discovery
            .queryForInstances("orders");
        assertThat(instances).hasSize(1);
        org.apache.curator.x.discovery.ServiceInstance<ZookeeperInstance> instance = instances.iterator().next();
        assertThat(instance.getId()).isEqualTo("id-1");
        assertThat(instance.getName()).isEqualTo("orders");
        assertThat(instance.getAddress()).isEqualTo("10.1.2.3");
        assertThat(instance.getPort()).isEqualTo(8080);
        assertThat(instance.getSslPort()).isEqualTo(8443);
        assertThat(instance.getServiceType()).hasToString("DYNAMIC");
        assertThat(instance.getPayload().getId()).isEqualTo("ctx");
        assertThat(instance.getPayload().getName()).isEqualTo("orders");
        assertThat(instance.getPayload().getMetadata()).containsEntry("instance_status", "UP")
            .containsEntry("zone", "a");
        assertThat(instance.buildUriSpec()).isEqualTo("https://10.1.2.3:8080/orders");
    }

    @Test
    void weReadWhatCuratorsServiceDiscoveryRegisters() throws Exception {
        KazooClient client = client();
        ServiceDiscovery<ZookeeperInstance> discovery = curatorDiscovery(curator());
        org.apache.curator.x.discovery.ServiceInstance<ZookeeperInstance> theirs = org.apache.curator.x.discovery.ServiceInstance
            .<ZookeeperInstance>builder()
            .name("billing")
            .id("curator-1")
            .address("10.9.8.7")
            .port(9000)
            .uriSpec(new UriSpec("{scheme}://{address}:{port}"))
            .payload(new ZookeeperInstance("ctx", "billing", Map.of("instance_status", "UP", "zone", "b")))
            .build();
        discovery.registerService(theirs);

        ZkAsyncServiceCache cache = startedCache(client);
        ZkAsyncServiceInstance instance = cache.getInstances("billing").get(0);
        assertThat(instance.getInstanceId()).isEqualTo("curator-1");
        assertThat(instance.getHost()).isEqualTo("10.9.8.7");
        assertThat(instance.getPort()).isEqualTo(9000);
        assertThat(instance.isSecure()).isFalse();
        assertThat(instance.getUri()).hasToString("http://10.9.8.7:9000");
        assertThat(instance.getMetadata()).containsEntry("zone", "b").containsEntry("instance_status", "UP");
        assertThat(instance.getRegistrationTimeUtc()).isEqualTo(theirs.getRegistrationTimeUTC());
        assertThat(instance.getServiceType()).isEqualTo("DYNAMIC");

        discovery.unregisterService(theirs);
        await("Curator's deregistration seen", () -> cache.getInstances("billing").isEmpty());
    }

    @Test
    void aSpringCloudZookeeperApplicationAndWeFindEachOther() throws Exception {
        KazooClient client = client();
        registry(client).register(registration("orders", "ours-1", 8080));
        ZkAsyncServiceCache cache = startedCache(client);

        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(UtilAutoConfiguration.class, ZookeeperAutoConfiguration.class,
                    CuratorServiceDiscoveryAutoConfiguration.class, ZookeeperDiscoveryAutoConfiguration.class,
                    ZookeeperDiscoveryClientConfiguration.class,
                    ZookeeperServiceRegistryAutoConfiguration.class))
            .withPropertyValues("spring.cloud.zookeeper.connect-string=" + zk.connectString(),
                    "spring.application.name=legacy")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                DiscoveryClient theirClient = context.getBean(ZookeeperDiscoveryClient.class);
                assertThat(theirClient.getServices()).contains("orders");
                List<ServiceInstance> found = theirClient.getInstances("orders");
                assertThat(found).hasSize(1);
                assertThat(found.get(0).getInstanceId()).isEqualTo("ours-1");
                assertThat(found.get(0).getHost()).isEqualTo("10.1.2.3");
                assertThat(found.get(0).getPort()).isEqualTo(8080);
                assertThat(found.get(0).getUri()).hasToString("http://10.1.2.3:8080");
                assertThat(found.get(0).getMetadata()).containsEntry("zone", "a");

                ServiceInstanceRegistration legacy = ServiceInstanceRegistration.builder()
                    .defaultUriSpec()
                    .address("10.4.4.4")
                    .port(7070)
                    .name("legacy")
                    .id("legacy-1")
                    .payload(new ZookeeperInstance(context.getId(), "legacy",
                            new HashMap<>(Map.of("instance_status", "UP"))))
                    .build();
                ZookeeperServiceRegistry theirRegistry = context.getBean(ZookeeperServiceRegistry.class);
                theirRegistry.register(legacy);
                await("their instance in our cache", () -> !cache.getInstances("legacy").isEmpty());
                ZkAsyncServiceInstance seen = cache.getInstances("legacy").get(0);
                assertThat(seen.getInstanceId()).isEqualTo("legacy-1");
                assertThat(seen.getUri()).isEqualTo(legacy.getUri());
                assertThat(seen.getMetadata()).isEqualTo(legacy.getMetadata());

                theirRegistry.setStatus(legacy, "OUT_OF_SERVICE");
                await("their status change seen", () -> "OUT_OF_SERVICE"
                    .equals(cache.getInstances("legacy").get(0).getMetadata().get("instance_status")));
                theirRegistry.deregister(legacy);
                await("their deregistration seen", () -> cache.getInstances("legacy").isEmpty());
            });
    }

    private ZkAsyncServiceCache startedCache(KazooClient client) throws InterruptedException {
        ZkAsyncServiceCache cache = new ZkAsyncServiceCache(client, "/services");
        cache.start();
        track(cache::stop);
        await("initial load", cache::isInitialized);
        return cache;
    }

}
