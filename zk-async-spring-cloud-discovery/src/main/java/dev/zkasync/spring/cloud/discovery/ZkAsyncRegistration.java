package dev.zkasync.spring.cloud.discovery;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.serviceregistry.Registration;

/**
 * This application's instance, as {@link ZkAsyncServiceRegistry} writes it: Curator's instance JSON
 * with Spring Cloud Zookeeper's payload ({@code ZookeeperInstance}: the payload id, the service name
 * and the metadata, {@code instance_status} among them).
 *
 * <p>The port may be set late (auto-registration takes the web server's port); the metadata is
 * live, so {@link ZkAsyncServiceRegistry#setStatus} changes it and writes it.
 */
public class ZkAsyncRegistration implements Registration {

    /** The metadata key Spring Cloud Zookeeper keeps the instance's status under. */
    public static final String INSTANCE_STATUS_KEY = "instance_status";

    private final String serviceId;

    private final String instanceId;

    private final String host;

    private volatile int port;

    private final Integer sslPort;

    private final UriSpec uriSpec;

    private final String payloadId;

    private final Map<String, String> metadata;

    /**
     * Creates a registration.
     * @param serviceId the service name (the node under the root)
     * @param instanceId the instance id (the node's name)
     * @param host the address other instances connect to
     * @param port the port, or 0 to set it later with {@link #setPort}
     * @param sslPort the SSL port, or {@code null}; with one the instance is secure
     * @param uriSpec Curator's URI template, for example {@code {scheme}://{address}:{port}}
     * @param payloadId the payload's id (Spring Cloud Zookeeper writes the application context's id)
     * @param metadata the metadata, copied
     * @throws IllegalArgumentException if a name is empty or contains {@code /}, or the URI spec is malformed
     */
    public ZkAsyncRegistration(String serviceId, String instanceId, String host, int port, Integer sslPort,
            String uriSpec, String payloadId, Map<String, String> metadata) {
        this.serviceId = checkName("serviceId", serviceId);
        this.instanceId = checkName("instanceId", instanceId);
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("'host' must not be empty");
        }
        this.host = host;
        this.port = checkPort(port);
        this.sslPort = sslPort;
        this.uriSpec = UriSpec.parse(Objects.requireNonNull(uriSpec, "uriSpec"));
        this.payloadId = payloadId;
        this.metadata = new ConcurrentHashMap<>(metadata);
    }

    private static String checkName(String what, String name) {
        if (name == null || name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("'" + what + "' must be a non-empty ZooKeeper node name without '/'"
                    + ", was '" + name + "'");
        }
        return name;
    }

    @Override
    public String getServiceId() {
        return this.serviceId;
    }

    @Override
    public String getInstanceId() {
        return this.instanceId;
    }

    @Override
    public String getHost() {
        return this.host;
    }

    @Override
    public int getPort() {
        return (this.sslPort != null) ? this.sslPort : this.port;
    }

    /**
     * The plain (non-SSL) port as written in Curator's {@code port} field.
     * @return the port, 0 while unknown
     */
    public int getPlainPort() {
        return this.port;
    }

    /**
     * Sets the port (auto-registration sets the web server's).
     * @param port the port
     * @throws IllegalArgumentException outside 0-65535
     */
    public void setPort(int port) {
        this.port = checkPort(port);
    }

    private static int checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("'port' must be within 0-65535, was " + port);
        }
        return port;
    }

    /**
     * The SSL port.
     * @return the port, or {@code null}
     */
    public Integer getSslPort() {
        return this.sslPort;
    }

    @Override
    public boolean isSecure() {
        return this.sslPort != null;
    }

    @Override
    public URI getUri() {
        return ServiceInstance.createUri(this);
    }

    @Override
    public Map<String, String> getMetadata() {
        return this.metadata;
    }

    /**
     * The payload's id.
     * @return the id
     */
    public String getPayloadId() {
        return this.payloadId;
    }

    UriSpec uriSpec() {
        return this.uriSpec;
    }

    @Override
    public String toString() {
        return "ZkAsyncRegistration{serviceId='" + this.serviceId + "', instanceId='" + this.instanceId + "', host='"
                + this.host + "', port=" + getPort() + "}";
    }

}
