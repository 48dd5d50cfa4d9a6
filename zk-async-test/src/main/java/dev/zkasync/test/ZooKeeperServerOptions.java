package dev.zkasync.test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Immutable settings for the ZooKeeper servers started by {@link ZooKeeperProcess} and
 * {@link ZooKeeperEnsemble}.
 *
 * <p>Start from {@link #defaults()} or {@link #builder()}; change a copy with {@link #toBuilder()}.
 * Every server listens on 127.0.0.1 only, has the admin server off, skips fsync and uses small
 * preallocated log files, so it starts and runs fast in tests.
 */
public final class ZooKeeperServerOptions {

    private static final ZooKeeperServerOptions DEFAULTS = new Builder().build();

    private final String fourLetterWordWhitelist;
    private final String superUser;
    private final String superPassword;
    private final boolean extendedTypes;
    private final boolean readOnlyMode;
    private final Duration tickTime;
    private final Duration minSessionTimeout;
    private final Duration maxSessionTimeout;
    private final int maxClientConnections;
    private final Map<String, String> zooCfg;
    private final Map<String, String> systemProperties;
    private final String maxHeap;
    private final List<String> jvmArgs;
    private final Duration startTimeout;

    private ZooKeeperServerOptions(Builder b) {
        this.fourLetterWordWhitelist = b.fourLetterWordWhitelist;
        this.superUser = b.superUser;
        this.superPassword = b.superPassword;
        this.extendedTypes = b.extendedTypes;
        this.readOnlyMode = b.readOnlyMode;
        this.tickTime = b.tickTime;
        this.minSessionTimeout = b.minSessionTimeout;
        this.maxSessionTimeout = b.maxSessionTimeout;
        this.maxClientConnections = b.maxClientConnections;
        this.zooCfg = Collections.unmodifiableMap(new LinkedHashMap<>(b.zooCfg));
        this.systemProperties = Collections.unmodifiableMap(new LinkedHashMap<>(b.systemProperties));
        this.maxHeap = b.maxHeap;
        this.jvmArgs = List.copyOf(b.jvmArgs);
        this.startTimeout = b.startTimeout;
    }

    /**
     * The default options: all four-letter words allowed, TTL/container nodes on, read-only mode
     * off, tick time 2 s, no connection limit, 256 MB heap, 60 s start timeout.
     *
     * @return the default options
     */
    public static ZooKeeperServerOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A builder that starts from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder that starts from these options.
     *
     * @return a new builder holding a copy of these options
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The {@code 4lw.commands.whitelist} value.
     *
     * @return the whitelist, {@code "*"} by default
     */
    public String fourLetterWordWhitelist() {
        return fourLetterWordWhitelist;
    }

    /**
     * The super user's name, when a super digest is configured.
     *
     * @return the super user
     */
    public Optional<String> superUser() {
        return Optional.ofNullable(superUser);
    }

    /**
     * The super user's clear-text password, when a super digest is configured; clients
     * authenticate with scheme {@code digest} and {@code user:password}.
     *
     * @return the super user's password
     */
    public Optional<String> superPassword() {
        return Optional.ofNullable(superPassword);
    }

    /**
     * The value passed as {@code -Dzookeeper.DigestAuthenticationProvider.superDigest}:
     * {@code user:base64(sha1(user:password))}.
     *
     * @return the super digest, when configured
     */
    public Optional<String> superDigest() {
        return superUser == null ? Optional.empty() : Optional.of(digest(superUser, superPassword));
    }

    /**
     * Whether TTL nodes are enabled ({@code -Dzookeeper.extendedTypesEnabled=true}).
     *
     * @return true by default
     */
    public boolean extendedTypes() {
        return extendedTypes;
    }

    /**
     * Whether servers may serve read-only clients without a quorum ({@code -Dreadonlymode.enabled=true}).
     *
     * @return false by default
     */
    public boolean readOnlyMode() {
        return readOnlyMode;
    }

    /**
     * The server tick time.
     *
     * @return 2 s by default
     */
    public Duration tickTime() {
        return tickTime;
    }

    /**
     * The minimum session timeout the server grants; ZooKeeper uses two ticks when absent.
     *
     * @return the minimum session timeout, if set
     */
    public Optional<Duration> minSessionTimeout() {
        return Optional.ofNullable(minSessionTimeout);
    }

    /**
     * The maximum session timeout the server grants; ZooKeeper uses twenty ticks when absent.
     *
     * @return the maximum session timeout, if set
     */
    public Optional<Duration> maxSessionTimeout() {
        return Optional.ofNullable(maxSessionTimeout);
    }

    /**
     * {@code maxClientCnxns}, the limit of connections per client IP; 0 means no limit.
     *
     * @return 0 by default, because every test client connects from 127.0.0.1
     */
    public int maxClientConnections() {
        return maxClientConnections;
    }

    /**
     * Extra {@code zoo.cfg} entries, written after (and so overriding) the generated ones.
     *
     * @return an unmodifiable map in insertion order
     */
    public Map<String, String> zooCfg() {
        return zooCfg;
    }

    /**
     * Extra system properties for the server JVM.
     *
     * @return an unmodifiable map in insertion order
     */
    public Map<String, String> systemProperties() {
        return systemProperties;
    }

    /**
     * The server JVM's maximum heap, as the {@code -Xmx} suffix.
     *
     * @return {@code "256m"} by default
     */
    public String maxHeap() {
        return maxHeap;
    }

    /**
     * Extra JVM arguments, placed after the generated ones and before the main class.
     *
     * @return an unmodifiable list
     */
    public List<String> jvmArgs() {
        return jvmArgs;
    }

    /**
     * How long starting a server (or an ensemble) may take before it fails.
     *
     * @return 60 s by default
     */
    public Duration startTimeout() {
        return startTimeout;
    }

    static String digest(String user, String password) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1")
                    .digest((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            return user + ":" + Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ZooKeeperServerOptions other)) {
            return false;
        }
        return extendedTypes == other.extendedTypes
                && readOnlyMode == other.readOnlyMode
                && maxClientConnections == other.maxClientConnections
                && fourLetterWordWhitelist.equals(other.fourLetterWordWhitelist)
                && Objects.equals(superUser, other.superUser)
                && Objects.equals(superPassword, other.superPassword)
                && tickTime.equals(other.tickTime)
                && Objects.equals(minSessionTimeout, other.minSessionTimeout)
                && Objects.equals(maxSessionTimeout, other.maxSessionTimeout)
                && zooCfg.equals(other.zooCfg)
                && systemProperties.equals(other.systemProperties)
                && maxHeap.equals(other.maxHeap)
                && jvmArgs.equals(other.jvmArgs)
                && startTimeout.equals(other.startTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fourLetterWordWhitelist, superUser, superPassword, extendedTypes, readOnlyMode,
                tickTime, minSessionTimeout, maxSessionTimeout, maxClientConnections, zooCfg,
                systemProperties, maxHeap, jvmArgs, startTimeout);
    }

    @Override
    public String toString() {
        // The password stays out of logs and assertion messages.
        return "ZooKeeperServerOptions{4lw=" + fourLetterWordWhitelist
                + ", superUser=" + superUser
                + ", extendedTypes=" + extendedTypes
                + ", readOnlyMode=" + readOnlyMode
                + ", tickTime=" + tickTime
                + ", minSessionTimeout=" + minSessionTimeout
                + ", maxSessionTimeout=" + maxSessionTimeout
                + ", maxClientConnections=" + maxClientConnections
                + ", zooCfg=" + zooCfg
                + ", systemProperties=" + systemProperties
                + ", maxHeap=" + maxHeap
                + ", jvmArgs=" + jvmArgs
                + ", startTimeout=" + startTimeout + "}";
    }

    /** Mutable builder for {@link ZooKeeperServerOptions}; not thread-safe. */
    public static final class Builder {
        private String fourLetterWordWhitelist = "*";
        private String superUser;
        private String superPassword;
        private boolean extendedTypes = true;
        private boolean readOnlyMode;
        private Duration tickTime = Duration.ofMillis(2000);
        private Duration minSessionTimeout;
        private Duration maxSessionTimeout;
        private int maxClientConnections;
        private final Map<String, String> zooCfg = new LinkedHashMap<>();
        private final Map<String, String> systemProperties = new LinkedHashMap<>();
        private String maxHeap = "256m";
        private final List<String> jvmArgs = new ArrayList<>();
        private Duration startTimeout = Duration.ofSeconds(60);

        private Builder() {
        }

        private Builder(ZooKeeperServerOptions o) {
            fourLetterWordWhitelist = o.fourLetterWordWhitelist;
            superUser = o.superUser;
            superPassword = o.superPassword;
            extendedTypes = o.extendedTypes;
            readOnlyMode = o.readOnlyMode;
            tickTime = o.tickTime;
            minSessionTimeout = o.minSessionTimeout;
            maxSessionTimeout = o.maxSessionTimeout;
            maxClientConnections = o.maxClientConnections;
            zooCfg.putAll(o.zooCfg);
            systemProperties.putAll(o.systemProperties);
            maxHeap = o.maxHeap;
            jvmArgs.addAll(o.jvmArgs);
            startTimeout = o.startTimeout;
        }

        /**
         * Sets {@code 4lw.commands.whitelist}, e.g. {@code "stat, mntr"}. The server always also allows
         * {@code ruok}, {@code envi} and {@code srvr}, which the start-up checks use.
         *
         * @param whitelist comma-separated commands, or {@code "*"}
         * @return this builder
         */
        public Builder fourLetterWordWhitelist(String whitelist) {
            this.fourLetterWordWhitelist = requireText(whitelist, "whitelist");
            return this;
        }

        /**
         * Makes {@code user} a super user who authenticates with {@code digest user:password}.
         *
         * @param user the super user's name
         * @param password the super user's password
         * @return this builder
         */
        public Builder superDigest(String user, String password) {
            this.superUser = requireText(user, "user");
            this.superPassword = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * Removes a super digest set earlier.
         *
         * @return this builder
         */
        public Builder noSuperDigest() {
            this.superUser = null;
            this.superPassword = null;
            return this;
        }

        /**
         * Enables or disables TTL nodes ({@code zookeeper.extendedTypesEnabled}).
         *
         * @param enabled whether extended types are enabled
         * @return this builder
         */
        public Builder extendedTypes(boolean enabled) {
            this.extendedTypes = enabled;
            return this;
        }

        /**
         * Enables or disables read-only mode ({@code readonlymode.enabled}).
         *
         * @param enabled whether a server without quorum serves read-only clients
         * @return this builder
         */
        public Builder readOnlyMode(boolean enabled) {
            this.readOnlyMode = enabled;
            return this;
        }

        /**
         * Sets the tick time; ZooKeeper works in whole milliseconds.
         *
         * @param tickTime a positive duration
         * @return this builder
         */
        public Builder tickTime(Duration tickTime) {
            this.tickTime = requirePositive(tickTime, "tickTime");
            return this;
        }

        /**
         * Sets {@code minSessionTimeout}.
         *
         * @param timeout a positive duration, or null for ZooKeeper's default of two ticks
         * @return this builder
         */
        public Builder minSessionTimeout(Duration timeout) {
            this.minSessionTimeout = timeout == null ? null : requirePositive(timeout, "minSessionTimeout");
            return this;
        }

        /**
         * Sets {@code maxSessionTimeout}.
         *
         * @param timeout a positive duration, or null for ZooKeeper's default of twenty ticks
         * @return this builder
         */
        public Builder maxSessionTimeout(Duration timeout) {
            this.maxSessionTimeout = timeout == null ? null : requirePositive(timeout, "maxSessionTimeout");
            return this;
        }

        /**
         * Sets {@code maxClientCnxns}, the per-IP connection limit.
         *
         * @param max the limit, 0 for none
         * @return this builder
         */
        public Builder maxClientConnections(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxClientConnections must be >= 0: " + max);
            }
            this.maxClientConnections = max;
            return this;
        }

        /**
         * Adds a {@code zoo.cfg} entry that overrides the generated one with the same key.
         *
         * @param key the configuration key
         * @param value its value
         * @return this builder
         */
        public Builder zooCfg(String key, String value) {
            zooCfg.put(requireText(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Adds a system property ({@code -Dkey=value}) for the server JVM.
         *
         * @param key the property name
         * @param value its value
         * @return this builder
         */
        public Builder systemProperty(String key, String value) {
            systemProperties.put(requireText(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Sets the server JVM's maximum heap.
         *
         * @param size an {@code -Xmx} suffix such as {@code "256m"} or {@code "1g"}
         * @return this builder
         */
        public Builder maxHeap(String size) {
            this.maxHeap = requireText(size, "size");
            return this;
        }

        /**
         * Appends JVM arguments for the server JVM.
         *
         * @param args the arguments, e.g. {@code "-XX:+PrintFlagsFinal"}
         * @return this builder
         */
        public Builder jvmArgs(String... args) {
            for (String arg : args) {
                jvmArgs.add(requireText(arg, "jvm argument"));
            }
            return this;
        }

        /**
         * Sets how long a start may take before it fails with the server log's tail.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = requirePositive(timeout, "startTimeout");
            return this;
        }

        /**
         * Builds the immutable options.
         *
         * @return the options
         */
        public ZooKeeperServerOptions build() {
            return new ZooKeeperServerOptions(this);
        }

        private static String requireText(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value;
        }

        private static Duration requirePositive(Duration value, String name) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }
    }
}
