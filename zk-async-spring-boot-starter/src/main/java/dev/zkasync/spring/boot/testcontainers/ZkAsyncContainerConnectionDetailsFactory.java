package dev.zkasync.spring.boot.testcontainers;

import java.util.List;

import dev.zkasync.spring.boot.autoconfigure.ZkAsyncConnectionDetails;
import org.jspecify.annotations.Nullable;
import org.testcontainers.containers.Container;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;
import org.springframework.util.ClassUtils;

/**
 * {@link ContainerConnectionDetailsFactory} for a {@code @ServiceConnection} to a ZooKeeper
 * container: zk-async-test's {@code ZooKeeperContainer}, or any container of the official
 * {@code zookeeper} image or of {@code bitnami/zookeeper}, on client port 2181.
 */
class ZkAsyncContainerConnectionDetailsFactory
        extends ContainerConnectionDetailsFactory<Container<?>, ZkAsyncConnectionDetails> {

    private static final List<String> ZOOKEEPER_IMAGE_NAMES = List.of("zookeeper", "bitnami/zookeeper");

    private static final String ZOOKEEPER_CONTAINER = "dev.zkasync.test.ZooKeeperContainer";

    private static final int CLIENT_PORT = 2181;

    ZkAsyncContainerConnectionDetailsFactory() {
        super(ZOOKEEPER_IMAGE_NAMES, "dev.zkasync.client.KazooClient");
    }

    @Override
    protected boolean sourceAccepts(ContainerConnectionSource<Container<?>> source, Class<?> requiredContainerType,
            Class<?> requiredConnectionDetailsType) {
        if (super.sourceAccepts(source, requiredContainerType, requiredConnectionDetailsType)) {
            return true;
        }
        ClassLoader classLoader = getClass().getClassLoader();
        return ClassUtils.isPresent(ZOOKEEPER_CONTAINER, classLoader)
                && source.accepts(ANY_CONNECTION_NAME, ClassUtils.resolveClassName(ZOOKEEPER_CONTAINER, classLoader),
                        requiredConnectionDetailsType);
    }

    @Override
    protected ZkAsyncConnectionDetails getContainerConnectionDetails(ContainerConnectionSource<Container<?>> source) {
        return new ZkAsyncContainerConnectionDetails(source);
    }

    /**
     * {@link ZkAsyncConnectionDetails} of a running ZooKeeper container.
     */
    private static final class ZkAsyncContainerConnectionDetails extends ContainerConnectionDetails<Container<?>>
            implements ZkAsyncConnectionDetails {

        private ZkAsyncContainerConnectionDetails(ContainerConnectionSource<Container<?>> source) {
            super(source);
        }

        @Override
        public String getConnectString() {
            return getContainer().getHost() + ":" + getContainer().getMappedPort(CLIENT_PORT);
        }

        @Override
        public @Nullable SslBundle getSslBundle() {
            return super.getSslBundle();
        }

    }

}
