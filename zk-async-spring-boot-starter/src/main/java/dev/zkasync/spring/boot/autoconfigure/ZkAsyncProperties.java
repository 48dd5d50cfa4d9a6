package dev.zkasync.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * Configuration properties of the auto-configured {@link dev.zkasync.client.KazooClient}
 * ({@code zk.async.*}).
 *
 * <p>Every default is the client's own default, so an empty configuration gives the same client as
 * {@code KazooClient.builder().build()}, connected to {@code 127.0.0.1:2181}.
 */
@ConfigurationProperties("zk.async")
public class ZkAsyncProperties {

    /** Creates the properties with their defaults; Spring binds them. */
    public ZkAsyncProperties() {
    }

    /** Whether to auto-configure a KazooClient, its lifecycle, health indicator and metrics. */
    private boolean enabled = true;

    /**
     * Comma-separated list of ZooKeeper servers as host:port (IPv6 literals in brackets, port
     * 2181 when omitted), optionally followed by a chroot path that every path is relative to,
     * for example 'zk1:2181,zk2:2181/app'. Service connections (Testcontainers, Docker Compose)
     * take precedence.
     */
    private String hosts = "127.0.0.1:2181";

    /**
     * Whether to create the chroot of zk.async.hosts (and its parents) on the first connection
     * when it does not exist. When false, a missing chroot is reported with a warning: every
     * request would fail with NoNodeException.
     */
    private boolean createChroot;

    /**
     * Session timeout to ask the server for; the server clamps it to its own minimum and
     * maximum (by default 2 and 20 ticks).
     */
    private Duration sessionTimeout = Duration.ofSeconds(10);

    /**
     * TCP connect and handshake timeout per server. When not set, the session timeout divided
     * by the number of servers.
     */
    private @Nullable Duration connectionTimeout;

    /** Default deadline of every request, including the time it spends waiting for a reconnect. */
    private Duration requestTimeout = Duration.ofSeconds(30);

    /**
     * Maximum time to wait for the server to confirm the session close on shutdown. Never more
     * than spring.lifecycle.timeout-per-shutdown-phase.
     */
    private Duration closeTimeout = Duration.ofSeconds(5);

    /** Maximum number of requests sent and not yet answered; later requests wait in the queue. */
    private int maxInFlight = 512;

    /**
     * Maximum number of requests waiting to be sent; past it requests fail at once with
     * RequestQueueFullException.
     */
    private int maxQueuedRequests = 16384;

    /**
     * Longest time the client lets replies gather on the socket before reading them, while at
     * least 64 requests are outstanding and reads carry few replies each (it pauses for at most an
     * eighth of the round trip). Fewer wake-ups per reply: much less client CPU under load on
     * servers that answer one request at a time. 0 reads every reply as it arrives.
     */
    private Duration replyBatchWindow = Duration.ofMillis(1);

    /**
     * Whether to accept read-only servers (servers cut off from their quorum). Reads work there;
     * writes fail with NotReadOnlyException.
     */
    private boolean readOnly;

    /** Whether to shuffle the servers before connecting, to spread clients over the ensemble. */
    private boolean randomizeHosts = true;

    /**
     * Threads that run callbacks, watches and state listeners: 'threading' for a platform
     * thread, 'virtual' for a virtual thread, 'auto' for a virtual thread when
     * spring.threads.virtual.enabled is true and a platform thread otherwise, 'direct' for the
     * client's I/O thread itself (no hand-off per reply; for callbacks that never block: a blocking
     * client call inside one fails with IllegalStateException).
     */
    private HandlerType handler = HandlerType.AUTO;

    /**
     * With the direct handler, callbacks that run longer than this are logged at WARN with their
     * duration (they hold up the I/O thread); 0 turns the warning off. Other handlers ignore it.
     */
    private Duration slowCallbackThreshold = Duration.ofMillis(100);

    /**
     * How every request is measured: 'observation' for a Micrometer observation (timer, trace
     * span and any other observation handler), 'timer' for a Micrometer timer of the same name and
     * tags recorded directly (cheaper: no span, no '.active' long-task timer), 'none' for nothing,
     * 'auto' for an observation when a micrometer-tracing Tracer bean exists, else a timer when a
     * MeterRegistry bean exists, else an observation when an ObservationRegistry bean exists.
     */
    private Instrumentation instrumentation = Instrumentation.AUTO;

