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

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getRoot() {
        return this.root;
    }

    public void setRoot(String root) {
        ZkPaths.validate(root);
        this.root = root;
    }

    public boolean isRegister() {
        return this.register;
    }

    public void setRegister(boolean register) {
        this.register = register;
    }

    public String getServiceName() {
        return this.serviceName;
    }

    public void setServiceName(String serviceName) {
        this.serviceName = serviceName;
    }

    public String getInstanceId() {
        return this.instanceId;
    }

    public void setInstanceId(String instanceId) {
        this.instanceId = instanceId;
    }

    public String getInstanceHost() {
        return this.instanceHost;
    }

    public void setInstanceHost(String instanceHost) {
        this.instanceHost = instanceHost;
    }

    public boolean isPreferIpAddress() {
        return this.preferIpAddress;
    }

    public void setPreferIpAddress(boolean preferIpAddress) {
        this.preferIpAddress = preferIpAddress;
    }

    public Integer getInstancePort() {
        return this.instancePort;
    }

    public void setInstancePort(Integer instancePort) {
        this.instancePort = instancePort;
    }

    public Integer getInstanceSslPort() {
        return this.instanceSslPort;
    }

    public void setInstanceSslPort(Integer instanceSslPort) {
        this.instanceSslPort = instanceSslPort;
    }

    public String getUriSpec() {
        return this.uriSpec;
    }

    public void setUriSpec(String uriSpec) {
        this.uriSpec = uriSpec;
    }

    public Map<String, String> getMetadata() {
        return this.metadata;
    }

    public void setMetadata(Map<String, String> metadata) {
        this.metadata = metadata;
    }

    public String getInitialStatus() {
        return this.initialStatus;
    }

    public void setInitialStatus(String initialStatus) {
        this.initialStatus = initialStatus;
    }

    public int getOrder() {
        return this.order;
    }

    public void setOrder(int order) {
        this.order = order;
    }

}
