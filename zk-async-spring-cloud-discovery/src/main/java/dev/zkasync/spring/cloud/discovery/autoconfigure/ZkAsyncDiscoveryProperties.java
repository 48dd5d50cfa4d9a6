package dev.zkasync.spring.cloud.discovery.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.zkasync.client.path.ZkPaths;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Service discovery and registration on the zk-async client, in the layout Spring Cloud Zookeeper
 * and Curator's service discovery use.
 */
@ConfigurationProperties("zk.async.discovery")
public class ZkAsyncDiscoveryProperties {

    /** Creates the properties with their defaults; Spring binds them. */
    public ZkAsyncDiscoveryProperties() {
    }

    /** The URI template Spring Cloud Zookeeper uses by default. */
    public static final String DEFAULT_URI_SPEC = "{scheme}://{address}:{port}";

    /** Whether to enable the discovery client, the service registry and auto-registration. */
    private boolean enabled = true;

    /** The node under which services register; Spring Cloud Zookeeper's default is "/services". */
    private String root = "/services";

    /** Whether to register this application when its web server has started. */
    private boolean register = true;

    /** The service name to register under. Defaults to "spring.application.name", else "application". */
    private String serviceName;

    /** The instance id (the node's name). Defaults to a random UUID, as Curator's. */
    private String instanceId;

    /** The host other instances connect to. Defaults to the first non-loopback address's host name. */
    private String instanceHost;

    /** Whether to register the IP address rather than the host name, when the host is not set. */
    private boolean preferIpAddress;

    /** The port to register. Defaults to the web server's port. */
    private Integer instancePort;

    /** The SSL port to register; with one the instance is secure and its port is this one. */
    private Integer instanceSslPort;

    /** Curator's URI template for the instance's URI. */
    private String uriSpec = DEFAULT_URI_SPEC;

    /** Metadata to register with the instance. */
    private Map<String, String> metadata = new LinkedHashMap<>();

    /** The status registered at start, under the metadata key "instance_status". */
    private String initialStatus = "UP";

    /** The order of the discovery client among others. */
    private int order;

    /** {@return whether to enable the discovery client, the service registry and auto-registration} */
    public boolean isEnabled() {
        return this.enabled;
    }

    /**
     * Sets the {@code enabled} property.
     *
     * @param enabled the new value; see {@link #isEnabled()}
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** {@return the node under which services register; Spring Cloud Zookeeper's default is "/services"} */
    public String getRoot() {
        return this.root;
    }

    /**
     * Sets the {@code root} property.
     *
     * @param root the new value; see {@link #getRoot()}
     */
    public void setRoot(String root) {
        ZkPaths.validate(root);
        this.root = root;
    }

    /** {@return whether to register this application when its web server has started} */
    public boolean isRegister() {
        return this.register;
    }

    /**
     * Sets the {@code register} property.
     *
     * @param register the new value; see {@link #isRegister()}
     */
    public void setRegister(boolean register) {
        this.register = register;
    }

    /** {@return the service name to register under. Defaults to "spring.application.name", else "application"} */
    public String getServiceName() {
        return this.serviceName;
    }

    /**
     * Sets the {@code serviceName} property.
     *
     * @param serviceName the new value; see {@link #getServiceName()}
     */
    public void setServiceName(String serviceName) {
        this.serviceName = serviceName;
    }

    /** {@return the instance id (the node's name). Defaults to a random UUID, as Curator's} */
    public String getInstanceId() {
        return this.instanceId;
    }

    /**
     * Sets the {@code instanceId} property.
     *
     * @param instanceId the new value; see {@link #getInstanceId()}
     */
    public void setInstanceId(String instanceId) {
        this.instanceId = instanceId;
    }

    /** {@return the host other instances connect to. Defaults to the first non-loopback address's host name} */
    public String getInstanceHost() {
        return this.instanceHost;
    }

    /**
     * Sets the {@code instanceHost} property.
     *
     * @param instanceHost the new value; see {@link #getInstanceHost()}
     */
    public void setInstanceHost(String instanceHost) {
        this.instanceHost = instanceHost;
    }

    /** {@return whether to register the IP address rather than the host name, when the host is not set} */
    public boolean isPreferIpAddress() {
        return this.preferIpAddress;
    }

    /**
     * Sets the {@code preferIpAddress} property.
     *
     * @param preferIpAddress the new value; see {@link #isPreferIpAddress()}
     */
    public void setPreferIpAddress(boolean preferIpAddress) {
        this.preferIpAddress = preferIpAddress;
    }

    /** {@return the port to register. Defaults to the web server's port} */
    public Integer getInstancePort() {
        return this.instancePort;
    }

    /**
     * Sets the {@code instancePort} property.
     *
     * @param instancePort the new value; see {@link #getInstancePort()}
     */
    public void setInstancePort(Integer instancePort) {
        this.instancePort = instancePort;
    }

    /** {@return the SSL port to register; with one the instance is secure and its port is this one} */
    public Integer getInstanceSslPort() {
        return this.instanceSslPort;
    }

    /**
     * Sets the {@code instanceSslPort} property.
     *
     * @param instanceSslPort the new value; see {@link #getInstanceSslPort()}
     */
    public void setInstanceSslPort(Integer instanceSslPort) {
        this.instanceSslPort = instanceSslPort;
    }

    /** {@return curator's URI template for the instance's URI} */
    public String getUriSpec() {
        return this.uriSpec;
    }

    /**
     * Sets the {@code uriSpec} property.
     *
     * @param uriSpec the new value; see {@link #getUriSpec()}
     */
    public void setUriSpec(String uriSpec) {
        this.uriSpec = uriSpec;
    }

    /** {@return metadata to register with the instance} */
    public Map<String, String> getMetadata() {
        return this.metadata;
    }

    /**
     * Sets the {@code metadata} property.
     *
     * @param metadata the new value; see {@link #getMetadata()}
     */
    public void setMetadata(Map<String, String> metadata) {
        this.metadata = metadata;
    }

    /** {@return the status registered at start, under the metadata key "instance_status"} */
    public String getInitialStatus() {
        return this.initialStatus;
    }

    /**
     * Sets the {@code initialStatus} property.
     *
     * @param initialStatus the new value; see {@link #getInitialStatus()}
     */
    public void setInitialStatus(String initialStatus) {
        this.initialStatus = initialStatus;
    }

    /** {@return the order of the discovery client among others} */
    public int getOrder() {
        return this.order;
    }

    /**
     * Sets the {@code order} property.
     *
     * @param order the new value; see {@link #getOrder()}
     */
    public void setOrder(int order) {
        this.order = order;
    }

}
