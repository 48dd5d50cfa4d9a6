package dev.zkasync.spring.cloud.discovery;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import org.springframework.cloud.client.ServiceInstance;

/**
 * A service instance as Curator's service discovery stores it under
 * {@code /services/{name}/{id}}: what Spring Cloud Zookeeper and Curator's {@code ServiceDiscovery}
 * register, and what {@link ZkAsyncServiceRegistry} writes. As in Spring Cloud Zookeeper, the port
 * is the SSL port when there is one, and the metadata is the payload's {@code metadata}.
 */
public final class ZkAsyncServiceInstance implements ServiceInstance {

    private final String serviceId;

    private final String instanceId;

    private final String host;

    private final Integer plainPort;

    private final Integer sslPort;

    private final long registrationTimeUtc;

    private final String serviceType;

    private final URI uri;

    private final Map<String, String> metadata;

    ZkAsyncServiceInstance(String serviceId, String instanceId, String host, Integer plainPort, Integer sslPort,
            long registrationTimeUtc, String serviceType, UriSpec uriSpec, Map<String, String> metadata) {
        this.serviceId = serviceId;
        this.instanceId = instanceId;
        this.host = host;
        this.plainPort = plainPort;
        this.sslPort = sslPort;
        this.registrationTimeUtc = registrationTimeUtc;
        this.serviceType = serviceType;
        this.metadata = Map.copyOf(metadata);
        this.uri = (uriSpec != null) ? URI.create(uriSpec.build(uriVariables())) : null;
    }

    private Map<String, String> uriVariables() {
        Map<String, String> variables = new HashMap<>();
        variables.put("[", "{");
        variables.put("]", "}");
        variables.put("scheme", (this.sslPort != null) ? "https" : "http");
        variables.put("name", this.serviceId);
        variables.put("id", this.instanceId);
        variables.put("address", (this.host != null) ? this.host : "");
        variables.put("port", (this.plainPort != null) ? this.plainPort.toString() : "");
        variables.put("ssl-port", (this.sslPort != null) ? this.sslPort.toString() : "");
        variables.put("registration-time-utc", Long.toString(this.registrationTimeUtc));
        variables.put("service-type", (this.serviceType != null) ? this.serviceType.toLowerCase() : "");
        return variables;
    }

    @Override
    public String getInstanceId() {
        return this.instanceId;
    }

    @Override
    public String getServiceId() {
        return this.serviceId;
    }

    @Override
    public String getHost() {
        return this.host;
    }

    @Override
    public int getPort() {
        Integer port = (this.sslPort != null) ? this.sslPort : this.plainPort;
        return (port != null) ? port : 0;
    }

    @Override
    public boolean isSecure() {
        return this.sslPort != null;
    }

    @Override
    public URI getUri() {
        return (this.uri != null) ? this.uri : ServiceInstance.createUri(this);
    }

    @Override
    public Map<String, String> getMetadata() {
        return this.metadata;
    }

    /**
     * When the instance registered, as Curator's {@code registrationTimeUTC}.
     * @return milliseconds since the epoch
     */
    public long getRegistrationTimeUtc() {
        return this.registrationTimeUtc;
    }

    /**
     * Curator's service type: {@code DYNAMIC} (an ephemeral node) for what Spring Cloud Zookeeper
     * and this module register.
     * @return the type as written, or {@code null}
     */
    public String getServiceType() {
        return this.serviceType;
    }

    @Override
    public String toString() {
        return "ZkAsyncServiceInstance{serviceId='" + this.serviceId + "', instanceId='" + this.instanceId
                + "', uri=" + getUri() + "}";
    }

}