    /**
     * Comma-separated list of ACL entries given to nodes created without an ACL, each as
     * scheme:id:permissions. Permissions are names joined by '|' (READ|WRITE|CREATE|DELETE|ADMIN,
     * ALL) or ZooKeeper's letters (cdrwa). Examples: 'world:anyone:ALL', 'auth::ALL',
     * 'digest:app:HASH=:READ|WRITE', 'ip:10.0.0.0/8:r'.
     */
    private List<String> defaultAcl = new ArrayList<>(List.of("world:anyone:ALL"));

    /** Credentials sent on every connection and replayed after every reconnect. */
    private List<Auth> auth = new ArrayList<>();

    private final ConnectionRetry connectionRetry = new ConnectionRetry();

    private final CommandRetry commandRetry = new CommandRetry();

    private final Sasl sasl = new Sasl();

    private final Tls tls = new Tls();

    private final Ssl ssl = new Ssl();

    private final Startup startup = new Startup();

    /** {@return whether to auto-configure a KazooClient, its lifecycle, health indicator and metrics} */
    public boolean isEnabled() {
        return this.enabled;
    }

    /**
     * Sets the {@code enabled} property.
     *
     * @param enabled the new value; see {@link #isEnabled()}
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * {@return comma-separated list of ZooKeeper servers as host:port (IPv6 literals in brackets, port 2181 when
     * omitted), optionally followed by a chroot path that every path is relative to, for example
     * 'zk1:2181,zk2:2181/app'. Service connections (Testcontainers, Docker Compose) take precedence}
     */
    public String getHosts() {
        return this.hosts;
    }

    /**
     * Sets the {@code hosts} property.
     *
     * @param hosts the new value; see {@link #getHosts()}
     */
    public void setHosts(String hosts) {
        this.hosts = hosts;
    }

    /**
     * {@return whether to create the chroot of zk.async.hosts (and its parents) on the first connection when it
     * does not exist. When false, a missing chroot is reported with a warning: every request would fail with
     * NoNodeException}
     */
    public boolean isCreateChroot() {
        return this.createChroot;
    }

    /**
     * Sets the {@code createChroot} property.
     *
     * @param createChroot the new value; see {@link #isCreateChroot()}
     */
    public void setCreateChroot(boolean createChroot) {
        this.createChroot = createChroot;
    }

    /**
     * {@return session timeout to ask the server for; the server clamps it to its own minimum and maximum (by
     * default 2 and 20 ticks)}
     */
    public Duration getSessionTimeout() {
        return this.sessionTimeout;
    }

    /**
     * Sets the {@code sessionTimeout} property.
     *
     * @param sessionTimeout the new value; see {@link #getSessionTimeout()}
     */
    public void setSessionTimeout(Duration sessionTimeout) {
        this.sessionTimeout = sessionTimeout;
    }

    /**
     * {@return TCP connect and handshake timeout per server. When not set, the session timeout divided by the
     * number of servers}
     */
    public @Nullable Duration getConnectionTimeout() {
        return this.connectionTimeout;
    }

    /**
     * Sets the {@code connectionTimeout} property.
     *
     * @param connectionTimeout the new value; see {@link #getConnectionTimeout()}
     */
    public void setConnectionTimeout(@Nullable Duration connectionTimeout) {
        this.connectionTimeout = connectionTimeout;
    }

    /** {@return default deadline of every request, including the time it spends waiting for a reconnect} */
    public Duration getRequestTimeout() {
        return this.requestTimeout;
    }

    /**
     * Sets the {@code requestTimeout} property.
     *
     * @param requestTimeout the new value; see {@link #getRequestTimeout()}
     */
    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    /**
     * {@return maximum time to wait for the server to confirm the session close on shutdown. Never more than
     * spring.lifecycle.timeout-per-shutdown-phase}
     */
    public Duration getCloseTimeout() {
        return this.closeTimeout;
    }

    /**
     * Sets the {@code closeTimeout} property.
     *
     * @param closeTimeout the new value; see {@link #getCloseTimeout()}
     */
    public void setCloseTimeout(Duration closeTimeout) {
        this.closeTimeout = closeTimeout;
    }

    /** {@return maximum number of requests sent and not yet answered; later requests wait in the queue} */
    public int getMaxInFlight() {
        return this.maxInFlight;
    }

    /**
     * Sets the {@code maxInFlight} property.
     *
     * @param maxInFlight the new value; see {@link #getMaxInFlight()}
     */
    public void setMaxInFlight(int maxInFlight) {
        this.maxInFlight = maxInFlight;
    }

