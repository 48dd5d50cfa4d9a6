package dev.zkasync.spring.boot.testcontainers;

import dev.zkasync.client.KazooClient;
import dev.zkasync.spring.boot.autoconfigure.ZkAsyncConnectionDetails;
import dev.zkasync.test.ZooKeeperContainer;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @Container @ServiceConnection} with a real ZooKeeper container. Needs a Docker engine:
 * without one the class is skipped ("Docker is not available"); the same wiring is covered
 * without Docker by {@link ZkAsyncContainerConnectionDetailsFactoryTests} against a real server.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(properties = "zk.async.hosts=unreachable.invalid:2181")
class ZkAsyncServiceConnectionDockerTests {

    @Container
    @ServiceConnection
    static final ZooKeeperContainer zookeeper = new ZooKeeperContainer();

    @Autowired
    private KazooClient client;

    @Autowired
    private ZkAsyncConnectionDetails connectionDetails;

    @Test
    void theServiceConnectionWinsOverTheProperties() {
        assertThat(this.connectionDetails.getConnectString()).isEqualTo(zookeeper.connectString());
        assertThat(this.client.connected()).isTrue();
        this.client.ensurePath("/service-connection");
        assertThat(this.client.exists("/service-connection")).isNotNull();
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class TestApplication {

    }

}
