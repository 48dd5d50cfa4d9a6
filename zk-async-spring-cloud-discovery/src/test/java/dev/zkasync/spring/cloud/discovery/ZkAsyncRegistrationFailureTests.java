package dev.zkasync.spring.cloud.discovery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.zkasync.client.CreateOptions;
import dev.zkasync.client.KazooClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A start-up whose registration fails gets a failure analysis; the configuration metadata is complete.
 */
class ZkAsyncRegistrationFailureTests extends DiscoveryTestSupport {

    @Test
    void aRegistrationThatFailsAtStartIsExplained() {
        KazooClient client = client();
        client.create("/services", new byte[0], CreateOptions.DEFAULT.ephemeral()); // can have no children
        Throwable failure = catchThrowable(() -> track(new SpringApplicationBuilder(
                ZkAsyncAutoServiceRegistrationTests.WebApp.class)
            .properties("server.port=0", "server.address=127.0.0.1", "spring.application.name=refused",
                    "zk.async.hosts=" + zk.connectString(), "zk.async.discovery.instance-host=127.0.0.1",
                    "spring.cloud.zookeeper.enabled=false")
            .run()));
        assertThat(failure).isNotNull();

        // Boot's own analyzers that need constructor arguments are left out.
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
            .load(FailureAnalyzer.class, null, (type, name, ex) -> {
            });
        FailureAnalysis analysis = analyzers.stream()
            .map((analyzer) -> analyzer.analyze(failure))
            .filter((result) -> result != null && result.getCause() instanceof ZkAsyncRegistrationException)
            .findFirst()
            .orElseThrow();
        assertThat(analysis.getDescription()).contains("could not register")
            .contains("/services/refused/")
            .contains("NoChildrenForEphemerals");
        assertThat(analysis.getAction()).contains("zk.async.discovery.register=false");
    }

    @Test
    void everyPropertyIsDescribed() throws Exception {
        JsonNode metadata;
        try (var in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            metadata = JsonMapper.builder().build().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        List<String> undescribed = new ArrayList<>();
        int discoveryProperties = 0;
        for (JsonNode property : metadata.get("properties")) {
            String name = property.get("name").asString();
            if (name.startsWith("zk.async.discovery.") || name.equals("management.health.zkasyncdiscovery.enabled")) {
                discoveryProperties++;
                if (!property.has("description") || property.get("description").asString().isBlank()) {
                    undescribed.add(name);
                }
            }
        }
        assertThat(discoveryProperties).isEqualTo(14);
        assertThat(undescribed).isEmpty();
    }

}
