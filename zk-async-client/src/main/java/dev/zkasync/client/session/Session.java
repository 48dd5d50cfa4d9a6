package dev.zkasync.client.session;

import dev.zkasync.client.state.ClientId;
import dev.zkasync.client.handler.DefaultAsyncResult;
import dev.zkasync.client.watch.WatcherType;
import dev.zkasync.client.exception.NoWatcherException;
import dev.zkasync.client.watch.EventType;
import dev.zkasync.client.connect.HostAndPort;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.client.state.KazooStateListener;
import dev.zkasync.client.state.KeeperState;
import dev.zkasync.client.state.StartEvent;
import dev.zkasync.client.watch.WatchedEvent;
import dev.zkasync.client.watch.Watcher;
import dev.zkasync.client.path.ZkPaths;
import dev.zkasync.client.exception.AuthFailedException;
import dev.zkasync.client.exception.ConnectionClosedException;
import dev.zkasync.client.exception.ConnectionLossException;
import dev.zkasync.client.exception.ErrorCode;
import dev.zkasync.client.exception.KazooException;
import dev.zkasync.client.exception.ProtocolException;
import dev.zkasync.client.exception.RequestQueueFullException;
import dev.zkasync.client.exception.RequestTimeoutException;
import dev.zkasync.client.exception.RequestTooLargeException;
import dev.zkasync.client.exception.SessionExpiredException;
import dev.zkasync.client.exception.ZooKeeperException;
import dev.zkasync.client.handler.Handler;
import dev.zkasync.client.metrics.ClientStats;
import dev.zkasync.client.metrics.RequestObserver;
import dev.zkasync.client.protocol.ConnectResponse;
import dev.zkasync.client.protocol.Frames;
import dev.zkasync.client.protocol.Jute;
import dev.zkasync.client.protocol.MalformedFrameException;
import dev.zkasync.client.protocol.OpCode;
import dev.zkasync.client.protocol.ReplyDecoder;
import dev.zkasync.client.protocol.Xid;
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
import io.netty.util.internal.PlatformDependent;
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
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One ZooKeeper session across any number of connections: the state machine, the request queues
 * and the watches.
 *
 * <p>Every mutable field below the "event loop only" line belongs to one Netty event loop; all
 * channels of the session are registered on that loop, so nothing there needs a lock. Callers on
 * other threads reach it through an MPSC queue and a CAS-guarded wake-up: one loop task per batch of
 * requests, one flush per batch. Requests are encoded on the caller's thread; the loop only stamps
 * the xid and writes. User code never runs here: results, watch events and state changes go to the
 * {@link Handler}.
 */
public final class Session {
    private static final Logger log = LoggerFactory.getLogger(Session.class);
    private static final byte[] NO_PASSWORD = new byte[16];
    /** ZOOKEEPER-706: keep each SetWatches well below the server's jute.maxbuffer. */
    private static final int SET_WATCHES_MAX_BYTES = 128 * 1024;
    private static final long RW_PROBE_FIRST_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long RW_PROBE_MAX_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final int DRAIN_IDLE = 0;
    private static final int DRAIN_SCHEDULED = 1;
    /** The handler thread will schedule the drain when its burst of callbacks ends. */
    private static final int DRAIN_DEFERRED = 2;
    /** The loop drains when it next reads: replies to requests already on the wire are coming. */
    private static final int DRAIN_AT_READ = 3;
    /**
     * Requests on the wire from which a callback's new request waits for the loop's next read
     * instead of waking it. ZooKeeper answers a session in order, so behind this many the new
     * request's answer comes no sooner for being sent a little earlier.
     */
    static final int AT_READ_MIN_IN_FLIGHT = 64;

    private enum Phase { IDLE, CONNECTING, HANDSHAKE, SASL, AUTHENTICATING, CONNECTED, CLOSING }

    private final SessionConfig config;
    private final Transport transport;
    private final EventLoop loop;
    private final Handler handler;
    private final ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
    private final Bootstrap bootstrap;
    private final long requestTimeoutNanos;

    // Shared with callers' threads.
    private final Queue<Operation<?>> submissions = PlatformDependent.newMpscQueue();
    /** Who drains the submissions next: {@link #DRAIN_IDLE}, {@link #DRAIN_SCHEDULED}, {@link #DRAIN_DEFERRED} or {@link #DRAIN_AT_READ}. */
    private final AtomicInteger drainState = new AtomicInteger();
    private final Runnable drainKick = this::kickDeferredDrain;
    private final AtomicInteger queued = new AtomicInteger();
    private final Runnable drainTask = this::drain;
    private final CopyOnWriteArrayList<KazooStateListener> listeners = new CopyOnWriteArrayList<>();
    private final LiveEvent live = new LiveEvent();
    private final Object lifecycle = new Object();
    private volatile boolean running;
    private volatile boolean closed;
    private volatile boolean everStarted;
    private volatile KeeperState keeperState = KeeperState.CLOSED;
    private volatile KazooState kazooState = KazooState.LOST;
    private volatile ClientId clientIdView;
    private volatile long lastZxidView;
    private volatile int negotiatedTimeoutView;
    private volatile String serverView;
    private volatile long stateSinceNanos = System.nanoTime();
    private volatile KazooException terminalFailure;
    private volatile String lastFailure;
    private final SessionStats stats = new SessionStats(queued);
    private final RequestObserver observer;
    /**
     * The loop has stopped reading for a moment (see {@link ReplyBatching}); written by the loop,
     * read by the handler thread, whose requests must then wake the loop instead of riding on a read.
     */
    private volatile boolean readsPaused;

