package dev.zkasync.spring.cloud.discovery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Curator's instance JSON as Spring Cloud Zookeeper writes it: Curator's
 * {@code JsonInstanceSerializer} in its compatible mode (no {@code enabled} field) with the payload
 * typed by class name, {@code org.springframework.cloud.zookeeper.discovery.ZookeeperInstance}.
 */
final class InstanceJson {

    /** The payload class Spring Cloud Zookeeper reads; Curator's serializer checks it. */
    static final String PAYLOAD_CLASS = "org.springframework.cloud.zookeeper.discovery.ZookeeperInstance";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private InstanceJson() {
    }

    static byte[] write(ZkAsyncRegistration registration, long registrationTimeUtc) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("name", registration.getServiceId());
        json.put("id", registration.getInstanceId());
        json.put("address", registration.getHost());
        json.put("port", registration.getPlainPort());
        if (registration.getSslPort() != null) {
            json.put("sslPort", registration.getSslPort());
        }
        else {
            json.putNull("sslPort");
        }
        ObjectNode payload = json.putObject("payload");
        payload.put("@class", PAYLOAD_CLASS);
        payload.put("id", registration.getPayloadId());
        payload.put("name", registration.getServiceId());
        ObjectNode metadata = payload.putObject("metadata");
        new TreeMap<>(registration.getMetadata()).forEach(metadata::put);
        json.put("registrationTimeUTC", registrationTimeUtc);
        json.put("serviceType", "DYNAMIC");
        ArrayNode parts = json.putObject("uriSpec").putArray("parts");
        for (UriSpec.Part part : registration.uriSpec().parts()) {
            parts.addObject().put("value", part.value()).put("variable", part.variable());
        }
        return MAPPER.writeValueAsBytes(json);
    }

    /**
     * Reads an instance.
     * @throws IllegalArgumentException if the data is not an instance
     */
    static ZkAsyncServiceInstance read(String serviceId, String nodeName, byte[] data) {
        JsonNode json;
        try {
            json = MAPPER.readTree(data);
        }
        catch (JacksonException ex) {
            throw new IllegalArgumentException("not JSON: " + ex.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String id = text(json, "id");
        Map<String, String> metadata = new LinkedHashMap<>();
        JsonNode meta = json.path("payload").path("metadata");
        if (meta.isObject()) {
            for (Map.Entry<String, JsonNode> entry : meta.properties()) {
                if (!entry.getValue().isNull()) {
                    metadata.put(entry.getKey(), entry.getValue().asString());
                }
            }
        }
        UriSpec uriSpec = null;
        JsonNode parts = json.path("uriSpec").path("parts");
        if (parts.isArray()) {
            List<UriSpec.Part> list = new ArrayList<>();
            for (JsonNode part : parts) {
                list.add(new UriSpec.Part(part.path("value").asString(""), part.path("variable").asBoolean(false)));
            }
            uriSpec = UriSpec.of(list);
        }
        return new ZkAsyncServiceInstance(serviceId, (id != null) ? id : nodeName, text(json, "address"),
                integer(json, "port"), integer(json, "sslPort"), json.path("registrationTimeUTC").asLong(0),
                text(json, "serviceType"), uriSpec, metadata);
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return (value == null || value.isNull()) ? null : value.asString();
    }

    private static Integer integer(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt()) {
            throw new IllegalArgumentException("'" + field + "' is not a port: " + value);
        }
        return value.asInt();
    }

}
