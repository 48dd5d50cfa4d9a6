package dev.zkasync.client.session;

import dev.zkasync.client.connect.HostAndPort;
import dev.zkasync.client.exception.ConnectionClosedException;
import dev.zkasync.client.exception.ConnectionLossException;
import dev.zkasync.client.exception.ErrorCode;
import dev.zkasync.client.exception.KazooException;
import dev.zkasync.client.exception.NoWatcherException;
import dev.zkasync.client.exception.ProtocolException;
import dev.zkasync.client.exception.RequestQueueFullException;
import dev.zkasync.client.exception.RequestTooLargeException;
import dev.zkasync.client.exception.SessionExpiredException;
import dev.zkasync.client.handler.DefaultAsyncResult;
import dev.zkasync.client.handler.Handler;
import dev.zkasync.client.metrics.ClientStats;
import dev.zkasync.client.metrics.RequestObserver;
import dev.zkasync.client.protocol.CloseSession;
import dev.zkasync.client.protocol.Frames;
import dev.zkasync.client.protocol.Jute;
import dev.zkasync.client.protocol.MalformedFrameException;
import dev.zkasync.client.protocol.OpCode;
import dev.zkasync.client.state.ClientId;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.client.state.KazooStateListener;
import dev.zkasync.client.state.KeeperState;
import dev.zkasync.client.state.StartEvent;
import dev.zkasync.client.watch.EventType;
import dev.zkasync.client.watch.WatchedEvent;
import dev.zkasync.client.watch.Watcher;
import dev.zkasync.client.watch.WatcherType;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One ZooKeeper session across any number of connections: its state machine, and the wiring of
 * the collaborators that each do one job on the session's event loop: the {@link RequestPipeline}
 * (queues, xids, writes, reply matching, deadlines), the {@link Handshake} (connect, SASL, auth
 * replay, watch re-registration), {@link ReadOnlyFailover} and the {@link HostCycle}.
 *
 * <p>Every mutable field below the "event loop only" line belongs to one Netty event loop; all
 * channels of the session are registered on that loop, so nothing there needs a lock. Callers on
 * other threads hand requests to the pipeline, encoded on their own thread. User code never runs
 * here: results, watch events and state changes go to the {@link Handler}.
 */
public final class Session {
    private static final Logger log = LoggerFactory.getLogger(Session.class);

    private final SessionConfig config;
    private final Transport transport;
    private final EventLoop loop;
    private final Handler handler;
    private final ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
    private final Bootstrap bootstrap;
    private final long requestTimeoutNanos;
    private final RequestObserver observer;
    private final WatchRegistry watches = new WatchRegistry();
    private final RequestPipeline pipeline;
    private final SessionStats stats;
    private final Handshake handshake;
    private final HostCycle hosts;
    private final ReadOnlyFailover failover;

    // Shared with callers' threads.
    private final CopyOnWriteArrayList<KazooStateListener> listeners = new CopyOnWriteArrayList<>();
    private final LiveEvent live = new LiveEvent();
    private final Object lifecycle = new Object();
    private volatile boolean running;
    private volatile boolean closed;
    private volatile boolean everStarted;
    private volatile KeeperState keeperState = KeeperState.CLOSED;
    private volatile KazooState kazooState = KazooState.LOST;
    private volatile String serverView;
    private volatile long stateSinceNanos = System.nanoTime();
    private volatile KazooException terminalFailure;
    private volatile String lastFailure;

    // Event loop only.
    private Phase phase = Phase.IDLE;
    private int generation;
    private final ArrayDeque<InetSocketAddress> candidates = new ArrayDeque<>();
    private HostAndPort currentHost;
    private ScheduledFuture<?> ticker;
    private ScheduledFuture<?> reconnectTimer;
    private ScheduledFuture<?> closeTimer;
    private CountDownLatch stopped;
    private boolean restartAfterStop;
    private boolean everConnected;

