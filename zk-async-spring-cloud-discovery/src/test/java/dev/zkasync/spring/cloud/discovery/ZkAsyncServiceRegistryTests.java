package dev.zkasync.spring.cloud.discovery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.zkasync.client.CreateOptions;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.data.NodeData;
import dev.zkasync.client.state.KazooState;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link ZkAsyncServiceRegistry} and {@link ZkAsyncServiceCache} on a real server.
 */
class ZkAsyncServiceRegistryTests extends DiscoveryTestSupport {

    @Test
    void registerWritesAnEphemeralNodeWithCuratorsJson() {
        KazooClient client = client();
        ZkAsyncServiceRegistry registry = registry(client);
        ZkAsyncRegistration registration = registration("orders", "id-1", 8080);
        registry.register(registration);

        NodeData node = client.get("/services/orders/id-1");
        assertThat(node.stat().ephemeralOwner()).isEqualTo(client.clientId().sessionId());
        JsonNode json = JsonMapper.builder().build().readTree(node.data());
        assertThat(json.get("name").asString()).isEqualTo("orders");
        assertThat(json.get("id").asString()).isEqualTo("id-1");
        assertThat(json.get("address").asString()).isEqualTo("10.1.2.3");
        assertThat(json.get("port").asInt()).isEqualTo(8080);
        assertThat(json.get("sslPort").isNull()).isTrue();
        assertThat(json.get("serviceType").asString()).isEqualTo("DYNAMIC");
        assertThat(json.get("registrationTimeUTC").asLong()).isPositive();
        assertThat(json.has("enabled")).as("Curator's compatible mode has no 'enabled'").isFalse();
        JsonNode payload = json.get("payload");
        assertThat(payload.get("@class").asString())
            .isEqualTo("org.springframework.cloud.zookeeper.discovery.ZookeeperInstance");
        assertThat(payload.get("id").asString()).isEqualTo("ctx-id-1");
        assertThat(payload.get("name").asString()).isEqualTo("orders");
        assertThat(payload.get("metadata").get("instance_status").asString()).isEqualTo("UP");
        assertThat(payload.get("metadata").get("zone").asString()).isEqualTo("a");
        assertThat(json.get("uriSpec").get("parts")).hasSize(5);
        assertThat(json.get("uriSpec").get("parts").get(0).get("value").asString()).isEqualTo("scheme");
        assertThat(json.get("uriSpec").get("parts").get(0).get("variable").asBoolean()).isTrue();
        assertThat(registry.isRegistered(registration)).isTrue();
    }

    @Test
    void deregisterRemovesTheNodeAtOnce() {
        KazooClient client = client();
        ZkAsyncServiceRegistry registry = registry(client);
        ZkAsyncRegistration registration = registration("orders", "id-1", 8080);
        registry.register(registration);
        registry.deregister(registration);
        assertThat(client.exists("/services/orders/id-1")).isNull();
        assertThat(registry.isRegistered(registration)).isFalse();
    }

    @Test
    void deregisterWhileDisconnectedReturnsAtOnceAndTheNodeGoesOnReconnect() throws InterruptedException {
        Proxied proxied = proxiedClient();
        ZkAsyncServiceRegistry registry = registry(proxied.client());
        ZkAsyncRegistration registration = registration("orders", "id-1", 8080);
        registry.register(registration);
        proxied.proxy().refuseNewConnections(true);
        proxied.proxy().dropConnections();
        awaitState(proxied.states(), KazooState.SUSPENDED);

        long started = System.nanoTime();
        registry.deregister(registration);
        // a wait for the delete would last until the request deadline (seconds)
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(proxied.client().requestTimeout());
        assertThat(registry.isRegistered(registration)).isFalse();

        proxied.proxy().refuseNewConnections(false);
        awaitState(proxied.states(), KazooState.CONNECTED);
        KazooClient observer = client();
        await("the node deleted on reconnect", () -> observer.exists("/services/orders/id-1") == null);
    }

    @Test
    void aNodeLeftByAnEarlierSessionIsReplaced() {
        KazooClient earlier = client();
        new ZkAsyncServiceRegistry(earlier, "/services").register(registration("orders", "id-1", 8080));
        KazooClient client = client();
        ZkAsyncServiceRegistry registry = registry(client);
        registry.register(registration("orders", "id-1", 9090));
        NodeData node = client.get("/services/orders/id-1");
        assertThat(node.stat().ephemeralOwner()).isEqualTo(client.clientId().sessionId());
        assertThat(new String(node.data(), StandardCharsets.UTF_8)).contains("\"port\":9090");
    }

    @Test
    void setStatusWritesTheStatusIntoTheMetadata() {
        KazooClient client = client();
        ZkAsyncServiceRegistry registry = registry(client);
        ZkAsyncRegistration registration = registration("orders", "id-1", 8080);
        registry.register(registration);
        String registeredAt = registrationTime(client.get("/services/orders/id-1").data());
        registry.setStatus(registration, "OUT_OF_SERVICE");
        assertThat(registrationTime(client.get("/services/orders/id-1").data())).isEqualTo(registeredAt);
        assertThat((String) registry.getStatus(registration)).isEqualTo("OUT_OF_SERVICE");
        assertThat(new String(client.get("/services/orders/id-1").data(), StandardCharsets.UTF_8))
            .contains("\"instance_status\":\"OUT_OF_SERVICE\"");
    }

