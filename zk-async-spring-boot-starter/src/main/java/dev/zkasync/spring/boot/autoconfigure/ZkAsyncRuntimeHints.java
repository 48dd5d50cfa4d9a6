package dev.zkasync.spring.boot.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import io.netty.channel.ChannelHandler;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.util.ClassUtils;

/**
 * What the client and the starter reach by reflection or as resources, for a GraalVM native image
 * of a Spring application (registered in {@code META-INF/spring/aot.factories}):
 * <ul>
 * <li>the client's Netty channel handlers: Netty reads each handler class's public methods (its
 * {@code @Skip} check) when the handler joins a pipeline; Netty's own metadata covers only its own
 * handlers. They are found in the client's classes when the hints are made, so an internal
 * handler added later is covered too;</li>
 * <li>{@value #CONFIGURATION_METADATA}: the known {@code zk.async.*} keys, read at startup to warn
 * about unknown ones.</li>
 * </ul>
 * The {@code @ConfigurationProperties} beans, the actuator endpoint's results and the
 * {@code spring.factories} entries need nothing here: Spring Boot and Spring Framework register
 * those when they process the application. The config import has its own hints.
 */
final class ZkAsyncRuntimeHints implements RuntimeHintsRegistrar {

    static final String CONFIGURATION_METADATA = "META-INF/spring-configuration-metadata.json";

    private static final String CLIENT_CLASSES = "classpath*:dev/zkasync/client/**/*.class";

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        hints.resources().registerPattern(CONFIGURATION_METADATA);
        for (String handler : clientChannelHandlers(classLoader)) {
            // a type hint is enough: it lets Netty look the handler's methods up (GraalVM 23.1+)
            hints.reflection().registerType(TypeReference.of(handler));
        }
    }

    /**
     * The client's classes that are Netty channel handlers.
     * @param classLoader where the client is
     * @return their binary names
     */
    static List<String> clientChannelHandlers(@Nullable ClassLoader classLoader) {
        ClassLoader loader = (classLoader != null) ? classLoader : ZkAsyncRuntimeHints.class.getClassLoader();
        MetadataReaderFactory readers = MetadataReaderFactory.create(loader);
        List<String> handlers = new ArrayList<>();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver(loader).getResources(CLIENT_CLASSES)) {
                String name = readers.getMetadataReader(resource).getClassMetadata().getClassName();
                if (isChannelHandler(name, loader)) {
                    handlers.add(name);
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not read the zk-async client's classes", ex);
        }
        return handlers;
    }

    private static boolean isChannelHandler(String name, ClassLoader loader) {
        try {
            // loaded, not initialised
            return ChannelHandler.class.isAssignableFrom(ClassUtils.forName(name, loader));
        }
        catch (ClassNotFoundException | LinkageError ex) {
            // a class that needs an optional dependency (native epoll) is no handler
            return false;
        }
    }

}