    public Session(SessionConfig config, Transport transport) {
        this.config = config;
        this.transport = transport;
        this.loop = transport.group().next();
        this.handler = config.handler();
        this.requestTimeoutNanos = config.requestTimeout().toNanos();
        this.observer = config.observer();
        this.pipeline = new RequestPipeline(config, loop, watches, new PipelineOwner());
        this.stats = pipeline.stats();
        this.handshake = new Handshake(this, config, loop, alloc, pipeline, watches);
        this.hosts = new HostCycle(config.hosts(), config.randomizeHosts(), config.reconnect());
        this.failover = new ReadOnlyFailover(this, config, loop, hosts, handshake);
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(transport.channelType())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (config.tls() != null && currentHost != null) {
                            // The configured name, not the resolved address: SNI and host name checks use it.
                            ch.pipeline().addLast("tls", config.tls().sslContext().newHandler(ch.alloc(),
                                    currentHost.host(), currentHost.port()));
                        }
                        ch.pipeline().addLast("frames", new FrameReader(config.maxFrameSize()));
                        ch.pipeline().addLast("session", new ConnectionHandler(Session.this, generation));
                    }
                });
    }

    // ------------------------------------------------------------------ any thread

    public String chroot() {
        return config.chroot();
    }

    public SessionConfig config() {
        return config;
    }

    public Handler handler() {
        return handler;
    }

    public ByteBufAllocator alloc() {
        return alloc;
    }

    /** Default deadline of a request from now, in {@link System#nanoTime()} terms. */
    public long deadline() {
        return System.nanoTime() + requestTimeoutNanos;
    }

    public long deadline(Duration timeout) {
        return System.nanoTime() + timeout.toNanos();
    }

    public KeeperState keeperState() {
        return keeperState;
    }

    public KazooState kazooState() {
        return kazooState;
    }

    public boolean connected() {
        return keeperState.isConnected();
    }

    /** The session's id and password while connected, else null. */
    public ClientId clientId() {
        return connected() ? handshake.clientIdView() : null;
    }

    public long lastZxid() {
        return pipeline.lastZxidView();
    }

    public int negotiatedTimeout() {
        return handshake.negotiatedTimeoutView();
    }

    /** The server of the current connection ({@code host:port}), or null. */
    public String connectedServer() {
        return connected() ? serverView : null;
    }

    /** How long the client has been in its current {@link KeeperState}. */
    public Duration timeInState() {
        return Duration.ofNanos(System.nanoTime() - stateSinceNanos);
    }

    /** Why the last connection attempt or connection failed, for error messages; null if none did. */
    public String lastFailure() {
        return lastFailure;
    }

    /** The connection's counters, read without I/O. */
    public ClientStats stats() {
        return stats;
    }

    public void addListener(KazooStateListener listener) {
        listeners.addIfAbsent(listener);
    }

    public void removeListener(KazooStateListener listener) {
        listeners.remove(listener);
    }

    public StartEvent startAsync() {
        synchronized (lifecycle) {
            if (closed) {
                throw new ConnectionClosedException(null, "the client is closed; build a new one", null);
            }
            if (!running) {
                running = true;
                everStarted = true;
                terminalFailure = null;
                loop.execute(this::start);
            }
        }
        return live;
    }

    /**
     * Closes the session (its ephemeral nodes go at once) and waits, a bounded time, until it is
     * done. The session can be started again afterwards, as a new session.
     */
    public void stop() {
        CountDownLatch done = new CountDownLatch(1);
        synchronized (lifecycle) {
            if (!running && keeperState == KeeperState.CLOSED) {
                handler.stop();
                return;
            }
            running = false;
            loop.execute(() -> beginStop(done));
        }
        if (!loop.inEventLoop()) {
            try {
                long wait = config.closeTimeout().toMillis() + 2000;
                if (!done.await(wait, TimeUnit.MILLISECONDS)) {
                    log.warn("The session did not finish closing within {} ms", wait);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        handler.stop();
    }

    /** Stops, then gives back the event loop group; the session cannot start again. */
    public void close() {
        stop();
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
        }
        transport.release();
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Queues an encoded request. Throws {@link RequestTooLargeException} at once if the frame is
     * over the server's limit; every other failure completes the operation's result.
     */
    /**
     * Queues an encoded request. Throws {@link RequestTooLargeException} at once if the frame is
     * over the server's limit; every other failure completes the operation's result.
     */
    public <T> void submit(Operation<T> op, int dataLength) {
        int length = Frames.finish(op.frame);
        if (length > config.maxRequestSize()) {
            op.releaseFrame();
            throw new RequestTooLargeException(op.path, length, config.maxRequestSize(), dataLength);
        }
        if (observer != null && op.result != null) {
            op.observe(observer);
        }
        if (!running) {
            op.fail(notRunningFailure(op.path));
            return;
        }
        if (!pipeline.offer(op)) {
            op.fail(new RequestQueueFullException(config.maxQueued()));
        }
    }

    private KazooException notRunningFailure(String path) {
        KazooException terminal = terminalFailure;
        if (terminal != null) {
            return terminal;
        }
        String why = closed ? "the client is closed" : everStarted ? "the client was stopped" : "the client is not started";
        return new ConnectionClosedException(path, why, null);
    }

    /** Runs {@code task} on the handler after {@code delayNanos}; for retries that must not block a thread. */
    public void schedule(Runnable task, long delayNanos) {
        loop.schedule(() -> handler.dispatch(task), delayNanos, TimeUnit.NANOSECONDS);
    }

    /** Sets the hosts for the next connection attempts (the current connection stays). */
    public void setHosts(List<HostAndPort> newHosts) {
        loop.execute(() -> {
            hosts.replace(newHosts);
            candidates.clear();
        });
    }

    // ------------------------------------------------------------------ watch removal

    /**
     * Removes {@code watcher} (all watchers when null) of {@code type} on the path: locally at once,
     * and on the server only when no local watcher of that type is left there.
     */
    public void removeWatches(String path, String serverPath, Watcher watcher, WatcherType type,
                              DefaultAsyncResult<Void> result) {
        loop.execute(() -> {
            WatchRegistry.Removal removal = watches.remove(serverPath, watcher, type);
            EventType removedType = switch (type) {
                case CHILDREN -> EventType.CHILD_WATCH_REMOVED;
                case DATA, ANY -> EventType.DATA_WATCH_REMOVED;
                case PERSISTENT, PERSISTENT_RECURSIVE -> EventType.PERSISTENT_WATCH_REMOVED;
            };
            WatchedEvent event = new WatchedEvent(removedType, keeperState, path, WatchedEvent.NO_ZXID);
            for (Watcher w : removal.removed()) {
                handler.dispatch(() -> w.process(event));
            }
            if (removal.removed().isEmpty() && watcher != null) {
                result.setException(new NoWatcherException(path, "no such " + type + " watcher", null));
                return;
            }
            if (!removal.serverWatchGone() || (removal.removed().isEmpty() && !running)) {
                result.set(null);
                return;
            }
            boolean removedLocally = !removal.removed().isEmpty();
            ByteBuf frame = Frames.newRequest(alloc, OpCode.REMOVE_WATCHES, serverPath.length() * 3 + 8);
            Jute.writeString(frame, serverPath);
            frame.writeInt(type.wireValue());
            Frames.finish(frame);
            ReplyDecoder<Void> decoder = new ReplyDecoder<>() {
                @Override
                public Void decode(ByteBuf body, String chroot) {
                    return null;
                }

                @Override
                public boolean nullOnError(int err) {
                    return removedLocally && err == ErrorCode.NO_WATCHER.intValue();
                }
            };
            Operation<Void> op = new Operation<>(OpCode.REMOVE_WATCHES, path, serverPath, frame, decoder, result,
                    null, null, deadline());
            if (observer != null) {
                op.observe(observer);
            }
            enqueueOnLoop(op);
        });
    }

    /** Queues an operation built on the event loop itself. */
    private void enqueueOnLoop(Operation<?> op) {
        pipeline.enqueue(op);
    }

    // ------------------------------------------------------------------ collaborators' view, event loop

    int generation() {
        return generation;
    }

    Phase phase() {
        return phase;
    }

    /** Moves to {@code next}; the pipeline takes requests exactly while the session is connected. */
    void enter(Phase next) {
        phase = next;
        pipeline.accepting(next == Phase.CONNECTED);
    }

    /** The server of the current connection attempt ({@code host:port}), for messages. */
    String server() {
        return serverView;
    }

    HostAndPort currentHost() {
        return currentHost;
    }

    // ------------------------------------------------------------------ lifecycle, event loop

    private void start() {
        if (phase == Phase.CLOSING) {
            restartAfterStop = true;
            return;
        }
        if (phase != Phase.IDLE || !running) {
            return;
        }
        handler.start();
        setKeeperState(KeeperState.CONNECTING);
        long tick = Math.max(10, Math.min(100, config.sessionTimeout().toMillis() / 30));
        ticker = loop.scheduleAtFixedRate(this::tick, tick, tick, TimeUnit.MILLISECONDS);
        enter(Phase.CONNECTING);
        connectNext();
    }

    private void beginStop(CountDownLatch done) {
        stopped = done;
        restartAfterStop = false;
        if (phase == Phase.CONNECTED) {
            enter(Phase.CLOSING);
            Operation<Void> close = new Operation<>(CloseSession.OP_CODE, null, null, CloseSession.request(alloc),
                    (b, c) -> null, null, null, null, Long.MAX_VALUE);
            pipeline.sendNow(close);
            pipeline.flush();
            closeTimer = loop.schedule(() -> finishStop("the server did not confirm the close in time"),
                    config.closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } else {
            finishStop(null);
        }
    }

    private void finishStop(String why) {
        if (why != null) {
            log.info("Closing session 0x{}: {}", Long.toHexString(handshake.sessionId()), why);
        }
        cancel(ticker);
        cancel(reconnectTimer);
        cancel(closeTimer);
        dropChannel();
        pipeline.failEverything(path -> new ConnectionClosedException(path, "the client was stopped", null));
        fireNone(KeeperState.CLOSED);
        forgetSession();
        handshake.resetAuth();
        enter(Phase.IDLE);
        terminalFailure = null;
        setKeeperState(KeeperState.CLOSED);
        live.giveUp();
        if (stopped != null) {
            stopped.countDown();
            stopped = null;
        }
        if (restartAfterStop) {
            restartAfterStop = false;
            start();
        }
    }

    private void forgetSession() {
        handshake.forget();
        pipeline.forgetZxid();
    }

    // ------------------------------------------------------------------ connecting, event loop

    private void connectNext() {
        if (phase == Phase.IDLE || phase == Phase.CLOSING) {
            return;
        }
        enter(Phase.CONNECTING);
        if (!candidates.isEmpty()) {
            connectTo(candidates.poll());
            return;
        }
        int maxCycles = config.reconnect().maxCycles();
        if (maxCycles >= 0 && hosts.failedCycles() >= maxCycles && hosts.failedCycles() > 0) {
            giveUp(new ConnectionLossException(null, "no server reachable after " + hosts.failedCycles()
                    + " cycles through " + config.hosts(), null), KeeperState.CLOSED);
            return;
        }
        long delay = hosts.delayBeforeNextNanos();
        HostAndPort host = hosts.next();
        if (delay > 0) {
            log.debug("No server reachable in a whole cycle; next attempt in {} ms", TimeUnit.NANOSECONDS.toMillis(delay));
            reconnectTimer = loop.schedule(() -> resolve(host), delay, TimeUnit.NANOSECONDS);
        } else {
            resolve(host);
        }
    }

    /** Resolves a host afresh for every attempt (DNS may have moved it), off the event loop. */
    private void resolve(HostAndPort host) {
        if (phase != Phase.CONNECTING) {
            return;
        }
        currentHost = host;
        if (NetUtil.isValidIpV4Address(host.host()) || NetUtil.isValidIpV6Address(host.host())) {
            connectTo(new InetSocketAddress(NetUtil.createInetAddressFromIpAddressString(host.host()), host.port()));
            return;
        }
        int attempt = ++generation;
        Thread.ofVirtual().name("zk-async-resolve").start(() -> {
            try {
                List<InetAddress> addresses = new ArrayList<>(Arrays.asList(InetAddress.getAllByName(host.host())));
                if (config.randomizeHosts()) {
                    Collections.shuffle(addresses);
                }
                loop.execute(() -> {
                    if (attempt != generation || phase != Phase.CONNECTING) {
                        return;
                    }
                    for (InetAddress a : addresses) {
                        candidates.add(new InetSocketAddress(a, host.port()));
                    }
                    connectTo(candidates.poll());
                });
            } catch (UnknownHostException e) {
                loop.execute(() -> connectionLost(attempt,
                        new ConnectionLossException(null, "cannot resolve " + host.host(), e)));
            }
        });
    }

    private void connectTo(InetSocketAddress address) {
        generation++;
        int connectTimeout = (int) Math.max(1, connectTimeout().toMillis());
        serverView = currentHost == null ? address.toString() : currentHost.toString();
        ChannelFuture f = bootstrap.clone()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeout)
                .connect(address);
        pipeline.attach(f.channel());
        int attempt = generation;
        f.addListener(done -> {
            if (!done.isSuccess()) {
                connectionLost(attempt, new ConnectionLossException(null,
                        "cannot connect to " + address + ": " + done.cause().getMessage(), done.cause()));
            }
        });
    }

    private Duration connectTimeout() {
        if (config.connectTimeout() != null) {
            return config.connectTimeout();
        }
        int negotiated = handshake.negotiatedTimeout();
        long session = negotiated > 0 ? negotiated : config.sessionTimeout().toMillis();
        return Duration.ofMillis(Math.max(1, session / Math.max(1, hosts.size())));
    }

    /**
     * A healthy server answers a ConnectRequest in milliseconds; one that accepted the socket while
     * still starting may never answer. Waiting the whole connect timeout there can outlast the very
     * session we are trying to resume, so the handshake gets at most a third of the session timeout.
     */
    private long handshakeTimeoutNanos() {
        return Math.min(connectTimeout().toNanos(), config.sessionTimeout().toNanos() / 3);
    }

    void onActive(int attempt, Channel ch) {
        if (attempt != generation) {
            ch.close();
            return;
        }
        enter(Phase.HANDSHAKE);
        pipeline.heardFrom(System.nanoTime());
        handshake.sendConnect();
    }

    /** The handshake resumes the global session after its local read-only one ended: on a new connection. */
    void reconnectNow() {
        dropChannel();
        enter(Phase.CONNECTING);
        connectNext();
    }

    /** The server said the session we asked to resume has expired. */
    void expiredOnConnect() {
        dropChannel();
        sessionExpired();
        if (phase != Phase.IDLE) {
            enter(Phase.CONNECTING);
            connectNext();
        }
    }

    /** The server accepted the session: this cycle through the hosts succeeded. */
    void established() {
        hosts.connected();
        candidates.clear();
    }

    /** The handshake is done: requests flow, and CONNECTED is announced once the watches are re-armed. */
    void finishConnect() {
        enter(Phase.CONNECTED);
        handshake.resendWatches();
        pipeline.writeWaiting();
        pipeline.flush();
        if (everConnected) {
            stats.reconnects++;
        }
        everConnected = true;
        if (!handshake.watchesPending()) {
            announceConnected();
        }
    }

    /**
     * CONNECTED is announced once the server has re-armed every watch, so a listener that reacts
     * to it cannot race a change that the (catch-up-less) persistent watches would miss.
     */
    private void announceConnected() {
        boolean readOnly = handshake.readOnly();
        setKeeperState(readOnly ? KeeperState.CONNECTED_RO : KeeperState.CONNECTED);
        if (readOnly) {
            failover.connectedReadOnly(generation);
        }
    }

    /** Read-only failover found a read-write server: connect there next. */
    void moveTo(HostAndPort server) {
        candidates.clear();
        connectionLost(generation, new ConnectionLossException(null, "moving to read-write server " + server, null));
    }

    // ------------------------------------------------------------------ frames, event loop

    void onFrame(int attempt, ByteBuf frame) {
        if (attempt != generation) {
            return;
        }
        pipeline.received(frame);
        try {
            if (phase == Phase.HANDSHAKE) {
                handshake.onFrame(frame);
            } else {
                pipeline.dispatch(frame);
            }
        } catch (MalformedFrameException e) {
            connectionLost(attempt, new ProtocolException("undecodable frame from " + serverView + ": "
                    + e.getMessage(), e));
        }
    }

    void onReadComplete(int attempt) {
        if (attempt == generation) {
            pipeline.onReadComplete();
        }
    }

    void onWritable(int attempt) {
        if (attempt == generation) {
            pipeline.onWritable();
        }
    }

    /** A reply to one of the session's own requests, from the pipeline. */
    private void onInternalReply(int opCode, int err, ByteBuf body) {
        if (opCode == OpCode.SASL) {
            handshake.onSaslReply(err, body);
            return;
        }
        if (err != 0) {
            log.warn("{} failed: {}", OpCode.name(opCode), ErrorCode.of(err));
        }
        if (opCode == OpCode.SET_WATCHES2 && handshake.watchBatchAnswered() && phase == Phase.CONNECTED) {
            announceConnected();
        }
        if (opCode == OpCode.CLOSE_SESSION) {
            finishStop(null);
        }
    }

    /** The pipeline's view of the session. */
    private final class PipelineOwner implements RequestPipeline.Owner {
        @Override
        public boolean refusesRequests() {
            return !running && phase == Phase.IDLE;
        }

        @Override
        public KazooException notRunningFailure(String path) {
            return Session.this.notRunningFailure(path);
        }

        @Override
        public void protocolFault(ProtocolException fault) {
            connectionLost(generation, fault);
        }

        @Override
        public void internalReply(int opCode, int err, ByteBuf body) {
            onInternalReply(opCode, err, body);
        }

        @Override
        public void authReply(int err) {
            handshake.onAuthReply(err);
        }

        @Override
        public KeeperState keeperState() {
            return keeperState;
        }

        @Override
        public String server() {
            return serverView;
        }
    }

    // ------------------------------------------------------------------ losing things, event loop

    void connectionLost(int attempt, Throwable cause) {
        if (attempt != generation) {
            return;
        }
        Phase was = phase;
        dropChannel();
        if (was == Phase.CLOSING) {
            finishStop(null);
            return;
        }
        if (was == Phase.IDLE) {
            return;
        }
        if (was == Phase.SASL) {
            handshake.saslFailed(generation, "the server closed the connection during SASL "
                    + config.sasl().mechanism() + " authentication (" + messageOf(cause) + ")");
            return;
        }
        lastFailure = messageOf(cause);
        pipeline.failPending(lossFailure(cause, serverView));
        if (was == Phase.HANDSHAKE && config.readOnly() && handshake.askedForGlobalSession() && currentHost != null) {
            failover.checkReadOnlyRefusal(currentHost);
        }
        if (was == Phase.CONNECTED || was == Phase.AUTHENTICATING) {
            stats.disconnects++;
        }
        if (was == Phase.CONNECTED || was == Phase.AUTHENTICATING || was == Phase.HANDSHAKE) {
            log.info("Connection to {} lost ({}); reconnecting", serverView, messageOf(cause));
        } else {
            log.debug("Connection attempt to {} failed: {}", serverView, messageOf(cause));
        }
        enter(Phase.CONNECTING);
        if (keeperState.isConnected()) {
            setKeeperState(KeeperState.CONNECTING);
        }
        connectNext();
    }

    private static String messageOf(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** Closes the current channel, if any, and makes its late events stale. */
    private void dropChannel() {
        generation++;
        Channel ch = pipeline.detach();
        handshake.connectionDropped();
        if (ch != null) {
            ch.close();
        }
    }

    private static RequestPipeline.Failure lossFailure(Throwable cause, String server) {
        if (cause instanceof ProtocolException protocol) {
            return path -> protocol;
        }
        String detail = cause instanceof ConnectionLossException loss && loss.getMessage() != null
                ? loss.getMessage().replaceFirst("^CONNECTIONLOSS(: )?", "")
                : "connection to " + server + " lost: " + messageOf(cause);
        return path -> new ConnectionLossException(path, detail, cause);
    }

    private void sessionExpired() {
        stats.expirations++;
        setKeeperState(KeeperState.EXPIRED_SESSION);
        String detail = "session 0x" + Long.toHexString(handshake.sessionId()) + " expired";
        pipeline.failEverything(path -> new SessionExpiredException(path, detail, null));
        // One-shot watches die with the session; persistent ones are re-added on the next one and
        // then told (NONE) that they may have missed events.
        fire(watches.drainOneShot(), KeeperState.EXPIRED_SESSION);
        handshake.renewPersistentWatches(!watches.persistentWatchers().isEmpty());
        forgetSession();
        setKeeperState(KeeperState.CONNECTING);
    }

    /** Stops for good (auth failed, or no server in the allowed cycles): LOST, and no reconnects. */
    void giveUp(KazooException failure, KeeperState state) {
        log.warn("Giving up on the session: {}", failure.getMessage());
        terminalFailure = failure;
        running = false;
        cancel(ticker);
        cancel(reconnectTimer);
        dropChannel();
        pipeline.failEverything(path -> failure);
        fireNone(state);
        forgetSession();
        enter(Phase.IDLE);
        setKeeperState(state);
        live.giveUp();
    }

    private void fireNone(KeeperState state) {
        fire(watches.drainAll(), state);
    }

    private void fire(List<Watcher> all, KeeperState state) {
        if (!all.isEmpty()) {
            WatchedEvent event = new WatchedEvent(EventType.NONE, state, null, WatchedEvent.NO_ZXID);
            for (Watcher w : all) {
                handler.dispatch(() -> w.process(event));
            }
        }
    }

    // ------------------------------------------------------------------ timers, event loop

    /** Pings at a third of the negotiated timeout; a server silent for two thirds of it is gone. */
    private void tick() {
        long now = System.nanoTime();
        pipeline.onTick(now);
        if (!pipeline.hasChannel() || phase == Phase.CONNECTING || phase == Phase.IDLE) {
            return;
        }
        long silence = pipeline.silenceNanos(now);
        int negotiated = handshake.negotiatedTimeout();
        long readTimeout = phase == Phase.HANDSHAKE
                ? handshakeTimeoutNanos()
                : TimeUnit.MILLISECONDS.toNanos(negotiated * 2L / 3);
        if (silence > readTimeout) {
            connectionLost(generation, new ConnectionLossException(null, "no reply from " + serverView + " for "
                    + TimeUnit.NANOSECONDS.toMillis(silence) + " ms", null));
            return;
        }
        if (phase == Phase.CONNECTED || phase == Phase.AUTHENTICATING) {
            pipeline.pingIfIdle(now, TimeUnit.MILLISECONDS.toNanos(negotiated / 3L));
        }
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }

    // ------------------------------------------------------------------ state, event loop

    private void setKeeperState(KeeperState next) {
        KeeperState previous = keeperState;
        if (previous == next) {
            return;
        }
        keeperState = next;
        stateSinceNanos = System.nanoTime();
        KazooState simple = switch (next) {
            case CONNECTED, CONNECTED_RO -> KazooState.CONNECTED;
            case CONNECTING -> previous.isConnected() ? KazooState.SUSPENDED : kazooState;
            case EXPIRED_SESSION, AUTH_FAILED, CLOSED -> KazooState.LOST;
        };
        KazooState previousSimple = kazooState;
        kazooState = simple; // before waking start() waiters, so they see a consistent state
        if (next.isConnected()) {
            live.set();
        } else {
            live.clear();
        }
        if (simple != previousSimple) {
            log.debug("State {} ({})", simple, next);
            if (!listeners.isEmpty()) {
                // The listeners of the moment of the change, not of the moment the task runs.
                Object[] current = listeners.toArray();
                handler.dispatch(() -> {
                    for (Object o : current) {
                        KazooStateListener l = (KazooStateListener) o;
                        try {
                            l.stateChanged(simple);
                        } catch (RuntimeException e) {
                            log.error("A state listener threw", e);
                        }
                    }
                });
            }
        }
    }
}