    /**
     * {@return maximum number of requests waiting to be sent; past it requests fail at once with
     * RequestQueueFullException}
     */
    public int getMaxQueuedRequests() {
        return this.maxQueuedRequests;
    }

    /**
     * Sets the {@code maxQueuedRequests} property.
     *
     * @param maxQueuedRequests the new value; see {@link #getMaxQueuedRequests()}
     */
    public void setMaxQueuedRequests(int maxQueuedRequests) {
        this.maxQueuedRequests = maxQueuedRequests;
    }

    /**
     * {@return longest time the client lets replies gather on the socket before reading them, while at least 64
     * requests are outstanding and reads carry few replies each (it pauses for at most an eighth of the round
     * trip). Fewer wake-ups per reply: much less client CPU under load on servers that answer one request at a
     * time. 0 reads every reply as it arrives}
     */
    public Duration getReplyBatchWindow() {
        return this.replyBatchWindow;
    }

    /**
     * Sets the {@code replyBatchWindow} property.
     *
     * @param replyBatchWindow the new value; see {@link #getReplyBatchWindow()}
     */
    public void setReplyBatchWindow(Duration replyBatchWindow) {
        this.replyBatchWindow = replyBatchWindow;
    }

    /**
     * {@return whether to accept read-only servers (servers cut off from their quorum). Reads work there; writes
     * fail with NotReadOnlyException}
     */
    public boolean isReadOnly() {
        return this.readOnly;
    }

    /**
     * Sets the {@code readOnly} property.
     *
     * @param readOnly the new value; see {@link #isReadOnly()}
     */
    public void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    /** {@return whether to shuffle the servers before connecting, to spread clients over the ensemble} */
    public boolean isRandomizeHosts() {
        return this.randomizeHosts;
    }

    /**
     * Sets the {@code randomizeHosts} property.
     *
     * @param randomizeHosts the new value; see {@link #isRandomizeHosts()}
     */
    public void setRandomizeHosts(boolean randomizeHosts) {
        this.randomizeHosts = randomizeHosts;
    }

    /**
     * {@return threads that run callbacks, watches and state listeners: 'threading' for a platform thread,
     * 'virtual' for a virtual thread, 'auto' for a virtual thread when spring.threads.virtual.enabled is true
     * and a platform thread otherwise, 'direct' for the client's I/O thread itself (no hand-off per reply; for
     * callbacks that never block: a blocking client call inside one fails with IllegalStateException)}
     */
    public HandlerType getHandler() {
        return this.handler;
    }

    /**
     * Sets the {@code handler} property.
     *
     * @param handler the new value; see {@link #getHandler()}
     */
    public void setHandler(HandlerType handler) {
        this.handler = handler;
    }

    /**
     * {@return with the direct handler, callbacks that run longer than this are logged at WARN with their
     * duration (they hold up the I/O thread); 0 turns the warning off. Other handlers ignore it}
     */
    public Duration getSlowCallbackThreshold() {
        return this.slowCallbackThreshold;
    }

    /**
     * Sets the {@code slowCallbackThreshold} property.
     *
     * @param slowCallbackThreshold the new value; see {@link #getSlowCallbackThreshold()}
     */
    public void setSlowCallbackThreshold(Duration slowCallbackThreshold) {
        this.slowCallbackThreshold = slowCallbackThreshold;
    }

    /**
     * {@return how every request is measured: 'observation' for a Micrometer observation (timer, trace span and
     * any other observation handler), 'timer' for a Micrometer timer of the same name and tags recorded directly
     * (cheaper: no span, no '.active' long-task timer), 'none' for nothing, 'auto' for an observation when a
     * micrometer-tracing Tracer bean exists, else a timer when a MeterRegistry bean exists, else an observation
     * when an ObservationRegistry bean exists}
     */
    public Instrumentation getInstrumentation() {
        return this.instrumentation;
    }

    /**
     * Sets the {@code instrumentation} property.
     *
     * @param instrumentation the new value; see {@link #getInstrumentation()}
     */
    public void setInstrumentation(Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
    }

    /**
     * {@return comma-separated list of ACL entries given to nodes created without an ACL, each as
     * scheme:id:permissions. Permissions are names joined by '|' (READ|WRITE|CREATE|DELETE|ADMIN, ALL) or
     * ZooKeeper's letters (cdrwa). Examples: 'world:anyone:ALL', 'auth::ALL', 'digest:app:HASH=:READ|WRITE',
     * 'ip:10.0.0.0/8:r'}
     */
    public List<String> getDefaultAcl() {
        return this.defaultAcl;
    }