    // Event loop only.
    private Phase phase = Phase.IDLE;
    private Channel channel;
    private int generation;
    private final ArrayDeque<Operation<?>> pending = new ArrayDeque<>();
    private final ArrayDeque<Operation<?>> waiting = new ArrayDeque<>();
    private final ArrayDeque<Operation<?>> authPending = new ArrayDeque<>();
    private int authReplaysOutstanding;
    private final List<AuthInfo> authInfo = new ArrayList<>();
    private final WatchRegistry watches = new WatchRegistry();
    private final HostCycle hosts;
    private final ArrayDeque<InetSocketAddress> candidates = new ArrayDeque<>();
    private HostAndPort currentHost;
    private int xid;
    private long sessionId;
    private byte[] password = NO_PASSWORD;
    private long lastZxid;
    private int negotiatedTimeout;
    private boolean seenRwServer;
    /** The session from a read-write server, kept while a read-only server gives us a local one. */
    private long rwSessionId;
    private byte[] rwPassword = NO_PASSWORD;
    /** A read-only server refused our global session: ask it for a local one instead. */
    private boolean preferLocalSession;
    private long askedSessionId;
    private long lastRecvNanos;
    private long lastSendNanos;
    private boolean pingOutstanding;
    private boolean needsFlush;
    private final ReplyBatching batching;
    /** Frames the current read has carried so far. */
    private int framesThisRead;
    private final Runnable resumeReads = this::resumeReads;
    private ScheduledFuture<?> ticker;
    private ScheduledFuture<?> reconnectTimer;
    private ScheduledFuture<?> closeTimer;
    private CountDownLatch stopped;
    private boolean restartAfterStop;
    private boolean readOnlyPending;
    private boolean everConnected;
    private boolean persistentRenewed;
    private SaslExchange saslExchange;
    private int watchBatchesPending;

    public Session(SessionConfig config, Transport transport) {
        this.config = config;
        this.transport = transport;
        this.loop = transport.group().next();
        this.handler = config.handler();
        this.requestTimeoutNanos = config.requestTimeout().toNanos();
        this.observer = config.observer();
        this.batching = new ReplyBatching(config.replyBatchWindow().toNanos(), System::nanoTime);
        this.hosts = new HostCycle(config.hosts(), config.randomizeHosts(), config.reconnect());
        this.authInfo.addAll(config.authData());
        if (config.clientId() != null) {
            this.sessionId = config.clientId().sessionId();
            this.password = config.clientId().password();
            this.seenRwServer = true;
        }
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
        return connected() ? clientIdView : null;
    }

    public long lastZxid() {
        return lastZxidView;
    }

    public int negotiatedTimeout() {
        return negotiatedTimeoutView;
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
        if (queued.incrementAndGet() > config.maxQueued()) {
            queued.decrementAndGet();
            op.fail(new RequestQueueFullException(config.maxQueued()));
            return;
        }
        submissions.offer(op);
        scheduleDrain();
    }

    /**
     * Makes sure the event loop drains the submissions. Callbacks on the handler thread often issue
     * the next request. When many requests are on the wire their replies will wake the loop anyway,
     * so it picks the new ones up when it reads; otherwise they wake it once at the end of the
     * handler's burst (one write for them all) rather than once each. Any other thread wakes the
     * loop at once, and takes over a drain the handler put off.
     */
    private void scheduleDrain() {
        while (true) {
            int state = drainState.get();
            if (state == DRAIN_SCHEDULED) {
                return;
            }
            boolean handlerThread = handler.inHandlerThread();
            if (state == DRAIN_IDLE && handlerThread) {
                if (stats.inFlight >= AT_READ_MIN_IN_FLIGHT && !readsPaused) {
                    if (drainState.compareAndSet(DRAIN_IDLE, DRAIN_AT_READ)) {
                        confirmReadIsComing();
                        return;
                    }
                } else if (drainState.compareAndSet(DRAIN_IDLE, DRAIN_DEFERRED)) {
                    handler.atEndOfBurst(drainKick);
                    return;
                }
            } else if ((state == DRAIN_DEFERRED || state == DRAIN_AT_READ) && handlerThread) {
                return;
            } else if (drainState.compareAndSet(state, DRAIN_SCHEDULED)) {
                loop.execute(drainTask);
                return;
            }
        }
    }

