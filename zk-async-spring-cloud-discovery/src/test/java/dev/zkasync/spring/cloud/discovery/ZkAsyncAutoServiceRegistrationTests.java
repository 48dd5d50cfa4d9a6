package dev.zkasync.spring.cloud.discovery;

import java.util.List;

import dev.zkasync.client.KazooClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two web applications on the starter register themselves when their web servers are up, find each
 * other, and deregister on shutdown.
 */
class ZkAsyncAutoServiceRegistrationTests extends DiscoveryTestSupport {

    private ConfigurableApplicationContext start(String name, String... more) {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(WebApp.class)
            .web(WebApplicationType.SERVLET)
            .properties("server.port=0", "server.address=127.0.0.1", "spring.application.name=" + name,
                    "zk.async.hosts=" + zk.connectString(), "zk.async.discovery.instance-host=127.0.0.1",
                    // Spring Cloud Zookeeper is on this module's test class path for the interop tests.
                    "spring.cloud.zookeeper.enabled=false")
            .properties(more);
        return track(builder.run());
    }

    @Test
    void instancesRegisterWhenTheirWebServerIsUpAndFindEachOther() throws InterruptedException {
        client(); // creates the test's chroot
        ConfigurableApplicationContext first = start("peers");
        ConfigurableApplicationContext second = start("peers");
        int firstPort = ((WebServerApplicationContext) first).getWebServer().getPort();
        int secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();

        DiscoveryClient discovery = first.getBean(DiscoveryClient.class);
        await("both instances seen", () -> discovery.getInstances("peers").size() == 2);
        List<Integer> ports = discovery.getInstances("peers").stream().map(ServiceInstance::getPort).toList();
        assertThat(ports).containsExactlyInAnyOrder(firstPort, secondPort);
        assertThat(discovery.getInstances("peers")).allSatisfy((instance) -> {
            assertThat(instance.getHost()).isEqualTo("127.0.0.1");
            assertThat(instance.getMetadata()).containsEntry("instance_status", "UP");
        });
        ZkAsyncRegistration registration = first.getBean(ZkAsyncRegistration.class);
        assertThat(registration.getPort()).isEqualTo(firstPort);
    }

    @Test
    void shutdownDeregistersTheInstanceAtOnce() {
        KazooClient observer = client();
        ConfigurableApplicationContext app = start("leaving");
        ZkAsyncRegistration registration = app.getBean(ZkAsyncRegistration.class);
        ZkAsyncServiceRegistry registry = app.getBean(ZkAsyncServiceRegistry.class);
        String path = registry.pathOf(registration);
        assertThat(observer.exists(path)).isNotNull();

        app.close();

        assertThat(observer.exists(path)).as("the node is gone when close() returns").isNull();
        assertThat(registry.isRegistered(registration)).isFalse();
    }

    @Test
    void shutdownDeletesTheNodeItselfWhileTheSessionIsStillOpen() {
        // The application's own client, which its context does not stop: only a deregistration removes the node.
        KazooClient shared = client();
        SpringApplicationBuilder builder = new SpringApplicationBuilder(WebApp.class)
            .initializers((context) -> context.getBeanFactory().registerSingleton("kazooClient", shared));
        ConfigurableApplicationContext app = track(builder.properties("server.port=0", "server.address=127.0.0.1",
                "spring.application.name=own-client", "zk.async.discovery.instance-host=127.0.0.1",
                "spring.cloud.zookeeper.enabled=false").run());
        String path = app.getBean(ZkAsyncServiceRegistry.class).pathOf(app.getBean(ZkAsyncRegistration.class));
        assertThat(shared.exists(path)).isNotNull();

        app.close();

        assertThat(shared.connected()).isTrue();
        assertThat(shared.exists(path)).isNull();
    }

    @Test
    void registerFalseKeepsTheInstanceOut() {
        KazooClient observer = client();
        ConfigurableApplicationContext app = start("quiet", "zk.async.discovery.register=false");
        ZkAsyncRegistration registration = app.getBean(ZkAsyncRegistration.class);
        assertThat(app.getBean(ZkAsyncServiceRegistry.class).isRegistered(registration)).isFalse();
        assertThat(observer.exists("/services/quiet/" + registration.getInstanceId())).isNull();
    }

    @SpringBootApplication
    static class WebApp {

    }

}
