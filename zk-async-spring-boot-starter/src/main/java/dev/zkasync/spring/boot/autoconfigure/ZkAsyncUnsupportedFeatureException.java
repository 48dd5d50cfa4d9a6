package dev.zkasync.spring.boot.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when the configuration asks for something this version of zk-async cannot do (such as a
 * Spring Boot SSL bundle), so that such a setting fails the startup instead of being silently
 * ignored.
 */
public class ZkAsyncUnsupportedFeatureException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String feature;

    private final List<String> settings;

    private final @Nullable String alternative;

    /**
     * Creates an exception.
     * @param feature the missing feature, for example {@code SSL bundle}
     * @param settings the settings that ask for it, for example {@code zk.async.ssl.bundle}
     * @param alternative what to use instead, or {@code null}
     */
    public ZkAsyncUnsupportedFeatureException(String feature, List<String> settings, @Nullable String alternative) {
        super(String.join(", ", settings) + " need" + ((settings.size() == 1) ? "s" : "") + " " + feature
                + " support, which is not available in this version of zk-async");
        this.feature = feature;
        this.settings = List.copyOf(settings);
        this.alternative = alternative;
    }

    /**
     * The missing feature.
     * @return for example {@code SSL bundle}
     */
    public String getFeature() {
        return this.feature;
    }

    /**
     * The settings that ask for the feature.
     * @return property names, or a description of another source such as a service connection
     */
    public List<String> getSettings() {
        return this.settings;
    }

    /**
     * What to use instead.
     * @return a hint, or {@code null}
     */
    public @Nullable String getAlternative() {
        return this.alternative;
    }

}
