package dev.zkasync.spring.boot.testcontainers;

import java.util.Map;

import dev.zkasync.client.KazooClient;
import dev.zkasync.spring.boot.autoconfigure.ZkAsyncAutoConfiguration;
import dev.zkasync.spring.boot.autoconfigure.ZkAsyncConnectionDetails;
import dev.zkasync.test.ZooKeeperContainer;
import dev.zkasync.test.ZooKeeperExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactories;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSources;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ZkAsyncContainerConnectionDetailsFactory} as Boot finds it through
 * {@code spring.factories}, without Docker: the "containers" are stand-ins that report a running
 * state and the address of a real ZooKeeper server started by zk-async-test. The same wiring with
 * a real container is {@code ZkAsyncServiceConnectionDockerTests}, which needs Docker.
 */
class ZkAsyncContainerConnectionDetailsFactoryTests {

    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.shared();

    @Test
    void aZooKeeperContainerFieldConnectsTheClient() throws Exception {
        ZooKeeperContainer container = new RunningZooKeeperContainer(DockerImageName.parse("zookeeper:3.9.4"));
        ZkAsyncConnectionDetails details = connectionDetails(
                ContainerConnectionSources.of(ZooKeeperContainer.class, "zookeeper:3.9.4", container));
        assertThat(details.getConnectString()).isEqualTo(zk.serverConnectString());
        assertThat(details.getSslBundle()).isNull();
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZkAsyncAutoConfiguration.class))
            .withPropertyValues("zk.async.hosts=unreachable.invalid:2181")
            .withBean(ZkAsyncConnectionDetails.class, () -> details)
            .run((context) -> assertThat(context.getBean(KazooClient.class).connected()).isTrue());
    }

    @Test
    void aZooKeeperContainerOfAnotherImageIsFoundByItsType() throws Exception {
        DockerImageName mirror = DockerImageName.parse("registry.example/mirror/zk:3.9")
            .asCompatibleSubstituteFor("zookeeper");
        ZooKeeperContainer container = new RunningZooKeeperContainer(mirror);
        ZkAsyncConnectionDetails details = connectionDetails(
                ContainerConnectionSources.of(ZooKeeperContainer.class, mirror.asCanonicalNameString(), container));
        assertThat(details.getConnectString()).isEqualTo(zk.serverConnectString());
    }

    @Test
    void aGenericContainerIsFoundByTheImageName() throws Exception {
        RunningGenericContainer container = new RunningGenericContainer("bitnami/zookeeper:3.9");
        @SuppressWarnings({ "rawtypes", "unchecked" })
        ContainerConnectionSource<Container<?>> source = (ContainerConnectionSource) ContainerConnectionSources
            .of(GenericContainer.class, "bitnami/zookeeper:3.9", container);
        assertThat(connectionDetails(source).getConnectString()).isEqualTo(zk.serverConnectString());
    }

    @Test
    void otherImagesAreLeftAlone() {
        RunningGenericContainer container = new RunningGenericContainer("redis:7");
        @SuppressWarnings({ "rawtypes", "unchecked" })
        ContainerConnectionSource<Container<?>> source = (ContainerConnectionSource) ContainerConnectionSources
            .of(GenericContainer.class, "redis:7", container);
        Map<Class<?>, ConnectionDetails> found = new ConnectionDetailsFactories(getClass().getClassLoader())
            .getConnectionDetails(source, false);
        assertThat(found).doesNotContainKey(ZkAsyncConnectionDetails.class);
    }

    private static ZkAsyncConnectionDetails connectionDetails(ContainerConnectionSource<?> source) throws Exception {
        Map<Class<?>, ConnectionDetails> found = new ConnectionDetailsFactories(
                ZkAsyncContainerConnectionDetailsFactoryTests.class.getClassLoader())
            .getConnectionDetails(source, true);
        assertThat(found).containsKey(ZkAsyncConnectionDetails.class);
        ConnectionDetails details = found.get(ZkAsyncConnectionDetails.class);
        ((InitializingBean) details).afterPropertiesSet();
        return (ZkAsyncConnectionDetails) details;
    }

    /** Reports itself running at the real server's address, so it is never started. */
    static final class RunningZooKeeperContainer extends ZooKeeperContainer {

        RunningZooKeeperContainer(DockerImageName image) {
            super(image);
        }

        @Override
        public boolean isRunning() {
            return true;
        }

        @Override
        public String getHost() {
            return "127.0.0.1";
        }

        @Override
        public Integer getMappedPort(int originalPort) {
            assertThat(originalPort).isEqualTo(ZooKeeperContainer.CLIENT_PORT);
            return zk.server().port();
        }

    }

    /** Reports itself running at the real server's address, so it is never started. */
    static final class RunningGenericContainer extends GenericContainer<RunningGenericContainer> {

        RunningGenericContainer(String image) {
            super(DockerImageName.parse(image));
        }

        @Override
        public boolean isRunning() {
            return true;
        }

        @Override
        public String getHost() {
            return "127.0.0.1";
        }

        @Override
        public Integer getMappedPort(int originalPort) {
            assertThat(originalPort).isEqualTo(ZooKeeperContainer.CLIENT_PORT);
            return zk.server().port();
        }

    }

}
