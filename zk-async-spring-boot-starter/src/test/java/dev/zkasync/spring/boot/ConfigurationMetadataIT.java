package dev.zkasync.spring.boot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar carries the metadata the annotation processors generate (they run only because
 * the POM names them: JDK 23+ javac ignores processors on the class path), the auto-configuration
 * imports and the factories. Runs after {@code package}, on the jar itself.
 */
class ConfigurationMetadataIT {

    private static String metadata;

    private static JarFile jar;

    @BeforeAll
    static void openJar() throws IOException {
        Path path = Path.of(System.getProperty("zk.async.starter.jar", "target/missing.jar"));
        assertThat(path).as("the packaged starter jar").isRegularFile();
        jar = new JarFile(path.toFile());
        metadata = entry("META-INF/spring-configuration-metadata.json");
    }

    @Test
    void everyPropertyHasADescriptionInBootsStyle() {
        List<Map<String, Object>> properties = JsonPath.read(metadata, "$.properties[?(@.name =~ /zk\\.async\\..*/)]");
        assertThat(properties).hasSizeGreaterThan(40);
        assertThat(properties).allSatisfy((property) -> assertThat((String) property.get("description"))
            .as("description of %s", property.get("name"))
            .isNotBlank()
            .doesNotStartWith("The ")
            .doesNotStartWith("A ")
            .endsWith("."));
        List<Map<String, Object>> booleans = JsonPath.read(metadata,
                "$.properties[?(@.type == 'java.lang.Boolean' || @.type == 'boolean')]");
        assertThat(booleans).isNotEmpty()
            .allSatisfy((property) -> assertThat((String) property.get("description")).startsWith("Whether"));
    }

    @Test
    void defaultsAreDocumented() {
        assertThat(defaultOf("zk.async.enabled")).isEqualTo(true);
        assertThat(defaultOf("zk.async.hosts")).isEqualTo("127.0.0.1:2181");
        assertThat(defaultOf("zk.async.create-chroot")).isEqualTo(false);
        assertThat(defaultOf("zk.async.session-timeout")).isEqualTo("10s");
        assertThat(defaultOf("zk.async.request-timeout")).isEqualTo("30s");
        assertThat(defaultOf("zk.async.handler")).isEqualTo("auto");
        assertThat(defaultOf("zk.async.slow-callback-threshold")).isEqualTo("100ms");
        assertThat(defaultOf("zk.async.instrumentation")).isEqualTo("auto");
        assertThat(defaultOf("zk.async.reactor.event-buffer-size")).isEqualTo(1024);
        assertThat(defaultOf("zk.async.max-in-flight")).isEqualTo(512);
        assertThat(defaultOf("zk.async.reply-batch-window")).isEqualTo("1ms");
        assertThat(defaultOf("zk.async.connection-retry.max-delay")).isEqualTo("2s");
        assertThat(defaultOf("zk.async.command-retry.max-delay")).isEqualTo("1h");
        assertThat(defaultOf("zk.async.startup.timeout")).isEqualTo("15s");
        assertThat(defaultOf("zk.async.startup.fail-fast")).isEqualTo(true);
        assertThat(defaultOf("zk.async.sasl.service")).isEqualTo("zookeeper");
        assertThat(defaultOf("zk.async.default-acl")).isEqualTo(List.of("world:anyone:ALL"));
        assertThat(defaultOf("management.health.zkasync.enabled")).isEqualTo(true);
        assertThat(defaultOf("zk.async.config.root")).isEqualTo("config");
        assertThat(defaultOf("zk.async.config.default-context")).isEqualTo("application");
        assertThat(defaultOf("zk.async.config.profile-separator")).isEqualTo(",");
    }

    @Test
    void durationsAreDurations() {
        List<String> types = JsonPath.read(metadata,
                "$.properties[?(@.name =~ /zk\\.async\\..*(timeout|delay)/)].type");
        assertThat(types).hasSizeGreaterThan(6).containsOnly("java.time.Duration");
    }

    @Test
    void autoConfigurationsAreRegisteredWithTheirConditionMetadata() throws IOException {
        assertThat(entry("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports").lines())
            .contains("dev.zkasync.spring.boot.autoconfigure.ZkAsyncAutoConfiguration",
                    "dev.zkasync.spring.boot.autoconfigure.health.ZkAsyncHealthContributorAutoConfiguration",
                    "dev.zkasync.spring.boot.autoconfigure.metrics.ZkAsyncMetricsAutoConfiguration",
                    "dev.zkasync.spring.boot.autoconfigure.observation.ZkAsyncObservationAutoConfiguration",
                    "dev.zkasync.spring.boot.autoconfigure.health.ZkAsyncReactiveHealthContributorAutoConfiguration",
                    "dev.zkasync.spring.boot.autoconfigure.reactor.ZkAsyncReactorAutoConfiguration",
                    "dev.zkasync.spring.boot.autoconfigure.actuate.ZkAsyncEndpointAutoConfiguration");
        assertThat(entry("META-INF/spring-autoconfigure-metadata.properties")).contains(
                "dev.zkasync.spring.boot.autoconfigure.ZkAsyncAutoConfiguration.ConditionalOnClass=dev.zkasync.client.KazooClient");
        assertThat(entry("META-INF/spring.factories")).contains("ZkAsyncContainerConnectionDetailsFactory",
                "ZkAsyncDockerComposeConnectionDetailsFactory", "ZkAsyncStartupFailureAnalyzer",
                "ZkAsyncPropertyFailureAnalyzer");
        assertThat(jar.stream().map(ZipEntry::getName)).noneMatch((name) -> name.contains("Tests.class"));
    }

    private static Object defaultOf(String name) {
        List<Object> values = JsonPath.read(metadata, "$.properties[?(@.name == '" + name + "')].defaultValue");
        assertThat(values).as("default of %s", name).hasSize(1);
        return values.get(0);
    }

    private static String entry(String name) throws IOException {
        ZipEntry entry = jar.getEntry(name);
        assertThat(entry).as(name + " in the jar").isNotNull();
        try (InputStream in = jar.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

}
