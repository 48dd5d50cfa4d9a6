package dev.zkasync.spring.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Reports {@code zk.async.*} keys that no zk-async module knows, in the manner of
 * {@code spring-boot-properties-migrator}: one warning at startup listing them, so a misspelt or a
 * Kazoo-named key ({@code zk.async.timeout}) does not go unnoticed. The known keys are those of the
 * configuration metadata of every jar on the class path. Environment variables are not checked:
 * their names do not map back to one property name.
 */
final class ZkAsyncUnknownProperties {

    private static final Log logger = LogFactory.getLog(ZkAsyncUnknownProperties.class);

    private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of("zk.async");

    private static final String METADATA = "META-INF/spring-configuration-metadata.json";

    private ZkAsyncUnknownProperties() {
    }

    /**
     * Logs a warning listing the unknown keys, if there are any.
     * @param environment the application's environment
     * @param classLoader where to find the configuration metadata
     * @return the unknown keys, in order
     */
    static Set<String> report(Environment environment, ClassLoader classLoader) {
        Set<String> unknown = find(environment, known(classLoader));
        if (!unknown.isEmpty()) {
            logger.warn("Unknown zk-async properties, ignored: " + String.join(", ", unknown)
                    + ". The properties are listed in the zk-async-spring-boot-starter README "
                    + "(Kazoo's KazooClient arguments map to them there).");
        }
        return unknown;
    }

    static Set<String> find(Environment environment, Set<String> known) {
        Set<String> unknown = new TreeSet<>();
        if (known.isEmpty()) {
            return unknown;
        }
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source instanceof IterableConfigurationPropertySource iterable && !isEnvironmentVariables(source)) {
                iterable.filter(PREFIX::isAncestorOf).stream()
                    .map(ConfigurationPropertyName::toString)
                    .filter((name) -> !isKnown(name, known))
                    .forEach(unknown::add);
            }
        }
        return unknown;
    }

    private static boolean isEnvironmentVariables(ConfigurationPropertySource source) {
        return source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource;
    }

    /** A key is known when it is a property, or an element or entry of one ({@code zk.async.auth[0].scheme}). */
    private static boolean isKnown(String name, Set<String> known) {
        if (known.contains(name)) {
            return true;
        }
        for (int i = name.length() - 1; i > 0; i--) {
            char c = name.charAt(i);
            if ((c == '[' || c == '.') && known.contains(name.substring(0, i))) {
                return true;
            }
        }
        return false;
    }

    static Set<String> known(ClassLoader classLoader) {
        Set<String> known = new TreeSet<>();
        try {
            Enumeration<URL> resources = classLoader.getResources(METADATA);
            while (resources.hasMoreElements()) {
                String json = read(resources.nextElement());
                if (json.contains("\"zk.async.")) {
                    addProperties(json, known);
                }
            }
        }
        catch (IOException | RuntimeException ex) {
            logger.debug("Could not read the configuration metadata; unknown zk.async keys are not reported", ex);
            known.clear();
        }
        return known;
    }

    private static void addProperties(String json, Set<String> known) {
        Object properties = JsonParserFactory.getJsonParser().parseMap(json).get("properties");
        if (properties instanceof List<?> list) {
            for (Object property : list) {
                if (property instanceof Map<?, ?> map && map.get("name") instanceof String name
                        && name.startsWith("zk.async.")) {
                    known.add(name);
                }
            }
        }
    }

    private static String read(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

}