    private static String registrationTime(byte[] json) {
        return JsonMapper.builder().build().readTree(json).get("registrationTimeUTC").asString();
    }

    @Test
    void instancesAreRegisteredAgainAfterTheSessionExpired() throws InterruptedException {
        Proxied proxied = proxiedClient();
        ZkAsyncServiceRegistry registry = registry(proxied.client());
        registry.register(registration("orders", "id-1", 8080));
        KazooClient observer = client();
        long before = observer.exists("/services/orders/id-1").ephemeralOwner();

        expire(proxied);

        await("the node is written again by the new session", () -> {
            var stat = observer.exists("/services/orders/id-1");
            return stat != null && stat.ephemeralOwner() == proxied.client().clientId().sessionId();
        });
        assertThat(proxied.client().clientId().sessionId()).isNotEqualTo(before);
    }

    @Test
    void registrationFailsWithATypedErrorWhenTheServerRefuses() {
        KazooClient client = client();
        client.create("/services", new byte[0]);
        client.create("/services/orders", new byte[0], CreateOptions.DEFAULT.ephemeral());
        ZkAsyncServiceRegistry registry = registry(client);
        assertThatExceptionOfType(ZkAsyncRegistrationException.class)
            .isThrownBy(() -> registry.register(registration("orders", "id-1", 8080)))
            .withMessageContaining("/services/orders/id-1");
        assertThat(registry.isRegistered(registration("orders", "id-1", 8080))).isFalse();
    }

    @Test
    void badNamesAreRefused() {
        assertThatExceptionOfType(IllegalArgumentException.class)
            .isThrownBy(() -> registration("a/b", "id-1", 8080))
            .withMessageContaining("serviceId");
        assertThatExceptionOfType(IllegalArgumentException.class)
            .isThrownBy(() -> registration("orders", "", 8080))
            .withMessageContaining("instanceId");
        assertThatExceptionOfType(IllegalArgumentException.class)
            .isThrownBy(() -> registration("orders", "id-1", 70000))
            .withMessageContaining("port");
        assertThatExceptionOfType(IllegalArgumentException.class)
            .isThrownBy(() -> new ZkAsyncRegistration("orders", "id", "h", 1, null, "{scheme://x", "c", Map.of()))
            .withMessageContaining("URI spec");
    }

    @Test
    void theCacheFollowsRegistrationsAndAnswersWithoutRequests() throws InterruptedException {
        KazooClient client = client();
        ZkAsyncServiceRegistry registry = registry(client);
        ZkAsyncServiceCache cache = new ZkAsyncServiceCache(client, "/services");
        cache.start();
        track(cache::stop);
        await("initial load", cache::isInitialized);

        registry.register(registration("orders", "id-1", 8080));
        registry.register(registration("orders", "id-2", 8081));
        registry.register(registration("billing", "id-3", 8082));
        await("three instances", () -> cache.instanceCount() == 3);
        assertThat(cache.getServices()).containsExactly("billing", "orders");
        List<ZkAsyncServiceInstance> orders = cache.getInstances("orders");
        assertThat(orders).extracting(ServiceInstance::getInstanceId).containsExactly("id-1", "id-2");
        ZkAsyncServiceInstance first = orders.get(0);
        assertThat(first.getServiceId()).isEqualTo("orders");
        assertThat(first.getHost()).isEqualTo("10.1.2.3");
        assertThat(first.getPort()).isEqualTo(8080);
        assertThat(first.isSecure()).isFalse();
        assertThat(first.getUri()).hasToString("http://10.1.2.3:8080");
        assertThat(first.getMetadata()).containsEntry("instance_status", "UP").containsEntry("zone", "a");
        assertThat(cache.updateCount()).isGreaterThanOrEqualTo(5);

        long sent = client.stats().bytesSent();
        for (int i = 0; i < 1000; i++) {
            assertThat(cache.getInstances("orders")).hasSize(2);
        }
        assertThat(client.stats().bytesSent()).as("no request per lookup").isEqualTo(sent);

        registry.deregister(registration("orders", "id-1", 8080));
        await("id-1 gone", () -> cache.getInstances("orders").size() == 1);
        assertThat(cache.getInstances("nobody")).isEmpty();
    }

    @Test
    void aNodeThatIsNotAnInstanceIsSkipped() throws InterruptedException {
        KazooClient client = client();
        client.create("/services/orders/broken", "not json".getBytes(StandardCharsets.UTF_8),
                CreateOptions.DEFAULT.makepath());
        client.create("/services/orders/empty", new byte[0]);
        new ZkAsyncServiceRegistry(client, "/services").register(registration("orders", "id-1", 8080));
        ZkAsyncServiceCache cache = new ZkAsyncServiceCache(client, "/services");
        cache.start();
        track(cache::stop);
        await("initial load", cache::isInitialized);
        assertThat(cache.getInstances("orders")).extracting(ServiceInstance::getInstanceId).containsExactly("id-1");
        assertThat(cache.skippedCount()).isEqualTo(2);
    }

}
