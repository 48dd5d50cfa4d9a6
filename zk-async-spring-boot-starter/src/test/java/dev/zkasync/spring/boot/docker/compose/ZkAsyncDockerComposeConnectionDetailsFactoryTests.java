package dev.zkasync.spring.boot.docker.compose;

import java.util.List;
import java.util.Map;

import dev.zkasync.client.KazooClient;
import dev.zkasync.spring.boot.autoconfigure.ZkAsyncAutoConfiguration;
import dev.zkasync.spring.boot.autoconfigure.ZkAsyncConnectionDetails;
import dev.zkasync.test.ZooKeeperExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactories;
import org.springframework.boot.docker.compose.core.ConnectionPorts;
import org.springframework.boot.docker.compose.core.ImageReference;
import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionSources;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ZkAsyncDockerComposeConnectionDetailsFactory} as Boot finds it through
 * {@code spring.factories}, without Docker: the Compose service is described as Boot's Docker
 * Compose support would describe a running one, at the address of a real ZooKeeper server.
 */
class ZkAsyncDockerComposeConnectionDetailsFactoryTests {

    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.shared();

    @Test
    void anOfficialZooKeeperServiceConnectsTheClient() {
        ZkAsyncConnectionDetails details = connectionDetails(service("zookeeper:3.9.4", Map.of()));
        assertThat(details.getConnectString()).isEqualTo(zk.serverConnectString());
        assertThat(details.getSslBundle()).isNull();
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZkAsyncAutoConfiguration.class))
            .withPropertyValues("zk.async.hosts=unreachable.invalid:2181")
            .withBean(ZkAsyncConnectionDetails.class, () -> details)
            .run((context) -> assertThat(context.getBean(KazooClient.class).connected()).isTrue());
    }

    @Test
    void bitnamiAndLabelledServicesAreFoundToo() {
        assertThat(connectionDetails(service("bitnami/zookeeper:3.9", Map.of())).getConnectString())
            .isEqualTo(zk.serverConnectString());
        assertThat(connectionDetails(
                service("registry.example/zk:1", Map.of("org.springframework.boot.service-connection", "zookeeper")))
            .getConnectString()).isEqualTo(zk.serverConnectString());
    }

    @Test
    void otherServicesAreLeftAlone() {
        Map<Class<?>, ConnectionDetails> found = new ConnectionDetailsFactories(getClass().getClassLoader())
            .getConnectionDetails(DockerComposeConnectionSources.of(service("redis:7", Map.of()), new MockEnvironment()),
                    false);
        assertThat(found).doesNotContainKey(ZkAsyncConnectionDetails.class);
    }

    private static ZkAsyncConnectionDetails connectionDetails(RunningService service) {
        Map<Class<?>, ConnectionDetails> found = new ConnectionDetailsFactories(
                ZkAsyncDockerComposeConnectionDetailsFactoryTests.class.getClassLoader())
            .getConnectionDetails(DockerComposeConnectionSources.of(service, new MockEnvironment()), true);
        assertThat(found).containsKey(ZkAsyncConnectionDetails.class);
        return (ZkAsyncConnectionDetails) found.get(ZkAsyncConnectionDetails.class);
    }

    private static RunningService service(String image, Map<String, String> labels) {
        int port = zk.server().port();
        return new RunningService() {

            @Override
            public String name() {
                return "zookeeper";
            }

            @Override
            public ImageReference image() {
                return ImageReference.of(image);
            }

            @Override
            public String host() {
                return "127.0.0.1";
            }

            @Override
            public ConnectionPorts ports() {
                return new ConnectionPorts() {

                    @Override
                    public int get(int containerPort) {
                        assertThat(containerPort).isEqualTo(ZkAsyncDockerComposeConnectionDetailsFactory.CLIENT_PORT);
                        return port;
                    }

                    @Override
                    public List<Integer> getAll() {
                        return List.of(port);
                    }

                    @Override
                    public List<Integer> getAll(String protocol) {
                        return List.of(port);
                    }

                };
            }

            @Override
            public Map<String, String> env() {
                return Map.of();
            }

            @Override
            public Map<String, String> labels() {
                return labels;
            }

        };
    }

}