    /**
     * Sets the {@code defaultAcl} property.
     *
     * @param defaultAcl the new value; see {@link #getDefaultAcl()}
     */
    public void setDefaultAcl(List<String> defaultAcl) {
        this.defaultAcl = defaultAcl;
    }

    /** {@return credentials sent on every connection and replayed after every reconnect} */
    public List<Auth> getAuth() {
        return this.auth;
    }

    /**
     * Sets the {@code auth} property.
     *
     * @param auth the new value; see {@link #getAuth()}
     */
    public void setAuth(List<Auth> auth) {
        this.auth = auth;
    }

    /** {@return the pacing of reconnects after a whole cycle of servers failed} */
    public ConnectionRetry getConnectionRetry() {
        return this.connectionRetry;
    }

    /** {@return the retry policy of {@code KazooClient.retry} and {@code retryAsync}} */
    public CommandRetry getCommandRetry() {
        return this.commandRetry;
    }

    /** {@return SASL authentication of every connection} */
    public Sasl getSasl() {
        return this.sasl;
    }

    /** {@return TLS to the servers' {@code secureClientPort}} */
    public Tls getTls() {
        return this.tls;
    }

    /** {@return the Spring Boot SSL bundle to connect with} */
    public Ssl getSsl() {
        return this.ssl;
    }

    /** {@return connecting while the application starts} */
    public Startup getStartup() {
        return this.startup;
    }

    /** Threads that run the client's callbacks. */
    public enum HandlerType {

        /**
         * A virtual thread when {@code spring.threads.virtual.enabled} is true, else a platform
         * thread.
         */
        AUTO,

        /** One platform thread per client ({@code SequentialThreadingHandler}). */
        THREADING,

        /** One virtual thread per client ({@code SequentialVirtualThreadHandler}). */
        VIRTUAL,

        /** The client's I/O thread ({@code DirectHandler}), for callbacks that never block. */
        DIRECT

    }

    /** How every request of the client is measured. */
    public enum Instrumentation {

        /**
         * An observation when a micrometer-tracing {@code Tracer} bean exists (so requests are
         * spans), else a timer when a {@code MeterRegistry} bean exists, else an observation when an
         * {@code ObservationRegistry} bean exists.
         */
        AUTO,

        /** A Micrometer {@code Observation} per request ({@code ObservationRequestObserver}). */
        OBSERVATION,

        /** A Micrometer {@code Timer} recorded directly ({@code TimerRequestObserver}). */
        TIMER,

        /** Nothing per request; the connection meters stay. */
        NONE

    }

    /** One set of credentials. */
    public static class Auth {

        /** Creates the properties with their defaults; Spring binds them. */
        public Auth() {
        }

        /** Authentication scheme, for example 'digest'. */
        private @Nullable String scheme;

        /** Credential in the scheme's format, for example 'user:password' for digest. */
        private @Nullable String credential;

        /** {@return authentication scheme, for example 'digest'} */
        public @Nullable String getScheme() {
            return this.scheme;
        }

        /**
         * Sets the {@code scheme} property.
         *
         * @param scheme the new value; see {@link #getScheme()}
         */
        public void setScheme(@Nullable String scheme) {
            this.scheme = scheme;
        }

        /** {@return credential in the scheme's format, for example 'user:password' for digest} */
        public @Nullable String getCredential() {
            return this.credential;
        }

        /**
         * Sets the {@code credential} property.
         *
         * @param credential the new value; see {@link #getCredential()}
         */
        public void setCredential(@Nullable String credential) {
            this.credential = credential;
        }

    }

    /** Pacing of reconnects after a whole cycle of servers failed. */
    public static class ConnectionRetry {

        /** Creates the properties with their defaults; Spring binds them. */
        public ConnectionRetry() {
        }

        /** Maximum number of full cycles through the servers; -1 for no limit. */
        private int maxTries = -1;

        /** Delay before the first retry. */
        private Duration delay = Duration.ofMillis(100);

        /** Factor the delay grows by after every attempt. */
        private double backoff = 2;

        /** Maximum delay between two attempts. */
        private Duration maxDelay = Duration.ofSeconds(2);

        /** Random spread of every delay, as a fraction between 0 and 1. */
        private double jitter = 0.4;

        /** {@return maximum number of full cycles through the servers; -1 for no limit} */
        public int getMaxTries() {
            return this.maxTries;
        }

        /**
         * Sets the {@code maxTries} property.
         *
         * @param maxTries the new value; see {@link #getMaxTries()}
         */
        public void setMaxTries(int maxTries) {
            this.maxTries = maxTries;
        }

