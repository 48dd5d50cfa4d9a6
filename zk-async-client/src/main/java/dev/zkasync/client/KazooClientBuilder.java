package dev.zkasync.client;

import dev.zkasync.client.acl.ACL;
import dev.zkasync.client.acl.Acls;
import dev.zkasync.client.connect.ConnectString;
import dev.zkasync.client.exception.ConfigurationException;
import dev.zkasync.client.handler.Handler;
import dev.zkasync.client.handler.SequentialThreadingHandler;
import dev.zkasync.client.metrics.RequestObserver;
import dev.zkasync.client.retry.KazooRetry;
import dev.zkasync.client.sasl.SaslConfig;
import dev.zkasync.client.session.AuthInfo;
import dev.zkasync.client.session.ReconnectPolicy;
import dev.zkasync.client.session.Session;
import dev.zkasync.client.session.SessionConfig;
import dev.zkasync.client.session.Transport;
import dev.zkasync.client.state.ClientId;
import dev.zkasync.client.tls.TlsConfig;
import io.netty.channel.EventLoopGroup;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds a {@link KazooClient}; {@link KazooClient#builder()} makes one. Every setting has a default;
 * {@link #hosts(String)} usually matters. What a client was built with stays readable through
 * {@link KazooClient#settings()}.
 */
public final class KazooClientBuilder {
    private static final Duration DEFAULT_REPLY_BATCH_WINDOW = Duration.ofMillis(1);
    private static final Duration MAX_REPLY_BATCH_WINDOW = Duration.ofSeconds(1);
    // The defaults are immutable: shared by every client rather than made per builder.
    private static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final KazooRetry DEFAULT_CONNECTION_RETRY = KazooRetry.forever().withMaxDelay(Duration.ofSeconds(2));
    /** Shared by every client with the default connection retry. */
    private static final ReconnectPolicy DEFAULT_RECONNECT = reconnectPolicy(DEFAULT_CONNECTION_RETRY);
    private static final KazooRetry DEFAULT_COMMAND_RETRY = KazooRetry.forever();
    private String hosts = "127.0.0.1:2181";
    private Duration sessionTimeout = DEFAULT_SESSION_TIMEOUT;
    private Duration connectionTimeout;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private Handler handler;
    private List<ACL> defaultAcl = Acls.OPEN_ACL_UNSAFE;
    private final List<AuthInfo> authData = new ArrayList<>();
    private boolean readOnly;
    private boolean randomizeHosts = true;
    private KazooRetry connectionRetry = DEFAULT_CONNECTION_RETRY;
    private KazooRetry commandRetry = DEFAULT_COMMAND_RETRY;
    private int maxInFlight = 512;
    private int maxQueuedRequests = 16_384;
    private int maxFrameSize = 0xfffff + (1 << 20);
    private int maxRequestSize = 0xfffff;
    private EventLoopGroup eventLoopGroup;
    private ClientId clientId;
    private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
    private RequestObserver requestObserver;
    private TlsConfig tls;
    private SaslConfig sasl;
    private Duration replyBatchWindow = DEFAULT_REPLY_BATCH_WINDOW;

    KazooClientBuilder() {
    }

    /**
     * {@code "host:port,host:port/chroot"}; IPv6 in brackets; port defaults to 2181.
     *
     * @param connectString the servers and optional chroot
     * @return this builder
     */
    public KazooClientBuilder hosts(String connectString) {
        this.hosts = Objects.requireNonNull(connectString, "hosts");
        return this;
    }

    /**
     * The session timeout to ask for (the server clamps it to its min/max). Default 10 s.
     *
     * @param timeout the requested timeout
     * @return this builder
     */
    public KazooClientBuilder sessionTimeout(Duration timeout) {
        this.sessionTimeout = positive(timeout, "sessionTimeout");
        return this;
    }

    /**
     * The TCP connect and handshake timeout per host; default session timeout / number of hosts.
     *
     * @param timeout the timeout per host
     * @return this builder
     */
    public KazooClientBuilder connectionTimeout(Duration timeout) {
        this.connectionTimeout = positive(timeout, "connectionTimeout");
        return this;
    }

    /**
     * The default deadline of every request, including time spent waiting for a reconnect. Default 30 s.
     *
     * @param timeout the default deadline
     * @return this builder
     */
    public KazooClientBuilder requestTimeout(Duration timeout) {
        this.requestTimeout = positive(timeout, "requestTimeout");
        return this;
    }

    /**
     * Where callbacks run; default a new {@link SequentialThreadingHandler}. The others:
     * {@code SequentialVirtualThreadHandler}, and {@code DirectHandler} (the I/O thread itself, for
     * callbacks that never block).
     *
     * @param handler the handler
     * @return this builder
     */
    public KazooClientBuilder handler(Handler handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
        return this;
    }

    /**
     * The ACL of creates that give none; default {@link Acls#OPEN_ACL_UNSAFE}.
     *
     * @param acl at least one entry
     * @return this builder
     */
    public KazooClientBuilder defaultAcl(List<ACL> acl) {
        if (acl == null || acl.isEmpty()) {
            throw new ConfigurationException("the default ACL needs at least one entry");
        }
        this.defaultAcl = List.copyOf(acl);
        return this;
    }

    /**
     * Credentials sent on every connection, e.g. {@code ("digest", "user:password")}.
     *
     * @param scheme the authentication scheme, such as {@code digest}
     * @param credential the credential in that scheme's format, such as {@code user:password}
     * @return this builder
     */
    public KazooClientBuilder authData(String scheme, String credential) {
        authData.add(new AuthInfo(Objects.requireNonNull(scheme, "scheme"),
                Objects.requireNonNull(credential, "credential").getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    /**
     * Accept read-only servers (reads work there, writes fail with {@code NotReadOnlyException}).
     *
     * @param allow true to accept them
     * @return this builder
     */
    public KazooClientBuilder readOnly(boolean allow) {
        this.readOnly = allow;
        return this;
    }

    /**
     * Shuffle the hosts (default true).
     *
     * @param randomize false to try the hosts in the order given
     * @return this builder
     */
    public KazooClientBuilder randomizeHosts(boolean randomize) {
        this.randomizeHosts = randomize;
        return this;
    }

    /**
     * Pacing of reconnects after a whole cycle of hosts failed: delay, backoff, jitter, max delay;
     * {@code maxTries} counts cycles (-1 for ever, the default).
     *
     * @param retry the reconnect policy
     * @return this builder
     */
    public KazooClientBuilder connectionRetry(KazooRetry retry) {
        this.connectionRetry = Objects.requireNonNull(retry, "connectionRetry");
        return this;
    }

    /**
     * The policy of {@link KazooClient#retry}; default retries for ever.
     *
     * @param retry the policy
     * @return this builder
     */
    public KazooClientBuilder commandRetry(KazooRetry retry) {
        this.commandRetry = Objects.requireNonNull(retry, "commandRetry");
        return this;
    }

    /**
     * Requests sent and not yet answered, at most (default 512, below the server's 1000).
     *
     * @param max at least 1
     * @return this builder
     */
    public KazooClientBuilder maxInFlight(int max) {
        this.maxInFlight = atLeastOne(max, "maxInFlight");
        return this;
    }

    /**
     * How long, at most, the client lets replies gather on the socket before it reads them, while
     * at least 64 requests are outstanding and reads carry few replies each (default 1 ms). After
     * such a read it stops reading for this window or an eighth of the measured round trip,
     * whichever is shorter, so one wake-up of the I/O and callback threads serves many replies:
     * far less client CPU per request when the server answers one request at a time, as
     * ZooKeeper's default connection layer does. A server that already sends its replies in
     * batches is read as they come. Below 64 outstanding, and with {@link Duration#ZERO}, every
     * reply is read as soon as it arrives. Requests are never held back by it: callbacks' new
     * requests still go out at once.
     *
     * @param window the longest pause; {@link Duration#ZERO} for none
     * @return this builder
     */
    public KazooClientBuilder replyBatchWindow(Duration window) {
        Objects.requireNonNull(window, "replyBatchWindow");
        if (window.isNegative() || window.compareTo(MAX_REPLY_BATCH_WINDOW) > 0) {
            throw new ConfigurationException("replyBatchWindow must be between zero and "
                    + MAX_REPLY_BATCH_WINDOW + ", not " + window);
        }
        this.replyBatchWindow = window;
        return this;
    }

    /**
     * Requests waiting to be sent, at most; past it requests fail fast (default 16384).
     *
     * @param max at least 1
     * @return this builder
     */
    public KazooClientBuilder maxQueuedRequests(int max) {
        this.maxQueuedRequests = atLeastOne(max, "maxQueuedRequests");
        return this;
    }

    /**
     * The largest reply frame accepted (default 2 MiB); a bigger one drops the connection.
     *
     * @param bytes the limit in bytes
     * @return this builder
     */
    public KazooClientBuilder maxFrameSize(int bytes) {
        this.maxFrameSize = atLeastOne(bytes, "maxFrameSize");
        return this;
    }

    /**
     * The largest request sent (default 1 MiB - 1, the server's jute.maxbuffer).
     *
     * @param bytes the limit in bytes
     * @return this builder
     */
    public KazooClientBuilder maxRequestSize(int bytes) {
        this.maxRequestSize = atLeastOne(bytes, "maxRequestSize");
        return this;
    }

    /**
     * Run on this event loop group (shared with other Netty users) instead of zk-async's shared one.
     *
     * @param group a group the application owns and shuts down
     * @return this builder
     */
    public KazooClientBuilder eventLoopGroup(EventLoopGroup group) {
        this.eventLoopGroup = Objects.requireNonNull(group, "eventLoopGroup");
        return this;
    }

    /**
     * Resume this session instead of creating one.
     *
     * @param id the session id and password of a live session
     * @return this builder
     */
    public KazooClientBuilder clientId(ClientId id) {
        this.clientId = id;
        return this;
    }

    /**
     * How long stop() waits for the server to confirm the close (default 5 s).
     *
     * @param timeout how long to wait
     * @return this builder
     */
    public KazooClientBuilder closeTimeout(Duration timeout) {
        this.closeTimeout = positive(timeout, "closeTimeout");
        return this;
    }

    /**
     * Sees every request from submission to completion, for metrics or tracing (the Spring Boot
     * starter plugs Micrometer in here). None by default, and then requests pay nothing for it.
     *
     * @param observer the observer, or null for none
     * @return this builder
     */
    public KazooClientBuilder requestObserver(RequestObserver observer) {
        this.requestObserver = observer;
        return this;
    }

    /**
     * Connects over TLS (the servers' {@code secureClientPort}); four-letter words use TLS too.
     *
     * @param config the TLS settings
     * @return this builder
     */
    public KazooClientBuilder tls(TlsConfig config) {
        this.tls = config;
        return this;
    }

    /**
     * Authenticates every connection with SASL (DIGEST-MD5 or GSSAPI) before anything else is sent.
     *
     * @param config the SASL settings
     * @return this builder
     */
    public KazooClientBuilder sasl(SaslConfig config) {
        this.sasl = config;
        return this;
    }

    /** {@return a new client, not started yet; see {@link KazooClient#start()}} */
    public KazooClient build() {
        ConnectString parsed = ConnectString.parse(hosts);
        Handler h = handler != null ? handler : new SequentialThreadingHandler();
        ReconnectPolicy reconnect = connectionRetry == DEFAULT_CONNECTION_RETRY ? DEFAULT_RECONNECT
                : reconnectPolicy(connectionRetry);
        SessionConfig config = new SessionConfig(parsed.hosts(), parsed.chroot(), randomizeHosts, sessionTimeout,
                connectionTimeout, requestTimeout, readOnly, maxInFlight, maxQueuedRequests, maxFrameSize,
                maxRequestSize, authData, clientId, h, reconnect, closeTimeout, requestObserver, tls, sasl,
                replyBatchWindow);
        ClientSettings settings = new ClientSettings(sessionTimeout, connectionTimeout, requestTimeout, closeTimeout,
                readOnly, randomizeHosts, connectionRetry, commandRetry, maxInFlight, maxQueuedRequests, maxFrameSize,
                maxRequestSize, replyBatchWindow, authData.stream().map(AuthInfo::scheme).toList(), requestObserver,
                tls, sasl);
        Transport transport = eventLoopGroup != null ? Transport.of(eventLoopGroup) : Transport.acquireShared();
        return new KazooClient(new Session(config, transport), parsed, defaultAcl, settings, null);
    }

    private static ReconnectPolicy reconnectPolicy(KazooRetry retry) {
        return new ReconnectPolicy(retry.delay(), retry.backoff(), retry.maxDelay(), retry.maxJitter(), retry.maxTries());
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new ConfigurationException(name + " must be positive, not " + d);
        }
        return d;
    }

    private static int atLeastOne(int value, String name) {
        if (value < 1) {
            throw new ConfigurationException(name + " must be at least 1, not " + value);
        }
        return value;
    }
}