    /**
     * After setting {@link #DRAIN_AT_READ}: if the loop meanwhile read the last replies (it writes
     * {@code inFlight}, then looks at the state; this thread wrote the state, then looks at
     * {@code inFlight}, so one of the two sees the other), no read is coming: wake it after all.
     * Likewise if it paused reading (it writes {@code readsPaused}, then looks at the state): the
     * next read is a pause away, too late for a request that could go now.
     */
    private void confirmReadIsComing() {
        if ((stats.inFlight < AT_READ_MIN_IN_FLIGHT || readsPaused)
                && drainState.compareAndSet(DRAIN_AT_READ, DRAIN_DEFERRED)) {
            handler.atEndOfBurst(drainKick);
        }
    }

    private void kickDeferredDrain() {
        if (drainState.compareAndSet(DRAIN_DEFERRED, DRAIN_SCHEDULED)) {
            loop.execute(drainTask);
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
        phase = Phase.CONNECTING;
        connectNext();
    }

    private void beginStop(CountDownLatch done) {
        stopped = done;
        restartAfterStop = false;
        if (phase == Phase.CONNECTED) {
            phase = Phase.CLOSING;
            ByteBuf frame = Frames.newRequest(alloc, OpCode.CLOSE_SESSION, 0);
            Frames.finish(frame);
            Operation<Void> close = new Operation<>(OpCode.CLOSE_SESSION, null, null, frame, (b, c) -> null,
                    null, null, null, Long.MAX_VALUE);
            queued.incrementAndGet();
            write(close);
            flushIfNeeded();
            closeTimer = loop.schedule(() -> finishStop("the server did not confirm the close in time"),
                    config.closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } else {
            finishStop(null);
        }
    }

    private void finishStop(String why) {
        if (why != null) {
            log.info("Closing session 0x{}: {}", Long.toHexString(sessionId), why);
        }
        cancel(ticker);
        cancel(reconnectTimer);
        cancel(closeTimer);
        dropChannel();
        failEverything(path -> new ConnectionClosedException(path, "the client was stopped", null));
        fireNone(KeeperState.CLOSED);
        forgetSession();
        authInfo.clear();
        authInfo.addAll(config.authData());
        phase = Phase.IDLE;
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
        sessionId = 0;
        password = NO_PASSWORD;
        lastZxid = 0;
        lastZxidView = 0;
        negotiatedTimeout = 0;
        seenRwServer = false;
        rwSessionId = 0;
        rwPassword = NO_PASSWORD;
        preferLocalSession = false;
        clientIdView = null;
    }

    // ------------------------------------------------------------------ connecting, event loop

    private void connectNext() {
        if (phase == Phase.IDLE || phase == Phase.CLOSING) {
            return;
        }
        phase = Phase.CONNECTING;
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
        channel = f.channel();
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
        long session = negotiatedTimeout > 0 ? negotiatedTimeout : config.sessionTimeout().toMillis();
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
        phase = Phase.HANDSHAKE;
        lastRecvNanos = System.nanoTime();
        long resumeId;
        byte[] resumePassword;
        if (preferLocalSession) {
            // A read-only server: resume our local read-only session if we have one, else ask for one.
            boolean haveLocal = sessionId != 0 && sessionId != rwSessionId;
            resumeId = haveLocal ? sessionId : 0;
            resumePassword = haveLocal ? password : NO_PASSWORD;
        } else if (rwSessionId != 0) {
            resumeId = rwSessionId;
            resumePassword = rwPassword;
        } else {
            resumeId = seenRwServer ? sessionId : 0;
            resumePassword = resumeId == 0 ? NO_PASSWORD : password;
        }
        askedSessionId = resumeId;
        ByteBuf request = Frames.connectRequest(alloc, lastZxid, (int) config.sessionTimeout().toMillis(), resumeId,
                resumePassword, config.readOnly());
        // Nothing else goes out until the ConnectResponse: an expired session must not turn into a
        // TCP reset that hides the server's answer.
        stats.bytesSent += request.readableBytes();
        ch.writeAndFlush(request, ch.voidPromise());
        lastSendNanos = System.nanoTime();
    }

    private void onConnectResponse(ConnectResponse response) {
        if (response.expired() && rwSessionId != 0 && askedSessionId != rwSessionId) {
            // Only the local read-only session ended (its server left read-only mode): the global
            // session may well be alive, so try it before declaring anything lost.
            log.info("Local read-only session 0x{} ended; resuming session 0x{}", Long.toHexString(askedSessionId),
                    Long.toHexString(rwSessionId));
            preferLocalSession = false;
            sessionId = rwSessionId;
            password = rwPassword;
            dropChannel();
            phase = Phase.CONNECTING;
            connectNext();
            return;
        }
        if (response.expired()) {
            if (askedSessionId == rwSessionId) {
                rwSessionId = 0;
                rwPassword = NO_PASSWORD;
            }
            sessionId = askedSessionId;
            log.warn("Session 0x{} has expired", Long.toHexString(sessionId));
            dropChannel();
            sessionExpired();
            if (phase != Phase.IDLE) {
                phase = Phase.CONNECTING;
                connectNext();
            }
            return;
        }
        boolean resumed = response.sessionId() == sessionId;
        sessionId = response.sessionId();
        password = response.password() == null ? NO_PASSWORD : response.password();
        negotiatedTimeout = response.timeOut();
        negotiatedTimeoutView = negotiatedTimeout;
        if (!response.readOnly()) {
            seenRwServer = true;
            rwSessionId = sessionId;
            rwPassword = password;
            preferLocalSession = false;
        }
        clientIdView = new ClientId(sessionId, password);
        hosts.connected();
        candidates.clear();
        log.info("{} session 0x{} on {} (timeout {} ms{})", resumed ? "Resumed" : "Established",
                Long.toHexString(sessionId), serverView, negotiatedTimeout, response.readOnly() ? ", read-only" : "");
        readOnlyPending = response.readOnly();
        if (config.sasl() != null) {
            startSasl(generation);
            return;
        }
        authenticate();
    }

    /** Replays the auth data, then announces the connection once the server accepted it all. */
    private void authenticate() {
        if (authInfo.isEmpty()) {
            finishConnect(readOnlyPending);
            return;
        }
        phase = Phase.AUTHENTICATING;
        for (AuthInfo auth : authInfo) {
            channel.write(Frames.authRequest(alloc, auth.scheme(), auth.credential()), channel.voidPromise());
            authReplaysOutstanding++;
        }
        channel.flush();
        lastSendNanos = System.nanoTime();
    }

    private void finishConnect(boolean readOnly) {
        phase = Phase.CONNECTED;
        watchBatchesPending = resendWatches();
        writeWaiting();
        flushIfNeeded();
        if (everConnected) {
            stats.reconnects++;
        }
        everConnected = true;
        readOnlyPending = readOnly;
        if (watchBatchesPending == 0) {
            announceConnected();
        }
    }

    /**
     * CONNECTED is announced once the server has re-armed every watch, so a listener that reacts
     * to it cannot race a change that the (catch-up-less) persistent watches would miss.
     */
    private void announceConnected() {
        setKeeperState(readOnlyPending ? KeeperState.CONNECTED_RO : KeeperState.CONNECTED);
        if (readOnlyPending) {
            scheduleReadWriteProbe(RW_PROBE_FIRST_NANOS, generation);
        }
    }

    // ------------------------------------------------------------------ SASL

    /**
     * Runs the SASL conversation: nothing else is sent meanwhile. Tokens are evaluated off the event
     * loop (Kerberos may block); the exchange ends when the client is complete and has nothing more
     * to say. A refusal, or the server closing during it, fails the session with AUTH_FAILED.
     */
    private void startSasl(int attempt) {
        phase = Phase.SASL;
        String host = currentHost == null ? null : currentHost.host();
        Thread.ofVirtual().name("zk-async-sasl").start(() -> {
            try {
                SaslExchange exchange = new SaslExchange(config.sasl(), host);
                byte[] first = exchange.initialToken();
                loop.execute(() -> {
                    if (attempt == generation && phase == Phase.SASL) {
                        saslExchange = exchange;
                        sendSaslToken(first);
                    } else {
                        exchange.dispose();
                    }
                });
            } catch (javax.security.sasl.SaslException e) {
                loop.execute(() -> saslFailed(attempt, "SASL " + config.sasl().mechanism() + " could not start: "
                        + e.getMessage()));
            }
        });
    }

    private void sendSaslToken(byte[] token) {
        ByteBuf frame = Frames.newRequest(alloc, OpCode.SASL, token.length + 8);
        Jute.writeBuffer(frame, token);
        Frames.finish(frame);
        queued.incrementAndGet();
        write(new Operation<Void>(OpCode.SASL, null, null, frame, (b, c) -> null, null, null, null, Long.MAX_VALUE));
        flushIfNeeded();
    }

    private void onSaslReply(int err, ByteBuf body) {
        SaslExchange exchange = saslExchange;
        if (phase != Phase.SASL || exchange == null) {
            return;
        }
        if (err != 0) {
            saslFailed(generation, "the server refused SASL " + config.sasl().mechanism() + " authentication ("
                    + ErrorCode.of(err).wireName() + ")");
            return;
        }
        byte[] challenge = Jute.readBuffer(body);
        int attempt = generation;
        Thread.ofVirtual().name("zk-async-sasl").start(() -> {
            try {
                byte[] response = exchange.isComplete() ? null : exchange.evaluate(challenge);
                loop.execute(() -> {
                    if (attempt != generation || phase != Phase.SASL) {
                        return;
                    }
                    if (response != null && response.length > 0) {
                        sendSaslToken(response);
                    } else if (exchange.isComplete()) {
                        exchange.dispose();
                        saslExchange = null;
                        log.debug("SASL {} authentication complete", config.sasl().mechanism());
                        authenticate();
                    } else {
                        sendSaslToken(new byte[0]);
                    }
                });
            } catch (javax.security.sasl.SaslException e) {
                loop.execute(() -> saslFailed(attempt, "SASL " + config.sasl().mechanism() + " failed: "
                        + e.getMessage()));
            }
        });
    }

    private void saslFailed(int attempt, String why) {
        if (attempt != generation) {
            return;
        }
        if (saslExchange != null) {
            saslExchange.dispose();
            saslExchange = null;
        }
        giveUp(new AuthFailedException(null, why, null), KeeperState.AUTH_FAILED);
    }

    // ------------------------------------------------------------------ read-only mode

    /**
     * While connected to a read-only server, asks the other servers ({@code isro}) whether one of them
     * serves writes again, backing off from 100 ms to a minute; the first that answers {@code rw}
     * gets the session (resumed, when it came from a read-write server).
     */
    private void scheduleReadWriteProbe(long delayNanos, int attempt) {
        loop.schedule(() -> {
            if (attempt != generation || keeperState != KeeperState.CONNECTED_RO) {
                return;
            }
            HostAndPort current = currentHost;
            List<HostAndPort> others = new ArrayList<>(hosts.hosts());
            others.remove(current);
            int timeoutMillis = (int) Math.min(1000, Math.max(100, config.sessionTimeout().toMillis() / 10));
            Thread.ofVirtual().name("zk-async-rw-probe").start(() -> {
                for (HostAndPort candidate : others) {
                    String answer;
                    try {
                        answer = FourLetterWords.send(config.tls(), candidate, "isro",
                                Duration.ofMillis(timeoutMillis));
                    } catch (RuntimeException unreachable) {
                        continue;
                    }
                    if (answer.trim().equals("rw")) {
                        loop.execute(() -> moveToReadWrite(attempt, candidate));
                        return;
                    }
                }
                loop.execute(() -> scheduleReadWriteProbe(Math.min(RW_PROBE_MAX_NANOS, delayNanos * 2), attempt));
            });
        }, delayNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * ZooKeeper's read-only servers refuse to resume a global session (they just close). When the
     * server that closed on us says it is read-only, ask for a local read-only session instead; the
     * global one is kept and resumed once a read-write server is back.
     */
    private void checkReadOnlyRefusal(HostAndPort server) {
        Thread.ofVirtual().name("zk-async-ro-check").start(() -> {
            String answer;
            try {
                answer = FourLetterWords.send(config.tls(), server, "isro", Duration.ofSeconds(1));
            } catch (RuntimeException unreachable) {
                return;
            }
            if (answer.trim().equals("ro")) {
                loop.execute(() -> {
                    if (!keeperState.isConnected()) {
                        log.info("{} is read-only and refuses the global session; asking it for a local read-only "
                                + "session until a read-write server is back", server);
                        preferLocalSession = true;
                    }
                });
            }
        });
    }

    private void moveToReadWrite(int attempt, HostAndPort server) {
        if (attempt != generation || keeperState != KeeperState.CONNECTED_RO) {
            return;
        }
        log.info("Read-write server {} found; leaving read-only {}", server, serverView);
        preferLocalSession = false;
        hosts.preferNext(server);
        candidates.clear();
        connectionLost(generation, new ConnectionLossException(null, "moving to read-write server " + server, null));
    }

    /**
     * Re-registers every watch on the new connection with SetWatches2, in batches under ZooKeeper's
     * frame limit. The server reports one-shot watches' changes missed since {@code lastZxid}.
     */
    private int resendWatches() {
        if (watches.isEmpty()) {
            return 0;
        }
        int batches = 0;
        List<List<String>> kinds = List.of(watches.dataPaths(), watches.existPaths(), watches.childPaths(),
                watches.persistentPaths(), watches.recursivePaths());
        int kind = 0;
        int index = 0;
        while (kind < kinds.size()) {
            List<List<String>> batch = new ArrayList<>();
            for (int k = 0; k < kinds.size(); k++) {
                batch.add(new ArrayList<>());
            }
            int bytes = 0;
            while (kind < kinds.size() && bytes < SET_WATCHES_MAX_BYTES) {
                if (index >= kinds.get(kind).size()) {
                    kind++;
                    index = 0;
                    continue;
                }
                String p = kinds.get(kind).get(index++);
                batch.get(kind).add(p);
                bytes += 4 + p.length() * 3;
            }
            ByteBuf frame = Frames.newRequest(alloc, OpCode.SET_WATCHES2, bytes + 32);
            frame.writeLong(lastZxid);
            for (List<String> paths : batch) {
                Jute.writeStringList(frame, paths);
            }
            Frames.finish(frame);
            queued.incrementAndGet();
            write(new Operation<Void>(OpCode.SET_WATCHES2, null, null, frame, (b, ch) -> null, null, null, null,
                    Long.MAX_VALUE));
            batches++;
        }
        if (persistentRenewed) {
            persistentRenewed = false;
            WatchedEvent event = new WatchedEvent(EventType.NONE, KeeperState.CONNECTED, null, WatchedEvent.NO_ZXID);
            for (Watcher w : watches.persistentWatchers()) {
                handler.dispatch(() -> w.process(event));
            }
        }
        return batches;
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
        if (!running && phase == Phase.IDLE) {
            op.fail(notRunningFailure(op.path));
            return;
        }
        queued.incrementAndGet();
        if (waiting.isEmpty() && canWrite()) {
            write(op);
            flushIfNeeded();
        } else {
            waiting.add(op);
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
            saslFailed(generation, "the server closed the connection during SASL " + config.sasl().mechanism()
                    + " authentication (" + messageOf(cause) + ")");
            return;
        }
        lastFailure = messageOf(cause);
        failPending(lossFailure(cause, serverView));
        if (was == Phase.HANDSHAKE && config.readOnly() && askedSessionId != 0 && askedSessionId == rwSessionId
                && currentHost != null) {
            checkReadOnlyRefusal(currentHost);
        }
        if (was == Phase.CONNECTED || was == Phase.AUTHENTICATING) {
            stats.disconnects++;
        }
        if (was == Phase.CONNECTED || was == Phase.AUTHENTICATING || was == Phase.HANDSHAKE) {
            log.info("Connection to {} lost ({}); reconnecting", serverView, messageOf(cause));
        } else {
            log.debug("Connection attempt to {} failed: {}", serverView, messageOf(cause));
        }
        phase = Phase.CONNECTING;
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
        Channel ch = channel;
        channel = null;
        pingOutstanding = false;
        needsFlush = false;
        readsPaused = false; // a new channel reads from the start; a pending resume at most ends its first pause early
        batching.reset();
        framesThisRead = 0;
        authReplaysOutstanding = 0;
        watchBatchesPending = 0;
        if (ch != null) {
            ch.close();
        }
    }

    /** Builds the failure of one request, so that its message names the request's path. */
    @FunctionalInterface
    private interface Failure {
        KazooException forPath(String path);
    }

    private void failPending(Failure failure) {
        Operation<?> op;
        while ((op = pending.poll()) != null) {
            if (!op.abandoned && !op.internal()) {
                op.fail(failure.forPath(op.path));
            }
        }
        stats.inFlight = 0;
        if (drainState.get() == DRAIN_AT_READ) {
            loop.execute(drainTask); // no more replies on this connection; send (or queue) on the next turn
        }
        while ((op = authPending.poll()) != null) {
            op.fail(failure.forPath(op.path));
        }
    }

    private void failEverything(Failure failure) {
        failPending(failure);
        Operation<?> op;
        while ((op = waiting.poll()) != null) {
            queued.decrementAndGet();
            op.fail(failure.forPath(op.path));
        }
        while ((op = submissions.poll()) != null) {
            queued.decrementAndGet();
            op.fail(failure.forPath(op.path));
        }
    }

    private static Failure lossFailure(Throwable cause, String server) {
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
        String detail = "session 0x" + Long.toHexString(sessionId) + " expired";
        failEverything(path -> new SessionExpiredException(path, detail, null));
        // One-shot watches die with the session; persistent ones are re-added on the next one and
        // then told (NONE) that they may have missed events.
        fire(watches.drainOneShot(), KeeperState.EXPIRED_SESSION);
        persistentRenewed = !watches.persistentWatchers().isEmpty();
        forgetSession();
        setKeeperState(KeeperState.CONNECTING);
    }

    /** Stops for good (auth failed, or no server in the allowed cycles): LOST, and no reconnects. */
    private void giveUp(KazooException failure, KeeperState state) {
        log.warn("Giving up on the session: {}", failure.getMessage());
        terminalFailure = failure;
        running = false;
        cancel(ticker);
        cancel(reconnectTimer);
        dropChannel();
        failEverything(path -> failure);
        fireNone(state);
        forgetSession();
        phase = Phase.IDLE;
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

    // ------------------------------------------------------------------ requests, event loop

    private void drain() {
        drainState.set(DRAIN_IDLE);
        Operation<?> op;
        while ((op = submissions.poll()) != null) {
            if (!running && phase == Phase.IDLE) {
                queued.decrementAndGet();
                op.fail(notRunningFailure(op.path));
            } else if (waiting.isEmpty() && canWrite()) {
                write(op);
            } else {
                waiting.add(op);
            }
        }
        flushIfNeeded();
    }

    private boolean canWrite() {
        return phase == Phase.CONNECTED && pending.size() < config.maxInFlight() && channel.isWritable();
    }

    private void writeWaiting() {
        Operation<?> op;
        while (canWrite() && (op = waiting.poll()) != null) {
            write(op);
        }
    }

    private void write(Operation<?> op) {
        queued.decrementAndGet();
        if (op.result != null && op.result.ready()) {
            op.releaseFrame(); // cancelled or timed out while waiting
            return;
        }
        ByteBuf frame = op.frame;
        op.frame = null;
        if (op.opCode == OpCode.AUTH) {
            authPending.add(op);
        } else {
            xid = Xid.next(xid);
            op.xid = xid;
            Frames.setXid(frame, xid);
            pending.add(op);
            batching.sent(xid);
        }
        stats.bytesSent += frame.readableBytes();
        stats.inFlight = pending.size();
        channel.write(frame, channel.voidPromise());
        needsFlush = true;
    }

    private void flushIfNeeded() {
        if (needsFlush && channel != null) {
            needsFlush = false;
            channel.flush();
            lastSendNanos = System.nanoTime();
        }
    }

    /** Registers the credential for replay once the server accepted it. */
    private void rememberAuth(Operation<?> op) {
        if (op.attachment instanceof AuthInfo auth && !authInfo.contains(auth)) {
            authInfo.add(auth);
        }
    }

    // ------------------------------------------------------------------ replies, event loop

    void onFrame(int attempt, ByteBuf frame) {
        if (attempt != generation) {
            return;
        }
        lastRecvNanos = System.nanoTime();
        framesThisRead++;
        stats.bytesReceived += frame.readableBytes() + 4;
        try {
            if (phase == Phase.HANDSHAKE && frame.readableBytes() == 16) {
                // Not a ConnectResponse but a ReplyHeader: the server refused to open the session.
                frame.skipBytes(12);
                ErrorCode code = ErrorCode.of(frame.readInt());
                connectionLost(attempt, new ConnectionLossException(null, serverView + " refused the session with "
                        + code.wireName() + (code == ErrorCode.NOT_READONLY
                        ? " (a read-only server creates sessions only with localSessionsEnabled=true)" : ""), null));
                return;
            }
            if (phase == Phase.HANDSHAKE) {
                String head = io.netty.buffer.ByteBufUtil.hexDump(frame, frame.readerIndex(),
                        Math.min(48, frame.readableBytes()));
                try {
                    onConnectResponse(ConnectResponse.decode(frame));
                } catch (MalformedFrameException e) {
                    throw new MalformedFrameException(e.getMessage() + " (handshake frame starts " + head + ")");
                }
                return;
            }
            int replyXid = Jute.readInt(frame);
            long zxid = Jute.readLong(frame);
            int err = Jute.readInt(frame);
            switch (replyXid) {
                case Xid.NOTIFICATION -> onNotification(frame, zxid);
                case Xid.PING -> pingOutstanding = false;
                case Xid.AUTH -> onAuthReply(err);
                default -> onReply(replyXid, zxid, err, frame);
            }
        } catch (MalformedFrameException e) {
            connectionLost(attempt, new ProtocolException("undecodable frame from " + serverView + ": "
                    + e.getMessage(), e));
        }
    }

    void onReadComplete(int attempt) {
        if (attempt == generation) {
            int frames = framesThisRead;
            framesThisRead = 0;
            long pause = phase == Phase.CONNECTED && !readsPaused ? batching.afterRead(frames, stats.inFlight) : 0;
            if (pause > 0) {
                readsPaused = true; // before looking at drainState: see confirmReadIsComing
            }
            if (drainState.get() == DRAIN_AT_READ) {
                drain(); // what callbacks submitted meanwhile (see scheduleDrain); flushes
            }
            writeWaiting();
            flushIfNeeded();
            if (pause > 0) {
                channel.config().setAutoRead(false);
                stats.readPauses++;
                loop.schedule(resumeReads, pause, TimeUnit.NANOSECONDS);
            }
        }
    }

    /** The end of a read pause: reading again picks up every reply that gathered meanwhile. */
    private void resumeReads() {
        if (readsPaused) {
            readsPaused = false;
            if (channel != null) {
                channel.config().setAutoRead(true);
            }
        }
    }

    void onWritable(int attempt) {
        if (attempt == generation && channel != null && channel.isWritable()) {
            writeWaiting();
            flushIfNeeded();
        }
    }

    private void onReply(int replyXid, long zxid, int err, ByteBuf body) {
        Operation<?> op = pending.poll();
        if (op == null || op.xid != replyXid) {
            if (op != null) {
                pending.addFirst(op);
            }
            connectionLost(generation, new ProtocolException("xid out of order: got " + replyXid + ", expected "
                    + (op == null ? "no reply" : String.valueOf(op.xid)) + " from " + serverView));
            return;
        }
        stats.inFlight = pending.size();
        batching.answered(replyXid, lastRecvNanos);
        if (zxid > 0) {
            lastZxid = zxid;
            lastZxidView = zxid;
        }
        if (op.opCode == OpCode.SASL) {
            onSaslReply(err, body);
            return;
        }
        try {
            complete(op, err, body);
        } catch (MalformedFrameException e) {
            op.fail(new ProtocolException("undecodable " + OpCode.name(op.opCode) + " reply from " + serverView
                    + ": " + e.getMessage(), e));
            throw e;
        }
        if (op.opCode == OpCode.CLOSE_SESSION) {
            finishStop(null);
        }
    }

    private <T> void complete(Operation<T> op, int err, ByteBuf body) {
        if (op.internal()) {
            if (err != 0) {
                log.warn("{} failed: {}", OpCode.name(op.opCode), ErrorCode.of(err));
            }
            if (op.opCode == OpCode.SET_WATCHES2 && watchBatchesPending > 0 && --watchBatchesPending == 0
                    && phase == Phase.CONNECTED) {
                announceConnected();
            }
            return;
        }
        if (op.abandoned) {
            return;
        }
        if (err == 0 || (op.decoder.decodesErrors() && body.isReadable())) {
            T value = op.decoder.decode(body, config.chroot());
            registerWatch(op, true);
            op.succeed(value);
        } else if (op.decoder.nullOnError(err)) {
            registerWatch(op, false);
            op.succeed(null);
        } else {
            op.fail(ZooKeeperException.of(err, op.path));
        }
    }

    private void registerWatch(Operation<?> op, boolean exists) {
        if (op.watcher == null) {
            return;
        }
        switch (op.watchKind) {
            case DATA -> watches.addData(op.serverPath, op.watcher);
            case EXISTS -> {
                if (exists) {
                    watches.addData(op.serverPath, op.watcher);
                } else {
                    watches.addExist(op.serverPath, op.watcher);
                }
            }
            case CHILD -> watches.addChild(op.serverPath, op.watcher);
            case PERSISTENT -> watches.addPersistent(op.serverPath, op.watcher, false);
            case PERSISTENT_RECURSIVE -> watches.addPersistent(op.serverPath, op.watcher, true);
        }
    }

    private void onNotification(ByteBuf body, long zxid) {
        int type = Jute.readInt(body);
        Jute.readInt(body); // the server's state: always SyncConnected
        String serverPath = Jute.readString(body);
        EventType eventType = EventType.fromWire(type);
        if (eventType == null || serverPath == null) {
            log.debug("Ignoring notification of unknown type {} for {}", type, serverPath);
            return;
        }
        List<Watcher> fired = watches.materialize(eventType, serverPath);
        if (fired.isEmpty()) {
            return;
        }
        WatchedEvent event = new WatchedEvent(eventType, keeperState,
                ZkPaths.stripChroot(config.chroot(), serverPath), zxid);
        stats.watchEvents += fired.size();
        for (Watcher w : fired) {
            handler.dispatch(() -> w.process(event));
        }
    }

    private void onAuthReply(int err) {
        if (authReplaysOutstanding > 0) {
            authReplaysOutstanding--;
            if (err != 0) {
                authFailed(err, null);
            } else if (authReplaysOutstanding == 0 && phase == Phase.AUTHENTICATING) {
                finishConnect(readOnlyPending);
            }
            return;
        }
        Operation<?> op = authPending.poll();
        if (op == null) {
            log.debug("Auth reply with no auth request waiting");
            return;
        }
        if (err != 0) {
            authFailed(err, op);
        } else {
            rememberAuth(op);
            @SuppressWarnings("unchecked")
            Operation<Boolean> auth = (Operation<Boolean>) op;
            auth.succeed(Boolean.TRUE);
        }
    }

    private void authFailed(int err, Operation<?> op) {
        AuthFailedException failure = new AuthFailedException(null, "the server refused the credentials"
                + (op != null && op.attachment instanceof AuthInfo a ? " for scheme " + a.scheme() : "")
                + " (" + ErrorCode.of(err) + ")", null);
        if (op != null) {
            op.fail(failure);
        }
        giveUp(failure, KeeperState.AUTH_FAILED);
    }

    // ------------------------------------------------------------------ timers, event loop

    private void tick() {
        long now = System.nanoTime();
        int drainWanted = drainState.get();
        if (drainWanted == DRAIN_DEFERRED || drainWanted == DRAIN_AT_READ) {
            drain(); // a callback that submitted and then blocked on something else: send anyway
        }
        expireRequests(now);
        if (channel == null || phase == Phase.CONNECTING || phase == Phase.IDLE) {
            return;
        }
        long silence = now - lastRecvNanos;
        long readTimeout = phase == Phase.HANDSHAKE
                ? handshakeTimeoutNanos()
                : TimeUnit.MILLISECONDS.toNanos(negotiatedTimeout * 2L / 3);
        if (silence > readTimeout) {
            connectionLost(generation, new ConnectionLossException(null, "no reply from " + serverView + " for "
                    + TimeUnit.NANOSECONDS.toMillis(silence) + " ms", null));
            return;
        }
        long pingInterval = TimeUnit.MILLISECONDS.toNanos(negotiatedTimeout / 3L);
        if ((phase == Phase.CONNECTED || phase == Phase.AUTHENTICATING) && !pingOutstanding
                && now - lastSendNanos >= pingInterval) {
            pingOutstanding = true;
            channel.writeAndFlush(Frames.ping(), channel.voidPromise());
            lastSendNanos = now;
        }
    }

    private void expireRequests(long now) {
        for (Iterator<Operation<?>> it = waiting.iterator(); it.hasNext(); ) {
            Operation<?> op = it.next();
            if (now - op.deadlineNanos > 0) {
                it.remove();
                queued.decrementAndGet();
                op.fail(new RequestTimeoutException(op.path, "not sent within its deadline (client "
                        + keeperState + ")", null));
            }
        }
        for (Operation<?> op : pending) {
            if (!op.abandoned && !op.internal() && now - op.deadlineNanos > 0) {
                op.abandoned = true;
                op.fail(new RequestTimeoutException(op.path, "no reply from " + serverView + " within its deadline",
                        null));
            }
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
