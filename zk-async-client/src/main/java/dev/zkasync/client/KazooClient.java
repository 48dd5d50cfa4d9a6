package dev.zkasync.client;

import dev.zkasync.client.connect.ConnectString;
import dev.zkasync.client.connect.HostAndPort;
import dev.zkasync.client.data.ClientInfo;
import dev.zkasync.client.data.CreatedNode;
import dev.zkasync.client.data.NodeAcls;
import dev.zkasync.client.data.NodeChildren;
import dev.zkasync.client.data.NodeData;
import dev.zkasync.client.data.ServerVersion;
import dev.zkasync.client.data.Stat;
import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.handler.DefaultAsyncResult;
import dev.zkasync.client.path.ZkPaths;
import dev.zkasync.client.retry.AsyncRetry;
import dev.zkasync.client.retry.KazooRetry;
import dev.zkasync.client.state.ClientId;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.client.state.KazooStateListener;
import dev.zkasync.client.state.KeeperState;
import dev.zkasync.client.state.StartEvent;
import dev.zkasync.client.watch.AddWatchMode;
import dev.zkasync.client.watch.EventType;
import dev.zkasync.client.watch.WatchCounts;
import dev.zkasync.client.watch.Watcher;
import dev.zkasync.client.watch.WatcherType;

import dev.zkasync.client.acl.ACL;
import dev.zkasync.client.exception.AuthFailedException;
import dev.zkasync.client.exception.ConfigurationException;
import dev.zkasync.client.exception.KazooException;
import dev.zkasync.client.exception.KazooTimeoutException;
import dev.zkasync.client.exception.TlsException;
import dev.zkasync.client.exception.NoNodeException;
import dev.zkasync.client.exception.NodeExistsException;
import dev.zkasync.client.handler.Handler;
import dev.zkasync.client.metrics.ClientStats;
import dev.zkasync.client.protocol.AddWatch;
import dev.zkasync.client.protocol.CheckWatches;
import dev.zkasync.client.protocol.Create;
import dev.zkasync.client.protocol.Delete;
import dev.zkasync.client.protocol.Exists;
import dev.zkasync.client.protocol.GetAcl;
import dev.zkasync.client.protocol.GetAllChildrenNumber;
import dev.zkasync.client.protocol.GetChildren;
import dev.zkasync.client.protocol.GetData;
import dev.zkasync.client.protocol.GetEphemerals;
import dev.zkasync.client.protocol.Multi;
import dev.zkasync.client.protocol.MultiRead;
import dev.zkasync.client.protocol.Reconfig;
import dev.zkasync.client.protocol.ReplyDecoder;
import dev.zkasync.client.protocol.SetAcl;
import dev.zkasync.client.protocol.SetAuth;
import dev.zkasync.client.protocol.SetData;
import dev.zkasync.client.protocol.Sync;
import dev.zkasync.client.protocol.WhoAmI;
import dev.zkasync.client.session.AuthInfo;
import dev.zkasync.client.session.FourLetterWords;
import dev.zkasync.client.session.Operation;
import dev.zkasync.client.session.Session;
import dev.zkasync.client.session.WatchKind;
import io.netty.buffer.ByteBuf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * A ZooKeeper client in the style of Kazoo: one session that survives connection loss, every
 * operation in a blocking form and an {@code ...Async} form returning an {@link AsyncResult}.
 *
 * <pre>{@code
 * KazooClient zk = KazooClient.builder().hosts("127.0.0.1:2181").build();
 * zk.startAsync().await(Duration.ofSeconds(30));
 * if (!zk.connected()) {
 *     zk.stop();
 *     throw new IllegalStateException("Unable to connect.");
 * }
 * zk.getChildrenAsync("/some/node").rawlink(result -> {
 *     try {
 *         List<String> children = result.get();
 *     } catch (ConnectionLossException | NoAuthException e) {
 *         // handle
 *     }
 * });
 * }</pre>
 *
 * <p>Paths are absolute, validated as ZooKeeper validates them before anything is sent, and relative
 * to the chroot given in the hosts string ({@code "h1:2181,h2:2181/app"}). The blocking forms are
 * {@code ...Async(...).get()}. Invalid arguments (a bad path, data over the server's limit) throw at
 * once from both forms; everything that happens later (a missing node, a lost connection, a stopped
 * client) completes the result with the matching {@link KazooException}.
 *
 * <p>Callbacks, watches and state listeners run on the client's {@link Handler}, one at a time and in
 * the order they happened, never on the I/O thread.
 */
public final class KazooClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KazooClient.class);
    private static final byte[] EMPTY = new byte[0];

    private final Session session;
    private final ConnectString connectString;
    private final List<ACL> defaultAcl;
    private final KazooRetry commandRetry;
    private final Duration requestTimeout;
    private final ClientSettings settings;
    private final TreeWalks walks = new TreeWalks(this);

    /** For {@link KazooClientBuilder#build()}; {@code requestTimeout} is a view's own deadline, else null. */
    KazooClient(Session session, ConnectString connectString, List<ACL> defaultAcl, ClientSettings settings,
                Duration requestTimeout) {
        this.session = session;
        this.connectString = connectString;
        this.defaultAcl = defaultAcl;
        this.commandRetry = settings.commandRetry();
        this.requestTimeout = requestTimeout;
        this.settings = settings;
    }

    /** {@return a builder with Kazoo's defaults: {@code 127.0.0.1:2181}, 10 s session timeout} */
    public static KazooClientBuilder builder() {
        return new KazooClientBuilder();
    }

    /**
     * {@return a view of this client whose requests have {@code timeout} as their deadline} It shares the
     * session, handler and listeners; stopping either stops both.
     *
     * @param timeout the deadline of the view's requests; must be positive
     */
    public KazooClient withRequestTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return new KazooClient(session, connectString, defaultAcl, settings, timeout);
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * Starts connecting and returns at once. The returned event is set when the client is
     * connected; wait on it with {@link StartEvent#await(Duration)}, then check {@link #connected()}.
     *
     * @return the start event
     */
    public StartEvent startAsync() {
        return session.startAsync();
    }

    /**
     * Starts and waits up to {@code timeout} for a connection.
     *
     * @param timeout how long to wait for the connection
     * @throws KazooTimeoutException if no connection came in time (the client is stopped again)
     * @throws AuthFailedException   if the server refused the client's credentials
     * @throws TlsException          if, before any session, every server refused TLS (certificate, host
     *                               name): at once, without waiting out the timeout
     */
    public void start(Duration timeout) {
        long begin = System.nanoTime();
        StartEvent event = startAsync();
        if (!event.await(timeout)) {
            boolean timedOut = System.nanoTime() - begin >= timeout.toNanos();
            KeeperState state = session.keeperState();
            stop();
            if (state == KeeperState.AUTH_FAILED) {
                throw new AuthFailedException(null, "the server refused the client's credentials", null);
            }
            Throwable last = session.lastFailure();
            if (!timedOut && last instanceof TlsException tls) {
                throw new TlsException(tls.server(), tls.reason(), tls); // every server refused TLS
            }
            throw new KazooTimeoutException("Connection time-out: no session with " + connectString.hosts()
                    + " within " + timeout + (last == null ? "" : "; last failure: " + messageOf(last)), last);
        }
        if (!connectString.chroot().isEmpty()) {
            existsAsync("/").rawlink(r -> {
                if (r.successful() && r.value() == null) {
                    log.warn("The chroot {} does not exist yet; create it with ensurePath(\"/\")",
                            connectString.chroot());
                }
            });
        }
    }

    /** {@link #start(Duration)} with Kazoo's 15 s. */
    public void start() {
        start(Duration.ofSeconds(15));
    }

    /**
     * Closes the session, so its ephemeral nodes go at once, and waits (boundedly) for it. Pending
     * and queued requests fail with {@code ConnectionClosedException}. The client can be started
     * again, with a new session.
     */
    public void stop() {
        session.stop();
    }

    /** {@link #stop()}, then {@link #start()}. */
    public void restart() {
        stop();
        start();
    }

    /** Stops, and releases the client's resources; it cannot be started again. */
    @Override
    public void close() {
        session.close();
    }

    /** {@return whether the client has a live session (read-write or read-only)} */
    public boolean connected() {
        return session.connected();
    }

    /** {@return the simplified state listeners see} */
    public KazooState state() {
        return session.kazooState();
    }

    /** {@return the raw session state} */
    public KeeperState clientState() {
        return session.keeperState();
    }

    /** {@return the session id and password while connected, else {@code null}} */
    public ClientId clientId() {
        return session.clientId();
    }

    /** {@return the newest zxid the client has seen in a reply} */
    public long lastZxid() {
        return session.lastZxid();
    }

    /** {@return the session timeout the server granted, in ms (0 before the first session)} */
    public int negotiatedSessionTimeout() {
        return session.negotiatedTimeout();
    }

    /** {@return the server of the current connection, as {@code host:port}, or {@code null}} */
    public String connectedServer() {
        return session.connectedServer();
    }

    /** {@return how long the client has been in its current {@link #clientState()}} */
    public Duration timeInState() {
        return session.timeInState();
    }

    /**
     * Adds a state listener (once, however often it is added).
     *
     * @param listener the listener
     */
    public void addListener(KazooStateListener listener) {
        session.addListener(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Removes a state listener; one that is not registered is ignored.
     *
     * @param listener the listener
     */
    public void removeListener(KazooStateListener listener) {
        session.removeListener(listener);
    }

    /** {@return the handler callbacks run on} */
    public Handler handler() {
        return session.handler();
    }

    /** {@return the chroot, or {@code ""}} */
    public String chroot() {
        return connectString.chroot();
    }

    /** {@return the configured servers} */
    public List<HostAndPort> hosts() {
        return connectString.hosts();
    }

    /**
     * {@return the deadline of this client's requests: the builder's {@code requestTimeout}, or the one this
     * view was made with by {@link #withRequestTimeout}} Recipes bound their own work by it too.
     */
    public Duration requestTimeout() {
        return requestTimeout != null ? requestTimeout : session.config().requestTimeout();
    }

    /** {@return the default ACL of creates} */
    public List<ACL> defaultAcl() {
        return defaultAcl;
    }

    /** {@return the connection's counters and gauges (in-flight, queued, reconnects, bytes...), read without I/O} */
    public ClientStats stats() {
        return session.stats();
    }

    /**
     * {@return the watchers this client holds, by kind} Counted on the client's event loop: for diagnostics
     * (an actuator endpoint, a test), not for every request.
     */
    public WatchCounts watchCounts() {
        return session.watchCounts();
    }

    /** {@return what this client was built with: timeouts, limits, retry policies, observer, TLS and SASL} */
    public ClientSettings settings() {
        return settings;
    }

    /** {@return whether {@link #close()} was called: the client cannot be started again} */
    public boolean isClosed() {
        return session.isClosed();
    }

    /**
     * {@return why the last connection attempt or connection failed (its cause's message), or {@code null} if
     * none has failed yet} It is kept after a later success, for diagnostics.
     */
    public String lastConnectionFailure() {
        Throwable last = session.lastFailure();
        return last == null ? null : messageOf(last);
    }

    private static String messageOf(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    // ------------------------------------------------------------------ create

    /**
     * Creates a persistent node with empty data.
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @return the created node's path
     */
    public String create(String path) {
        return createAsync(path, EMPTY, CreateOptions.DEFAULT).get();
    }

    /**
     * Creates a persistent node.
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param data the data, or null for none
     * @return the created node's path
     */
    public String create(String path, byte[] data) {
        return createAsync(path, data, CreateOptions.DEFAULT).get();
    }

    /**
     * Creates a node; returns its actual path (with the sequence suffix if sequential).
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param data the data, or null for none
     * @param options mode, ACL, TTL, sequence and parent creation
     * @return the created node's path
     */
    public String create(String path, byte[] data, CreateOptions options) {
        return createAsync(path, data, options).get();
    }

    /**
     * {@link #create(String, byte[])} without blocking.
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param data the data, or null for none
     * @return the created node's path, when the server has answered
     */
    public AsyncResult<String> createAsync(String path, byte[] data) {
        return createAsync(path, data, CreateOptions.DEFAULT);
    }

    /**
     * {@link #create(String, byte[], CreateOptions)} without blocking.
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param data the data, or null for none
     * @param options mode, ACL, TTL, sequence and parent creation
     * @return the created node's actual path, when the server has answered
     */
    public AsyncResult<String> createAsync(String path, byte[] data, CreateOptions options) {
        return createNode(path, data, options, false);
    }

    /**
     * Creates a node and returns its path and stat (Kazoo's {@code include_data=True}).
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param data the data, or null for none
     * @param options mode, ACL, TTL, sequence and parent creation
     * @return the created node's actual path and stat
     */
    public CreatedNode createWithStat(String path, byte[] data, CreateOptions options) {
        return createWithStatAsync(path, data, options).get();
    }

    /**
     * {@link #createWithStat} without blocking.
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param data the data, or null for none
     * @param options mode, ACL, TTL, sequence and parent creation
     * @return the created node's actual path and stat, when the server has answered
     */
    public AsyncResult<CreatedNode> createWithStatAsync(String path, byte[] data, CreateOptions options) {
        return createNode(path, data, options, true);
    }

    private <T> DefaultAsyncResult<T> createNode(String path, byte[] data, CreateOptions options, boolean withStat) {
        Objects.requireNonNull(options, "options");
        if (options.isSequence()) {
            ZkPaths.validateSequential(path);
        } else {
            ZkPaths.validate(path);
        }
        List<ACL> acl = options.acl() != null ? options.acl() : defaultAcl;
        String serverPath = Arguments.writable(path, ZkPaths.prefixChroot(chroot(), path, options.isSequence()));
        DefaultAsyncResult<T> first = sendCreate(path, serverPath, data, acl, options, withStat);
        if (!options.isMakepath()) {
            return first;
        }
        DefaultAsyncResult<T> out = newResult();
        first.onComplete((value, error) -> {
            if (!(error instanceof NoNodeException)) {
                relay(first, out);
                return;
            }
            walks.ensure(TreeWalks.parentOf(serverPath), acl).onComplete((ignored, parentError) -> {
                if (parentError != null && !(parentError instanceof NodeExistsException)) {
                    out.setException(parentError);
                } else {
                    relay(sendCreate(path, serverPath, data, acl, options, withStat), out);
                }
            });
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    <T> DefaultAsyncResult<T> sendCreate(String path, String serverPath, byte[] data, List<ACL> acl,
                                                 CreateOptions options, boolean withStat) {
        int flags = options.flags();
        ReplyDecoder<?> decoder = withStat ? Create.WITH_STAT : Create.DECODER;
        ByteBuf frame = Create.encode(session.alloc(), serverPath, data, acl, flags, options.ttlMillis(), withStat);
        return send("create", Create.opCode(flags, withStat), path, serverPath, frame, (ReplyDecoder<T>) decoder, null, null,
                data == null ? 0 : data.length);
    }

    /**
     * Makes sure {@code path} and all its parents exist, creating missing ones as empty persistent
     * nodes with the default ACL. Returns {@code path}.
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @return {@code path}
     */
    public String ensurePath(String path) {
        return ensurePathAsync(path, null).get();
    }

    /**
     * {@link #ensurePath(String)}, creating missing nodes with {@code acl}.
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param acl the nodes' ACL; null or empty for the default ACL
     * @return {@code path}
     */
    public String ensurePath(String path, List<ACL> acl) {
        return ensurePathAsync(path, acl).get();
    }

    /**
     * {@link #ensurePath(String)} without blocking.
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @return {@code path}, once it exists
     */
    public AsyncResult<String> ensurePathAsync(String path) {
        return ensurePathAsync(path, null);
    }

    /**
     * Async {@link #ensurePath}: never blocks a thread while walking up and down the tree.
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param acl the nodes' ACL; null or empty for the default ACL
     * @return {@code path}, once it exists
     */
    public AsyncResult<String> ensurePathAsync(String path, List<ACL> acl) {
        ZkPaths.validate(path);
        List<ACL> effective = acl == null || acl.isEmpty() ? defaultAcl : acl;
        DefaultAsyncResult<String> out = newResult();
        walks.ensure(ZkPaths.prefixChroot(chroot(), path), effective).onComplete((v, e) -> {
            if (e == null || e instanceof NodeExistsException) {
                out.set(path);
            } else {
                out.setException(e);
            }
        });
        return out;
    }

    // ------------------------------------------------------------------ read

    /**
     * {@return the node's stat, or {@code null} if it does not exist}
     *
     * @param path the node's absolute path (below the chroot, if any)
     */
    public Stat exists(String path) {
        return existsAsync(path, null).get();
    }

    /**
     * {@return the node's stat or {@code null}; {@code watch} (may be null) fires once when the node is
     * created, changed or deleted (registered even when the node is absent)}
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param watch fires once on the node's next change, or null for no watch
     */
    public Stat exists(String path, Watcher watch) {
        return existsAsync(path, watch).get();
    }

    /**
     * {@link #exists(String)} without blocking.
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @return the node's stat, or null if it does not exist
     */
    public AsyncResult<Stat> existsAsync(String path) {
        return existsAsync(path, null);
    }

    /**
     * {@link #exists(String, Watcher)} without blocking.
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param watch fires once on the node's next change, or null for no watch
     * @return the node's stat, or null if it does not exist
     */
    public AsyncResult<Stat> existsAsync(String path, Watcher watch) {
        return sendExists(path, serverPath(path), watch);
    }

    DefaultAsyncResult<Stat> sendExists(String path, String serverPath, Watcher watch) {
        ByteBuf frame = Exists.encode(session.alloc(), serverPath, watch != null);
        return send("exists", Exists.OP_CODE, path, serverPath, frame, Exists.DECODER, WatchKind.EXISTS, watch, 0);
    }

    /**
     * {@return the node's data and stat}
     *
     * @param path the node's absolute path (below the chroot, if any)
     */
    public NodeData get(String path) {
        return getAsync(path, null).get();
    }

    /**
     * {@return the node's data and stat; {@code watch} (may be null) fires once when it changes or is deleted}
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param watch fires once on the node's next change, or null for no watch
     */
    public NodeData get(String path, Watcher watch) {
        return getAsync(path, watch).get();
    }

    /**
     * {@link #get(String)} without blocking.
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @return the node's data and stat; fails with {@code NoNodeException} if there is no node
     */
    public AsyncResult<NodeData> getAsync(String path) {
        return getAsync(path, null);
    }

    /**
     * {@link #get(String, Watcher)} without blocking.
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param watch fires once on the node's next change, or null for no watch
     * @return the node's data and stat; fails with {@code NoNodeException} if there is no node
     */
    public AsyncResult<NodeData> getAsync(String path, Watcher watch) {
        String serverPath = serverPath(path);
        ByteBuf frame = GetData.encode(session.alloc(), serverPath, watch != null);
        return send("get", GetData.OP_CODE, path, serverPath, frame, GetData.DECODER, WatchKind.DATA, watch, 0);
    }

    /**
     * {@return the names of the node's children, in no particular order}
     *
     * @param path the node's absolute path (below the chroot, if any)
     */
    public List<String> getChildren(String path) {
        return getChildrenAsync(path, null).get();
    }

    /**
     * {@return the children; {@code watch} (may be null) fires once when a child is added or removed}
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param watch fires once on the node's next change, or null for no watch
     */
    public List<String> getChildren(String path, Watcher watch) {
        return getChildrenAsync(path, watch).get();
    }

    /**
     * {@link #getChildren(String)} without blocking.
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @return the children's names
     */
    public AsyncResult<List<String>> getChildrenAsync(String path) {
        return getChildrenAsync(path, null);
    }

    /**
     * The children, asynchronously; {@code watch} (may be null) fires once when a child is added or
     * removed. Sent as a getChildren2 request (observed as {@code get_children2}): the server keeps
     * those replies serialized in its response cache, so a large, unchanged child list is not
     * rebuilt for every read. The stat in the reply is dropped.
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param watch fires once on the node's next change, or null for no watch
     * @return the children's names
     */
    public AsyncResult<List<String>> getChildrenAsync(String path, Watcher watch) {
        return sendGetChildren(path, serverPath(path), watch);
    }

    DefaultAsyncResult<List<String>> sendGetChildren(String path, String serverPath, Watcher watch) {
        ByteBuf frame = GetChildren.encode(session.alloc(), serverPath, watch != null);
        return send("get_children", GetChildren.OP_CODE, path, serverPath, frame, GetChildren.DECODER, WatchKind.CHILD, watch, 0);
    }

    /**
     * {@return the children and the node's stat (Kazoo's {@code include_data=True})}
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param watch fires once on the node's next change, or null for no watch
     */
    public NodeChildren getChildrenWithStat(String path, Watcher watch) {
        return getChildrenWithStatAsync(path, watch).get();
    }

    /**
     * {@link #getChildrenWithStat} without blocking.
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param watch fires once on the node's next change, or null for no watch
     * @return the children's names and the node's stat
     */
    public AsyncResult<NodeChildren> getChildrenWithStatAsync(String path, Watcher watch) {
        String serverPath = serverPath(path);
        ByteBuf frame = GetChildren.encode(session.alloc(), serverPath, watch != null);
        return send("get_children", GetChildren.OP_CODE, path, serverPath, frame, GetChildren.WITH_STAT, WatchKind.CHILD, watch, 0);
    }

    /**
     * {@return the node's ACL and stat}
     *
     * @param path the node's absolute path (below the chroot, if any)
     */
    public NodeAcls getAcls(String path) {
        return getAclsAsync(path).get();
    }

    /**
     * {@link #getAcls(String)} without blocking.
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @return the node's ACL and stat
     */
    public AsyncResult<NodeAcls> getAclsAsync(String path) {
        String serverPath = serverPath(path);
        return send("get_acls", GetAcl.OP_CODE, path, serverPath, GetAcl.encode(session.alloc(), serverPath), GetAcl.DECODER, null,
                null, 0);
    }

    // ------------------------------------------------------------------ persistent watches

    /**
     * Adds a persistent watch (ZooKeeper 3.6+): it stays registered and fires for every change
     * ({@link AddWatchMode#PERSISTENT}: the node itself; {@link AddWatchMode#PERSISTENT_RECURSIVE}:
     * the node and all descendants, without child events). It survives reconnects; after a session
     * expiry it is re-added on the new session and then gets one {@link EventType#NONE} event,
     * since changes may have been missed meanwhile.
     *
     * <p>Servers before 3.9 have persistent watches but no persistent WatcherType to remove or check
     * them by: removing one there removes it in the client only; the server keeps it until the
     * session ends and the client drops its events.
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param mode {@link AddWatchMode#PERSISTENT} or {@link AddWatchMode#PERSISTENT_RECURSIVE}
     * @param watcher the watcher
     */
    public void addWatch(String path, AddWatchMode mode, Watcher watcher) {
        addWatchAsync(path, mode, watcher).get();
    }

    /**
     * {@link #addWatch} without blocking.
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param mode {@link AddWatchMode#PERSISTENT} or {@link AddWatchMode#PERSISTENT_RECURSIVE}
     * @param watcher the watcher
     * @return completes when the server has registered the watch
     */
    public AsyncResult<Void> addWatchAsync(String path, AddWatchMode mode, Watcher watcher) {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(watcher, "watcher");
        String serverPath = serverPath(path);
        ByteBuf frame = AddWatch.encode(session.alloc(), serverPath, mode.wireValue());
        WatchKind kind = mode == AddWatchMode.PERSISTENT ? WatchKind.PERSISTENT : WatchKind.PERSISTENT_RECURSIVE;
        return send("add_watch", AddWatch.OP_CODE, path, serverPath, frame, AddWatch.DECODER, kind, watcher, 0);
    }

    /**
     * Removes one watcher of {@code type} on {@code path}. It gets a *_WATCH_REMOVED event. The
     * server's watch goes only when no other local watcher of that type is left on the path.
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param watcher the watcher
     * @param type which kind of watch
     * @throws dev.zkasync.client.exception.NoWatcherException if the watcher is not registered there
     */
    public void removeWatches(String path, Watcher watcher, WatcherType type) {
        removeWatchesAsync(path, watcher, type).get();
    }

    /**
     * {@link #removeWatches} without blocking.
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param watcher the watcher
     * @param type which kind of watch
     * @return completes when the watcher is removed; fails with {@code NoWatcherException} if it is not registered
     */
    public AsyncResult<Void> removeWatchesAsync(String path, Watcher watcher, WatcherType type) {
        Objects.requireNonNull(watcher, "watcher");
        return removeWatchesInternal(path, watcher, type);
    }

    /**
     * Removes every watcher of {@code type} on {@code path}, here and on the server.
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param type which kind of watch
     */
    public void removeAllWatches(String path, WatcherType type) {
        removeAllWatchesAsync(path, type).get();
    }

    /**
     * {@link #removeAllWatches} without blocking.
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param type which kind of watch
     * @return completes when the watchers are removed
     */
    public AsyncResult<Void> removeAllWatchesAsync(String path, WatcherType type) {
        return removeWatchesInternal(path, null, type);
    }

    private AsyncResult<Void> removeWatchesInternal(String path, Watcher watcher, WatcherType type) {
        Objects.requireNonNull(type, "type");
        String serverPath = serverPath(path);
        DefaultAsyncResult<Void> result = newResult();
        session.removeWatches(path, serverPath, watcher, type, result);
        return result;
    }

    /**
     * Asks the server whether this session has a watch of {@code type} on {@code path}.
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param type which kind of watch
     * @throws dev.zkasync.client.exception.NoWatcherException if it has none
     * @throws dev.zkasync.client.exception.UnimplementedException for a persistent type on a server
     *         before 3.9, which knows no such type
     */
    public void checkWatches(String path, WatcherType type) {
        checkWatchesAsync(path, type).get();
    }

    /**
     * {@link #checkWatches} without blocking.
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param type which kind of watch
     * @return completes if the watch exists; fails with {@code NoWatcherException} if not
     */
    public AsyncResult<Void> checkWatchesAsync(String path, WatcherType type) {
        Objects.requireNonNull(type, "type");
        String serverPath = serverPath(path);
        ByteBuf frame = CheckWatches.encode(session.alloc(), serverPath, type.wireValue());
        ReplyDecoder<Void> decoder = type == WatcherType.PERSISTENT || type == WatcherType.PERSISTENT_RECURSIVE
                ? CheckWatches.PERSISTENT_TYPE : CheckWatches.DECODER;
        return send("check_watches", CheckWatches.OP_CODE, path, serverPath, frame, decoder, null, null, 0);
    }

    // ------------------------------------------------------------------ write

    /**
     * Sets the node's data whatever its version; returns the new stat.
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param data the data, or null for none
     * @return the node's new stat
     */
    public Stat set(String path, byte[] data) {
        return setAsync(path, data, -1).get();
    }

    /**
     * Sets the node's data if its version is {@code version} (-1 for any).
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param data the data, or null for none
     * @param version the version the node must have, or -1 for any
     * @return the node's new stat
     */
    public Stat set(String path, byte[] data, int version) {
        return setAsync(path, data, version).get();
    }

    /**
     * {@link #set(String, byte[])} without blocking.
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param data the data, or null for none
     * @return the node's new stat
     */
    public AsyncResult<Stat> setAsync(String path, byte[] data) {
        return setAsync(path, data, -1);
    }

    /**
     * {@link #set(String, byte[], int)} without blocking.
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param data the data, or null for none
     * @param version the version the node must have, or -1 for any
     * @return the node's new stat; fails with {@code BadVersionException} on a version mismatch
     */
    public AsyncResult<Stat> setAsync(String path, byte[] data, int version) {
        String serverPath = Arguments.writable(path, serverPath(path));
        ByteBuf frame = SetData.encode(session.alloc(), serverPath, data, Arguments.version(path, version));
        return send("set", SetData.OP_CODE, path, serverPath, frame, SetData.DECODER, null, null,
                data == null ? 0 : data.length);
    }

    /**
     * Sets the node's ACL if its ACL version is {@code version} (-1 for any).
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param acls the new ACL
     * @param version the version the node must have, or -1 for any
     * @return the node's new stat
     */
    public Stat setAcls(String path, List<ACL> acls, int version) {
        return setAclsAsync(path, acls, version).get();
    }

    /**
     * {@link #setAcls} without blocking.
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param acls the new ACL
     * @param version the version the node must have, or -1 for any
     * @return the node's new stat
     */
    public AsyncResult<Stat> setAclsAsync(String path, List<ACL> acls, int version) {
        String serverPath = Arguments.writable(path, serverPath(path));
        ByteBuf frame = SetAcl.encode(session.alloc(), serverPath, Arguments.acls(path, acls),
                Arguments.version(path, version));
        return send("set_acls", SetAcl.OP_CODE, path, serverPath, frame, SetAcl.DECODER, null, null, 0);
    }

    /**
     * Deletes the node whatever its version.
     *
     * @param path the node's absolute path (below the chroot, if any)
     */
    public void delete(String path) {
        deleteAsync(path, -1, false).get();
    }

    /**
     * Deletes the node if its version is {@code version} (-1 for any).
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param version the version the node must have, or -1 for any
     */
    public void delete(String path, int version) {
        deleteAsync(path, version, false).get();
    }

    /**
     * Deletes the node; with {@code recursive}, its descendants first (not atomic; nodes that vanish
     * meanwhile are fine, a missing node is not an error, and {@code version} applies to the node
     * itself).
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param version the version the node must have, or -1 for any
     * @param recursive whether to delete the node's descendants first
     */
    public void delete(String path, int version, boolean recursive) {
        deleteAsync(path, version, recursive).get();
    }

    /**
     * {@link #delete(String)} without blocking.
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @return completes when the node is deleted
     */
    public AsyncResult<Void> deleteAsync(String path) {
        return deleteAsync(path, -1, false);
    }

    /**
     * {@link #delete(String, int)} without blocking.
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param version the version the node must have, or -1 for any
     * @return completes when the node is deleted
     */
    public AsyncResult<Void> deleteAsync(String path, int version) {
        return deleteAsync(path, version, false);
    }

    /**
     * Async {@link #delete(String, int, boolean)}: a recursive delete walks the tree without blocking a thread.
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param version the version the node must have, or -1 for any
     * @param recursive whether to delete the node's descendants first
     * @return completes when the node (and with {@code recursive} its descendants) is deleted
     */
    public AsyncResult<Void> deleteAsync(String path, int version, boolean recursive) {
        String serverPath = Arguments.writable(path, serverPath(path));
        Arguments.version(path, version);
        if (!recursive) {
            return sendDelete(path, serverPath, version);
        }
        return walks.deleteRecursive(serverPath, version);
    }

    DefaultAsyncResult<Void> sendDelete(String path, String serverPath, int version) {
        ByteBuf frame = Delete.encode(session.alloc(), serverPath, version);
        return send("delete", Delete.OP_CODE, path, serverPath, frame, Delete.DECODER, null, null, 0);
    }

    /**
     * Makes this server catch up with the leader for {@code path}; returns the path.
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @return {@code path}
     */
    public String sync(String path) {
        return syncAsync(path).get();
    }

    /**
     * {@link #sync(String)} without blocking.
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @return {@code path}, once the server has caught up
     */
    public AsyncResult<String> syncAsync(String path) {
        String serverPath = serverPath(path);
        return send("sync", Sync.OP_CODE, path, serverPath, Sync.encode(session.alloc(), serverPath), Sync.DECODER, null, null,
                0);
    }

    // ------------------------------------------------------------------ transactions

    /** {@return a new transaction: operations added to it are committed atomically by one multi request} */
    public Transaction transaction() {
        return new Transaction(this);
    }

    /**
     * Runs {@code body} on a new transaction and commits it only if {@code body} returns normally
     * (Kazoo's {@code with client.transaction()}); returns the results as {@link Transaction#commit()}.
     *
     * @param body adds operations to the transaction
     * @return each operation's result, in order
     */
    public List<Object> inTransaction(java.util.function.Consumer<Transaction> body) {
        Transaction tx = transaction();
        body.accept(tx);
        return tx.commit();
    }

    /** Commits a transaction's operations, validated and chrooted by {@link Transaction}. */
    AsyncResult<List<Object>> multi(Multi ops) {
        return send("transaction", Multi.OP_CODE, null, null, ops.encode(session.alloc()), ops, null, null, ops.dataLength());
    }

    /**
     * Reads several nodes in one round trip (not atomically). Each entry of the result is the read's
     * value ({@link NodeData}, children, or a {@link Stat} / null for exists) or its exception.
     *
     * @param reads the reads, in order
     * @return per read, its value or its exception, in order
     */
    public List<Object> multiRead(List<ReadOp> reads) {
        return multiReadAsync(reads).get();
    }

    /**
     * {@link #multiRead(List)} without blocking.
     *
     * @param reads the reads, in order
     * @return per read, its value or its exception, in order
     */
    public AsyncResult<List<Object>> multiReadAsync(List<ReadOp> reads) {
        MultiRead ops = new MultiRead(reads.size());
        for (ReadOp r : reads) {
            String serverPath = ZkPaths.prefixChroot(chroot(), r.path()); // validated by ReadOp
            if (r.kind() == ReadOp.Kind.GET_CHILDREN) {
                ops.getChildren(serverPath);
            } else if (r.kind() == ReadOp.Kind.EXISTS) {
                ops.exists(serverPath);
            } else {
                ops.getData(serverPath);
            }
        }
        return send("multi_read", MultiRead.OP_CODE, null, null, ops.encode(session.alloc()), ops, null, null, 0);
    }

    // ------------------------------------------------------------------ admin

    /**
     * {@return the session's ephemeral nodes whose path starts with {@code prefix} (relative to the chroot,
     * "/" for all), as paths relative to the chroot} ZooKeeper 3.6+.
     *
     * @param prefix a path prefix, {@code "/"} for all
     */
    public List<String> getEphemerals(String prefix) {
        return getEphemeralsAsync(prefix).get();
    }

    /**
     * {@link #getEphemerals(String)} without blocking.
     *
     * @param prefix a path prefix, {@code "/"} for all
     * @return the matching ephemeral nodes' paths, relative to the chroot
     */
    public AsyncResult<List<String>> getEphemeralsAsync(String prefix) {
        String serverPrefix = serverPath(prefix);
        ByteBuf frame = GetEphemerals.encode(session.alloc(), serverPrefix);
        return send("get_ephemerals", GetEphemerals.OP_CODE, prefix, serverPrefix, frame, GetEphemerals.DECODER, null, null, 0);
    }

    /**
     * {@return the number of all descendants of {@code path} (children, grandchildren, ...)} ZooKeeper 3.6+.
     *
     * @param path the node's absolute path (below the chroot, if any)
     */
    public int getAllChildrenNumber(String path) {
        return getAllChildrenNumberAsync(path).get();
    }

    /**
     * {@link #getAllChildrenNumber(String)} without blocking.
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @return the number of descendants
     */
    public AsyncResult<Integer> getAllChildrenNumberAsync(String path) {
        String serverPath = serverPath(path);
        ByteBuf frame = GetAllChildrenNumber.encode(session.alloc(), serverPath);
        return send("get_all_children_number", GetAllChildrenNumber.OP_CODE, path, serverPath, frame, GetAllChildrenNumber.DECODER, null, null, 0);
    }

    /**
     * {@return the identities the server associates with this session} Served by ZooKeeper 3.7 and later
     * (3.7.2, 3.8.4, 3.9.x are tested); a 3.6 server answers {@link
     * dev.zkasync.client.exception.UnimplementedException}.
     */
    public List<ClientInfo> whoAmI() {
        return whoAmIAsync().get();
    }

    /**
     * {@link #whoAmI()} without blocking.
     *
     * @return the identities of this session
     */
    public AsyncResult<List<ClientInfo>> whoAmIAsync() {
        return send("who_am_i", WhoAmI.OP_CODE, null, null, WhoAmI.encode(session.alloc()), WhoAmI.DECODER, null, null, 0);
    }

    /**
     * Changes the ensemble (needs {@code reconfigEnabled} and a super user). {@code joining} and
     * {@code leaving} are incremental changes (comma-separated server specs and ids), {@code newMembers}
     * a whole new membership (non-incremental); pass null for what you do not use. {@code fromConfig}
     * is the config version to change (-1 for any). Returns the new configuration.
     *
     * @param joining servers to add, as {@code server.N=host:port:port[:role];clientPort}, comma-separated, or null
     * @param leaving server ids to remove, comma-separated, or null
     * @param newMembers the whole new membership, or null for an incremental change
     * @param fromConfig the configuration version to change, or -1 for any
     * @return the new configuration and its stat
     */
    public NodeData reconfig(String joining, String leaving, String newMembers, long fromConfig) {
        return reconfigAsync(joining, leaving, newMembers, fromConfig).get();
    }

    /**
     * {@link #reconfig} without blocking.
     *
     * @param joining servers to add, as {@code server.N=host:port:port[:role];clientPort}, comma-separated, or null
     * @param leaving server ids to remove, comma-separated, or null
     * @param newMembers the whole new membership, or null for an incremental change
     * @param fromConfig the configuration version to change, or -1 for any
     * @return the new configuration and its stat
     */
    public AsyncResult<NodeData> reconfigAsync(String joining, String leaving, String newMembers, long fromConfig) {
        ByteBuf frame = Reconfig.encode(session.alloc(), joining, leaving, newMembers, fromConfig);
        return send("reconfig", Reconfig.OP_CODE, null, null, frame, Reconfig.DECODER, null, null, 0);
    }

    /**
     * {@return the ensemble's configuration ({@code /zookeeper/config}, never under the chroot); watch may be null}
     *
     * @param watch fires once on the node's next change, or null for no watch
     */
    public NodeData getConfig(Watcher watch) {
        return getConfigAsync(watch).get();
    }

    /**
     * {@link #getConfig(Watcher)} without blocking.
     *
     * @param watch fires once on the node's next change, or null for no watch
     * @return the configuration and its stat
     */
    public AsyncResult<NodeData> getConfigAsync(Watcher watch) {
        String configPath = "/zookeeper/config";
        ByteBuf frame = GetData.encode(session.alloc(), configPath, watch != null);
        return send("get_config", GetData.OP_CODE, configPath, configPath, frame, GetData.DECODER, WatchKind.DATA, watch, 0);
    }

    /**
     * Sends a four-letter word ({@code ruok}, {@code srvr}, {@code mntr}, {@code envi}, ...) to the
     * server the client is connected to, over a connection of its own, and returns the answer.
     * The server must whitelist the word ({@code 4lw.commands.whitelist}).
     *
     * @param word the four-letter word
     * @return the server's answer
     * @throws dev.zkasync.client.exception.ConnectionLossException if not connected or the exchange fails
     */
    public String command(String word) {
        String server = session.connectedServer();
        if (server == null) {
            throw new dev.zkasync.client.exception.ConnectionLossException(null, "no connection to a server", null);
        }
        HostAndPort target = HostAndPort.parse(server);
        return FourLetterWords.send(session.config().tls(), target, word,
                session.config().sessionTimeout());
    }

    /**
     * {@link #command(String)} on a virtual thread.
     *
     * @param word the four-letter word
     * @return the server's answer
     */
    public AsyncResult<String> commandAsync(String word) {
        DefaultAsyncResult<String> out = newResult();
        Thread.ofVirtual().name("zk-async-4lw").start(() -> {
            try {
                out.set(command(word));
            } catch (RuntimeException e) {
                out.setException(e);
            }
        });
        return out;
    }

    /**
     * {@return the connected server's version, read with the {@code srvr} four-letter word (on ZooKeeper's
     * default {@code 4lw.commands.whitelist}), to decide before calling an operation a server may
     * lack: checking or removing persistent watches by type needs 3.9, {@code whoAmI} 3.7;
     * persistent watches, {@code getEphemerals} and {@code getAllChildrenNumber} need 3.6}
     */
    public ServerVersion serverVersion() {
        return ServerVersion.parse(command("srvr"));
    }

    /**
     * Uses these hosts for the next connection attempts (the current connection stays). The chroot
     * cannot change at run time.
     *
     * @param hosts the connect string; its chroot, if any, must be the current one
     * @throws ConfigurationException if {@code hosts} names another chroot, or cannot be parsed
     */
    public void setHosts(String hosts) {
        ConnectString parsed = ConnectString.parse(hosts);
        if (!parsed.chroot().equals(connectString.chroot())) {
            throw new ConfigurationException("Changing the chroot at run time is not supported (from \""
                    + connectString.chroot() + "\" to \"" + parsed.chroot() + "\")");
        }
        session.setHosts(parsed.hosts());
    }

    // ------------------------------------------------------------------ auth

    /**
     * Adds credentials to the session (e.g. {@code "digest", "user:password"}); they are replayed on
     * every reconnect. A refusal fails the session with {@link AuthFailedException}.
     *
     * @param scheme the authentication scheme, such as {@code digest}
     * @param credential the credential in that scheme's format
     * @return true once the server accepted the credentials
     */
    public boolean addAuth(String scheme, String credential) {
        return addAuthAsync(scheme, credential).get();
    }

    /**
     * {@link #addAuth(String, String)} without blocking.
     *
     * @param scheme the authentication scheme, such as {@code digest}
     * @param credential the credential in that scheme's format
     * @return true once the server accepted the credentials
     */
    public AsyncResult<Boolean> addAuthAsync(String scheme, String credential) {
        Objects.requireNonNull(credential, "credential");
        return addAuthAsync(scheme, credential.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@link #addAuthAsync(String, String)} with a binary credential.
     *
     * @param scheme the authentication scheme, such as {@code digest}
     * @param credential the credential in that scheme's format
     * @return true once the server accepted the credentials
     */
    public AsyncResult<Boolean> addAuthAsync(String scheme, byte[] credential) {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(credential, "credential");
        ByteBuf frame = SetAuth.encode(session.alloc(), scheme, credential);
        DefaultAsyncResult<Boolean> result = newResult();
        Operation<Boolean> op = new Operation<>("add_auth", SetAuth.OP_CODE, null, null, frame, SetAuth.DECODER,
                result, null, null, deadline());
        session.submit(op.attach(new AuthInfo(scheme, credential)), 0);
        return result;
    }

    // ------------------------------------------------------------------ retry

    /**
     * Runs {@code operation} under the client's command retry policy, blocking between attempts.
     *
     * @param <T> the operation's result type
     * @param operation the operation; a {@code KazooException} it throws that the policy deems transient is retried
     * @return the operation's result
     */
    public <T> T retry(Supplier<T> operation) {
        return commandRetry.call(operation);
    }

    /**
     * {@link #retry} without blocking any thread: attempts are scheduled on the client's timers.
     *
     * @param <T> the operation's result type
     * @param operation makes one attempt each time it is called
     * @return the first successful attempt's result, or the last failure
     */
    public <T> AsyncResult<T> retryAsync(Supplier<? extends AsyncResult<T>> operation) {
        return retryAsync(commandRetry, operation);
    }

    /**
     * {@link #retryAsync(Supplier)} with a policy of its own.
     *
     * @param <T> the operation's result type
     * @param policy the retry policy for this call
     * @param operation makes one attempt each time it is called
     * @return the first successful attempt's result, or the last failure
     */
    public <T> AsyncResult<T> retryAsync(KazooRetry policy, Supplier<? extends AsyncResult<T>> operation) {
        return AsyncRetry.run(session.handler(), this::schedule, policy.plan(), operation);
    }

    /**
     * Runs {@code task} on the client's handler after {@code delay}, never on its I/O thread: the
     * one timer of the client and its recipes (retries, timeouts, back-off). The task runs even when
     * the client has stopped meanwhile (then on a thread of its own, as late callbacks do).
     *
     * @param delay how long to wait first
     * @param task what to run
     * @return cancel it to drop the task if it has not run yet
     */
    public Future<?> schedule(Duration delay, Runnable task) {
        Objects.requireNonNull(task, "task");
        return session.schedule(task, Math.max(0, delay.toNanos()));
    }

    // ------------------------------------------------------------------ plumbing

    private String serverPath(String path) {
        ZkPaths.validate(path);
        return ZkPaths.prefixChroot(chroot(), path);
    }

    String unchroot(String serverPath) {
        return ZkPaths.stripChroot(chroot(), serverPath);
    }

    <T> DefaultAsyncResult<T> newResult() {
        return new DefaultAsyncResult<>(session.handler());
    }

    private long deadline() {
        return requestTimeout == null ? session.deadline() : session.deadline(requestTimeout);
    }

    /** Submits a request; {@code operation} is the API operation's name, as metrics tag it. */
    private <T> DefaultAsyncResult<T> send(String operation, int opCode, String path, String serverPath,
                                           ByteBuf frame, ReplyDecoder<T> decoder, WatchKind watchKind,
                                           Watcher watcher, int dataLength) {
        DefaultAsyncResult<T> result = newResult();
        session.submit(new Operation<>(operation, opCode, path, serverPath, frame, decoder, result, watchKind,
                watcher, deadline()), dataLength);
        return result;
    }

    private static <T> void relay(DefaultAsyncResult<T> from, DefaultAsyncResult<T> to) {
        from.onComplete((value, error) -> {
            if (error == null) {
                to.set(value);
            } else {
                to.setException(error);
            }
        });
    }

    @Override
    public String toString() {
        return "KazooClient[" + connectString + ", " + clientState() + "]";
    }
}
