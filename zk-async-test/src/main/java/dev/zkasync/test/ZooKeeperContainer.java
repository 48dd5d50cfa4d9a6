package dev.zkasync.test;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * A ZooKeeper server in a Docker container (Testcontainers 2.x), from the official {@code zookeeper}
 * image, for tests that want the server as an image rather than as a {@link ZooKeeperProcess} JVM.
 *
 * <pre>{@code
 * @Container
 * @ServiceConnection
 * static ZooKeeperContainer zookeeper = new ZooKeeperContainer();
 * }</pre>
 *
 * <p>The repository part of the default image name is {@code zookeeper}, so Spring Boot's
 * {@code @ServiceConnection} finds the zk-async starter's connection details factory by it. Needs
 * {@code org.testcontainers:testcontainers} on the test classpath (an optional dependency of this
 * module) and a running Docker engine.
 */
public class ZooKeeperContainer extends GenericContainer<ZooKeeperContainer> {

    /** The image the server version of {@link ZooKeeperProcess} matches. */
    public static final DockerImageName DEFAULT_IMAGE = DockerImageName.parse("zookeeper:3.9.4");

    /** Any tag of the official image, or an image declared a compatible substitute for it. */
    private static final DockerImageName OFFICIAL_IMAGE = DockerImageName.parse("zookeeper");

    /** The client port inside the container. */
    public static final int CLIENT_PORT = 2181;

    /** A container of {@link #DEFAULT_IMAGE}. */
    public ZooKeeperContainer() {
        this(DEFAULT_IMAGE);
    }

    /**
     * A container of another image; it must be compatible with the official {@code zookeeper} image.
     *
     * @param image the image, e.g. {@code "zookeeper:3.9"}
     */
    public ZooKeeperContainer(String image) {
        this(DockerImageName.parse(image));
    }

    /**
     * A container of another image; it must be compatible with the official {@code zookeeper} image.
     *
     * @param image the image
     */
    public ZooKeeperContainer(DockerImageName image) {
        super(image);
        image.assertCompatibleWith(OFFICIAL_IMAGE);
        withExposedPorts(CLIENT_PORT);
        withEnv("ZOO_4LW_COMMANDS_WHITELIST", "*");
        waitingFor(Wait.forListeningPort());
    }

    /**
     * The address for a ZooKeeper client, once the container runs.
     *
     * @return {@code host:mappedPort}
     */
    public String connectString() {
        return getHost() + ":" + getMappedPort(CLIENT_PORT);
    }
}
