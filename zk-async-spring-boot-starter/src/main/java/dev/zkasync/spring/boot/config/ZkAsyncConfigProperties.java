package dev.zkasync.spring.boot.config;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where {@code spring.config.import=zk-async:} looks ({@code zk.async.config.*}). The defaults are
 * Spring Cloud Zookeeper's, so both read the same tree: {@code /config/application},
 * {@code /config/application,<profile>}, {@code /config/<name>} and
 * {@code /config/<name>,<profile>}. An explicit list of paths ({@code zk-async:/a;/b}) ignores
 * these settings.
 */
@ConfigurationProperties(ZkAsyncConfigProperties.PREFIX)
public class ZkAsyncConfigProperties {

    /** Creates the properties with their defaults; Spring binds them. */
    public ZkAsyncConfigProperties() {
    }

    /** The prefix of these properties. */
    public static final String PREFIX = "zk.async.config";

    /** Node under which the contexts sit, relative to the client's chroot. */
    private String root = "config";

    /** Context every application reads. */
    private String defaultContext = "application";

    /** Context of this application. When not set, spring.application.name, or 'application'. */
    private @Nullable String name;

    /** Separator between a context and a profile in a node name, as in '/config/app1,dev'. */
    private String profileSeparator = ",";

    /** {@return node under which the contexts sit, relative to the client's chroot} */
    public String getRoot() {
        return this.root;
    }

    /**
     * Sets the {@code root} property.
     *
     * @param root the new value; see {@link #getRoot()}
     */
    public void setRoot(String root) {
        this.root = root;
    }

    /** {@return context every application reads} */
    public String getDefaultContext() {
        return this.defaultContext;
    }

    /**
     * Sets the {@code defaultContext} property.
     *
     * @param defaultContext the new value; see {@link #getDefaultContext()}
     */
    public void setDefaultContext(String defaultContext) {
        this.defaultContext = defaultContext;
    }

    /** {@return context of this application. When not set, spring.application.name, or 'application'} */
    public @Nullable String getName() {
        return this.name;
    }

    /**
     * Sets the {@code name} property.
     *
     * @param name the new value; see {@link #getName()}
     */
    public void setName(@Nullable String name) {
        this.name = name;
    }

    /** {@return separator between a context and a profile in a node name, as in '/config/app1,dev'} */
    public String getProfileSeparator() {
        return this.profileSeparator;
    }

    /**
     * Sets the {@code profileSeparator} property.
     *
     * @param profileSeparator the new value; see {@link #getProfileSeparator()}
     */
    public void setProfileSeparator(String profileSeparator) {
        this.profileSeparator = profileSeparator;
    }

}
