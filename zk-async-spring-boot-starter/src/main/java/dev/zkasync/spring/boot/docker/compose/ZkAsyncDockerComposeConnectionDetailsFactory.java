package dev.zkasync.spring.boot.docker.compose;

import dev.zkasync.spring.boot.autoconfigure.ZkAsyncConnectionDetails;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionDetailsFactory;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionSource;
import org.springframework.boot.ssl.SslBundle;

/**
 * {@link DockerComposeConnectionDetailsFactory} for a ZooKeeper service of Docker Compose: a
 * service running the official {@code zookeeper} image or {@code bitnami/zookeeper} (or labelled
 * {@code org.springframework.boot.service-connection: zookeeper}), on client port 2181.
 */
class ZkAsyncDockerComposeConnectionDetailsFactory
        extends DockerComposeConnectionDetailsFactory<ZkAsyncConnectionDetails> {

    private static final String[] ZOOKEEPER_IMAGE_NAMES = { "zookeeper", "bitnami/zookeeper" };

    static final int CLIENT_PORT = 2181;

    ZkAsyncDockerComposeConnectionDetailsFactory() {
        super(ZOOKEEPER_IMAGE_NAMES, "dev.zkasync.client.KazooClient");
    }

    @Override
    protected ZkAsyncConnectionDetails getDockerComposeConnectionDetails(DockerComposeConnectionSource source) {
        return new ZkAsyncDockerComposeConnectionDetails(source.getRunningService());
    }

    /**
     * {@link ZkAsyncConnectionDetails} of a running ZooKeeper service.
     */
    static class ZkAsyncDockerComposeConnectionDetails extends DockerComposeConnectionDetails
            implements ZkAsyncConnectionDetails {

        private final String connectString;

        private final @Nullable SslBundle sslBundle;

        ZkAsyncDockerComposeConnectionDetails(RunningService service) {
            super(service);
            this.connectString = service.host() + ":" + service.ports().get(CLIENT_PORT);
            this.sslBundle = getSslBundle(service);
        }

        @Override
        public String getConnectString() {
            return this.connectString;
        }

        @Override
        public @Nullable SslBundle getSslBundle() {
            return this.sslBundle;
        }

    }

}