        /** {@return delay before the first retry} */
        public Duration getDelay() {
            return this.delay;
        }

        /**
         * Sets the {@code delay} property.
         *
         * @param delay the new value; see {@link #getDelay()}
         */
        public void setDelay(Duration delay) {
            this.delay = delay;
        }

        /** {@return factor the delay grows by after every attempt} */
        public double getBackoff() {
            return this.backoff;
        }

        /**
         * Sets the {@code backoff} property.
         *
         * @param backoff the new value; see {@link #getBackoff()}
         */
        public void setBackoff(double backoff) {
            this.backoff = backoff;
        }

        /** {@return maximum delay between two attempts} */
        public Duration getMaxDelay() {
            return this.maxDelay;
        }

        /**
         * Sets the {@code maxDelay} property.
         *
         * @param maxDelay the new value; see {@link #getMaxDelay()}
         */
        public void setMaxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
        }

        /** {@return random spread of every delay, as a fraction between 0 and 1} */
        public double getJitter() {
            return this.jitter;
        }

        /**
         * Sets the {@code jitter} property.
         *
         * @param jitter the new value; see {@link #getJitter()}
         */
        public void setJitter(double jitter) {
            this.jitter = jitter;
        }

    }

    /** Retry policy of KazooClient.retry and retryAsync. */
    public static class CommandRetry {

        /** Creates the properties with their defaults; Spring binds them. */
        public CommandRetry() {
        }

        /** Maximum number of attempts of an operation; -1 for no limit. */
        private int maxTries = -1;

        /** Delay before the first retry. */
        private Duration delay = Duration.ofMillis(100);

        /** Factor the delay grows by after every attempt. */
        private double backoff = 2;

        /** Maximum delay between two attempts. */
        private Duration maxDelay = Duration.ofHours(1);

        /** Random spread of every delay, as a fraction between 0 and 1. */
        private double jitter = 0.4;

        /** {@return maximum number of attempts of an operation; -1 for no limit} */
        public int getMaxTries() {
            return this.maxTries;
        }

        /**
         * Sets the {@code maxTries} property.
         *
         * @param maxTries the new value; see {@link #getMaxTries()}
         */
        public void setMaxTries(int maxTries) {
            this.maxTries = maxTries;
        }

        /** {@return delay before the first retry} */
        public Duration getDelay() {
            return this.delay;
        }

        /**
         * Sets the {@code delay} property.
         *
         * @param delay the new value; see {@link #getDelay()}
         */
        public void setDelay(Duration delay) {
            this.delay = delay;
        }

        /** {@return factor the delay grows by after every attempt} */
        public double getBackoff() {
            return this.backoff;
        }

        /**
         * Sets the {@code backoff} property.
         *
         * @param backoff the new value; see {@link #getBackoff()}
         */
        public void setBackoff(double backoff) {
            this.backoff = backoff;
        }

        /** {@return maximum delay between two attempts} */
        public Duration getMaxDelay() {
            return this.maxDelay;
        }

        /**
         * Sets the {@code maxDelay} property.
         *
         * @param maxDelay the new value; see {@link #getMaxDelay()}
         */
        public void setMaxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
        }

        /** {@return random spread of every delay, as a fraction between 0 and 1} */
        public double getJitter() {
            return this.jitter;
        }

        /**
         * Sets the {@code jitter} property.
         *
         * @param jitter the new value; see {@link #getJitter()}
         */
        public void setJitter(double jitter) {
            this.jitter = jitter;
        }

    }

    /**
     * SASL authentication of every connection (DIGEST-MD5 or GSSAPI), used when a mechanism, user
     * name, password or JAAS login context is set.
     */
    public static class Sasl {

        /** Creates the properties with their defaults; Spring binds them. */
        public Sasl() {
        }

        /**
         * SASL mechanism, 'DIGEST-MD5' or 'GSSAPI'. When not set, DIGEST-MD5 if a user name is
         * set, else GSSAPI.
         */
        private @Nullable String mechanism;

        /** User name for DIGEST-MD5. */
        private @Nullable String username;

        /** Password for DIGEST-MD5. */
        private @Nullable String password;

        /** Service name of the ZooKeeper servers (the primary of their Kerberos principal). */
        private String service = "zookeeper";

        /**
         * Host name in the servers' Kerberos principal (GSSAPI). When not set, the host the
         * client connected to.
         */
        private @Nullable String serverName;

        /**
         * Name of the JAAS login configuration section holding the client's Kerberos credentials
         * (GSSAPI); 'Client' when not set. The JAAS file itself is named by the
         * java.security.auth.login.config system property.
         */
        private @Nullable String jaasLoginContext;

        /**
         * Whether any SASL setting asks for SASL.
         * @return true if a mechanism, user name, password or JAAS login context is set
         */
        public boolean isConfigured() {
            return StringUtils.hasText(this.mechanism) || StringUtils.hasText(this.username)
                    || StringUtils.hasText(this.password) || StringUtils.hasText(this.jaasLoginContext);
        }

        /**
         * {@return SASL mechanism, 'DIGEST-MD5' or 'GSSAPI'. When not set, DIGEST-MD5 if a user name is set,
         * else GSSAPI}
         */
        public @Nullable String getMechanism() {
            return this.mechanism;
        }

        /**
         * Sets the {@code mechanism} property.
         *
         * @param mechanism the new value; see {@link #getMechanism()}
         */
        public void setMechanism(@Nullable String mechanism) {
            this.mechanism = mechanism;
        }

        /** {@return user name for DIGEST-MD5} */
        public @Nullable String getUsername() {
            return this.username;
        }

        /**
         * Sets the {@code username} property.
         *
         * @param username the new value; see {@link #getUsername()}
         */
        public void setUsername(@Nullable String username) {
            this.username = username;
        }

        /** {@return password for DIGEST-MD5} */
        public @Nullable String getPassword() {
            return this.password;
        }

        /**
         * Sets the {@code password} property.
         *
         * @param password the new value; see {@link #getPassword()}
         */
        public void setPassword(@Nullable String password) {
            this.password = password;
        }

        /** {@return service name of the ZooKeeper servers (the primary of their Kerberos principal)} */
        public String getService() {
            return this.service;
        }

        /**
         * Sets the {@code service} property.
         *
         * @param service the new value; see {@link #getService()}
         */
        public void setService(String service) {
            this.service = service;
        }

        /**
         * {@return host name in the servers' Kerberos principal (GSSAPI). When not set, the host the client
         * connected to}
         */
        public @Nullable String getServerName() {
            return this.serverName;
        }

        /**
         * Sets the {@code serverName} property.
         *
         * @param serverName the new value; see {@link #getServerName()}
         */
        public void setServerName(@Nullable String serverName) {
            this.serverName = serverName;
        }

        /**
         * {@return name of the JAAS login configuration section holding the client's Kerberos credentials
         * (GSSAPI); 'Client' when not set. The JAAS file itself is named by the java.security.auth.login.config
         * system property}
         */
        public @Nullable String getJaasLoginContext() {
            return this.jaasLoginContext;
        }

        /**
         * Sets the {@code jaasLoginContext} property.
         *
         * @param jaasLoginContext the new value; see {@link #getJaasLoginContext()}
         */
        public void setJaasLoginContext(@Nullable String jaasLoginContext) {
            this.jaasLoginContext = jaasLoginContext;
        }

    }

    /** TLS to the servers' secureClientPort. */
    public static class Tls {

        /** Creates the properties with their defaults; Spring binds them. */
        public Tls() {
        }

        /**
         * Whether to connect with TLS. When not set, TLS is used as soon as a key store, trust
         * store or PEM file is set.
         */
        private @Nullable Boolean enabled;

        /** Whether to check that the server's certificate names the host connected to. */
        private boolean hostnameVerification = true;

        /**
         * Comma-separated list of TLS protocol versions to allow, for example 'TLSv1.3'. When not
         * set, the JVM's defaults.
         */
        private @Nullable List<String> protocols;

        /** Comma-separated list of cipher suites to allow. When not set, the JVM's defaults. */
        private @Nullable List<String> ciphers;

        private final Store keyStore = new Store();

        private final Store trustStore = new Store();

        private final Pem pem = new Pem();

        /**
         * Whether any key or trust material is set.
         * @return true if a store or PEM file is set
         */
        public boolean hasMaterial() {
            return this.keyStore.isConfigured() || this.trustStore.isConfigured() || this.pem.isConfigured();
        }

        /**
         * Whether the client connects with TLS.
         * @return the enabled flag, else whether any key or trust material is set
         */
        public boolean isRequested() {
            return (this.enabled != null) ? this.enabled : hasMaterial();
        }

        /**
         * {@return whether to connect with TLS. When not set, TLS is used as soon as a key store, trust store or
         * PEM file is set}
         */
        public @Nullable Boolean getEnabled() {
            return this.enabled;
        }

        /**
         * Sets the {@code enabled} property.
         *
         * @param enabled the new value; see {@link #getEnabled()}
         */
        public void setEnabled(@Nullable Boolean enabled) {
            this.enabled = enabled;
        }

        /** {@return whether to check that the server's certificate names the host connected to} */
        public boolean isHostnameVerification() {
            return this.hostnameVerification;
        }

        /**
         * Sets the {@code hostnameVerification} property.
         *
         * @param hostnameVerification the new value; see {@link #isHostnameVerification()}
         */
        public void setHostnameVerification(boolean hostnameVerification) {
            this.hostnameVerification = hostnameVerification;
        }

        /**
         * {@return comma-separated list of TLS protocol versions to allow, for example 'TLSv1.3'. When not set,
         * the JVM's defaults}
         */
        public @Nullable List<String> getProtocols() {
            return this.protocols;
        }

        /**
         * Sets the {@code protocols} property.
         *
         * @param protocols the new value; see {@link #getProtocols()}
         */
        public void setProtocols(@Nullable List<String> protocols) {
            this.protocols = protocols;
        }

        /** {@return comma-separated list of cipher suites to allow. When not set, the JVM's defaults} */
        public @Nullable List<String> getCiphers() {
            return this.ciphers;
        }

        /**
         * Sets the {@code ciphers} property.
         *
         * @param ciphers the new value; see {@link #getCiphers()}
         */
        public void setCiphers(@Nullable List<String> ciphers) {
            this.ciphers = ciphers;
        }

        /** {@return the key store: the client's certificate and key} */
        public Store getKeyStore() {
            return this.keyStore;
        }

        /** {@return the trust store: the certificates that sign the servers'} */
        public Store getTrustStore() {
            return this.trustStore;
        }

        /** {@return PEM files, instead of the stores} */
        public Pem getPem() {
            return this.pem;
        }

        /** A Java key store file. */
        public static class Store {

            /** Creates the properties with their defaults; Spring binds them. */
            public Store() {
            }

            /**
             * Location of the store file, for example 'file:/etc/zk/client.p12'; it must be a file
             * (a classpath resource in a directory works, one inside a jar does not).
             */
            private @Nullable String location;

            /** Password of the store. */
            private @Nullable String password;

            /**
             * Type of the store, 'PKCS12' or 'JKS'. When not set, JKS for a .jks file and PKCS12
             * otherwise.
             */
            private @Nullable String type;

            boolean isConfigured() {
                return StringUtils.hasText(this.location);
            }

            /**
             * {@return location of the store file, for example 'file:/etc/zk/client.p12'; it must be a file (a
             * classpath resource in a directory works, one inside a jar does not)}
             */
            public @Nullable String getLocation() {
                return this.location;
            }

            /**
             * Sets the {@code location} property.
             *
             * @param location the new value; see {@link #getLocation()}
             */
            public void setLocation(@Nullable String location) {
                this.location = location;
            }

            /** {@return password of the store} */
            public @Nullable String getPassword() {
                return this.password;
            }

            /**
             * Sets the {@code password} property.
             *
             * @param password the new value; see {@link #getPassword()}
             */
            public void setPassword(@Nullable String password) {
                this.password = password;
            }

            /**
             * {@return type of the store, 'PKCS12' or 'JKS'. When not set, JKS for a .jks file and PKCS12
             * otherwise}
             */
            public @Nullable String getType() {
                return this.type;
            }

            /**
             * Sets the {@code type} property.
             *
             * @param type the new value; see {@link #getType()}
             */
            public void setType(@Nullable String type) {
                this.type = type;
            }

        }

        /** PEM files. */
        public static class Pem {

            /** Creates the properties with their defaults; Spring binds them. */
            public Pem() {
            }

            /**
             * Location of the PEM certificate chain the client presents (mutual TLS); needs the
             * private key too.
             */
            private @Nullable String certificate;

            /** Location of the PEM (PKCS#8) private key of the client's certificate. */
            private @Nullable String privateKey;

            /** Password of the private key, when it is encrypted. */
            private @Nullable String privateKeyPassword;

            /**
             * Location of the PEM certificates to trust the servers by. When neither these nor a
             * trust store are set, the JVM's default trust store.
             */
            private @Nullable String trustCertificates;

            boolean isConfigured() {
                return StringUtils.hasText(this.certificate) || StringUtils.hasText(this.privateKey)
                        || StringUtils.hasText(this.trustCertificates);
            }

            /**
             * {@return location of the PEM certificate chain the client presents (mutual TLS); needs the private
             * key too}
             */
            public @Nullable String getCertificate() {
                return this.certificate;
            }

            /**
             * Sets the {@code certificate} property.
             *
             * @param certificate the new value; see {@link #getCertificate()}
             */
            public void setCertificate(@Nullable String certificate) {
                this.certificate = certificate;
            }

            /** {@return location of the PEM (PKCS#8) private key of the client's certificate} */
            public @Nullable String getPrivateKey() {
                return this.privateKey;
            }

            /**
             * Sets the {@code privateKey} property.
             *
             * @param privateKey the new value; see {@link #getPrivateKey()}
             */
            public void setPrivateKey(@Nullable String privateKey) {
                this.privateKey = privateKey;
            }

            /** {@return password of the private key, when it is encrypted} */
            public @Nullable String getPrivateKeyPassword() {
                return this.privateKeyPassword;
            }

            /**
             * Sets the {@code privateKeyPassword} property.
             *
             * @param privateKeyPassword the new value; see {@link #getPrivateKeyPassword()}
             */
            public void setPrivateKeyPassword(@Nullable String privateKeyPassword) {
                this.privateKeyPassword = privateKeyPassword;
            }

            /**
             * {@return location of the PEM certificates to trust the servers by. When neither these nor a trust
             * store are set, the JVM's default trust store}
             */
            public @Nullable String getTrustCertificates() {
                return this.trustCertificates;
            }

            /**
             * Sets the {@code trustCertificates} property.
             *
             * @param trustCertificates the new value; see {@link #getTrustCertificates()}
             */
            public void setTrustCertificates(@Nullable String trustCertificates) {
                this.trustCertificates = trustCertificates;
            }

        }

    }

    /** Spring Boot SSL bundle to connect with. */
    public static class Ssl {

        /** Creates the properties with their defaults; Spring binds them. */
        public Ssl() {
        }

        /**
         * Name of the SSL bundle (spring.ssl.bundle.*) to connect with. It gives the key and trust
         * material (and any protocols and ciphers) instead of zk.async.tls.*; TLS is then on unless
         * zk.async.tls.enabled=false, and zk.async.tls.hostname-verification still applies.
         */
        private @Nullable String bundle;

        /**
         * {@return name of the SSL bundle (spring.ssl.bundle.*) to connect with. It gives the key and trust
         * material (and any protocols and ciphers) instead of zk.async.tls.*; TLS is then on unless
         * zk.async.tls.enabled=false, and zk.async.tls.hostname-verification still applies}
         */
        public @Nullable String getBundle() {
            return this.bundle;
        }

        /**
         * Sets the {@code bundle} property.
         *
         * @param bundle the new value; see {@link #getBundle()}
         */
        public void setBundle(@Nullable String bundle) {
            this.bundle = bundle;
        }

    }

    /** Connecting while the application starts. */
    public static class Startup {

        /** Creates the properties with their defaults; Spring binds them. */
        public Startup() {
        }

        /**
         * Whether the application's startup waits for the first connection, before the web
         * server takes traffic.
         */
        private boolean wait = true;

        /** Maximum time to wait for the first connection. */
        private Duration timeout = Duration.ofSeconds(15);

        /**
         * Whether to fail the application's startup when no connection came within the timeout
         * (only while waiting). When false, the application starts, the health indicator reports
         * DOWN and the client keeps reconnecting.
         */
        private boolean failFast = true;

        /**
         * {@return whether the application's startup waits for the first connection, before the web server takes
         * traffic}
         */
        public boolean isWait() {
            return this.wait;
        }

        /**
         * Sets the {@code wait} property.
         *
         * @param wait the new value; see {@link #isWait()}
         */
        public void setWait(boolean wait) {
            this.wait = wait;
        }

        /** {@return maximum time to wait for the first connection} */
        public Duration getTimeout() {
            return this.timeout;
        }

        /**
         * Sets the {@code timeout} property.
         *
         * @param timeout the new value; see {@link #getTimeout()}
         */
        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        /**
         * {@return whether to fail the application's startup when no connection came within the timeout (only
         * while waiting). When false, the application starts, the health indicator reports DOWN and the client
         * keeps reconnecting}
         */
        public boolean isFailFast() {
            return this.failFast;
        }

        /**
         * Sets the {@code failFast} property.
         *
         * @param failFast the new value; see {@link #isFailFast()}
         */
        public void setFailFast(boolean failFast) {
            this.failFast = failFast;
        }

    }

}
