package dev.zkasync.client.session;

import dev.zkasync.client.connect.HostAndPort;
import dev.zkasync.client.exception.ConnectionClosedException;
import dev.zkasync.client.exception.ConnectionLossException;
import dev.zkasync.client.exception.ErrorCode;
import dev.zkasync.client.exception.KazooException;
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
import dev.zkasync.client.protocol.MalformedFrameException;
import dev.zkasync.client.protocol.OpCode;
import dev.zkasync.client.state.ClientId;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.client.state.KazooStateListener;
import dev.zkasync.client.state.KeeperState;
import dev.zkasync.client.state.StartEvent;
import dev.zkasync.client.watch.WatchCounts;
import dev.zkasync.client.watch.Watcher;
import dev.zkasync.client.watch.WatcherType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One ZooKeeper session across any number of connections: its state machine, and the wiring of
 * the collaborators that each do one job on the session's event loop: the {@link RequestPipeline}
 * (queues, xids, writes, reply matching, deadlines), the {@link Handshake} (connect, SASL, auth
 * replay, watch re-registration), {@link ReadOnlyFailover}, the {@link Connector} (host cycle,
 * DNS, channels), the {@link StatePublisher} (states to listeners and waiters) and
 * {@link WatchRemoval}.
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
    private final long requestTimeoutNanos;
    private final RequestObserver observer;
    private final WatchRegistry watches = new WatchRegistry();
    private final RequestPipeline pipeline;
    private final SessionStats stats;
    private final Handshake handshake;
    private final Connector connector;
    private final ReadOnlyFailover failover;
    private final WatchRemoval watchRemoval;

    // Shared with callers' threads.
    private final StatePublisher state;
    private final Object lifecycle = new Object();
    private volatile boolean running;
    private volatile boolean closed;
    private volatile boolean everStarted;
    private volatile KazooException terminalFailure;
    private volatile Throwable lastFailure;

    // Event loop only.
    private Phase phase = Phase.IDLE;
    private int generation;
    private LoopTicker ticker;
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
        this.state = new StatePublisher(handler);
        this.pipeline = new RequestPipeline(config, loop, watches, new PipelineOwner());
        this.stats = pipeline.stats();
        this.handshake = new Handshake(this, config, loop, alloc, pipeline, watches);
        this.connector = new Connector(this, config, transport, loop, pipeline, handshake);
        this.watchRemoval = new WatchRemoval(config, alloc, watches, pipeline);
        this.failover = new ReadOnlyFailover(this, config, loop, connector, handshake);
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
        return state.keeperState();
    }

    public KazooState kazooState() {
        return state.kazooState();
    }

    public boolean connected() {
        return state.keeperState().isConnected();
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
        return connected() ? connector.server() : null;
    }

    /** How long the client has been in its current {@link KeeperState}. */
    public Duration timeInState() {
        return state.timeInState();
    }

    /** Why the last connection attempt or connection failed, for error messages; null if none did. */
    public Throwable lastFailure() {
        return lastFailure;
    }

    /** The connection's counters, read without I/O. */
    public ClientStats stats() {
        return stats;
    }

    /** The watchers held, by kind (see {@link WatchRegistry#countOn}). */
    public WatchCounts watchCounts() {
        return watches.countOn(loop);
    }

    public void addListener(KazooStateListener listener) {
        state.addListener(listener);
    }

    public void removeListener(KazooStateListener listener) {
        state.removeListener(listener);
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
        return state.live();
    }

    /**
     * Closes the session (its ephemeral nodes go at once) and waits, a bounded time, until it is
     * done. The session can be started again afterwards, as a new session.
     */
    public void stop() {
        CountDownLatch done = new CountDownLatch(1);
        synchronized (lifecycle) {
            if (!running && state.keeperState() == KeeperState.CLOSED) {
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

    /**
     * Runs {@code task} on the handler after {@code delayNanos}; the event loop only keeps the time.
     * Cancel the returned future to drop the task.
     */
    public Future<?> schedule(Runnable task, long delayNanos) {
        try {
            return loop.schedule(() -> handler.dispatch(task), delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shutDown) {
            return LateTimer.schedule(handler, task, delayNanos); // the group went with the last client on it
        }
    }

    /** Sets the hosts for the next connection attempts (the current connection stays). */
    public void setHosts(List<HostAndPort> newHosts) {
        loop.execute(() -> connector.replaceHosts(newHosts));
    }

    // ------------------------------------------------------------------ watch removal

    /**
     * Removes {@code watcher} (all watchers when null) of {@code type} on the path: locally at once,
     * and on the server only when no local watcher of that type is left there.
     */
    public void removeWatches(String path, String serverPath, Watcher watcher, WatcherType type,
                              DefaultAsyncResult<Void> result) {
        loop.execute(() -> watchRemoval.remove(path, serverPath, watcher, type, result, state.keeperState(), running,
                deadline()));
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

    /** A new connection attempt: events of the older ones are stale from now on. */
    int newGeneration() {
        return ++generation;
    }

    /** The server of the current connection attempt ({@code host:port}), for messages. */
    String server() {
        return connector.server();
    }

    HostAndPort currentHost() {
        return connector.currentHost();
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
        state.set(KeeperState.CONNECTING);
        long tick = Math.max(10, Math.min(100, config.sessionTimeout().toMillis() / 30));
        ticker = LoopTicker.join(loop, tick, this);
        enter(Phase.CONNECTING);
        connectNext();
    }

    private void beginStop(CountDownLatch done) {
        stopped = done;
        restartAfterStop = false;
        if (phase == Phase.CONNECTED) {
            log.info("Closing session 0x{} on {}", Long.toHexString(handshake.sessionId()), connector.server());
            enter(Phase.CLOSING);
            Operation<Void> close = new Operation<>("close", CloseSession.OP_CODE, null, null,
                    CloseSession.request(alloc), (b, c) -> null, null, null, null, Long.MAX_VALUE);
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
            log.warn("Closed session 0x{} unconfirmed: {}", Long.toHexString(handshake.sessionId()), why);
        }
        stopTicking();
        connector.cancelTimer();
        if (closeTimer != null) {
            closeTimer.cancel(false);
        }
        dropChannel();
        pipeline.failEverything(path -> new ConnectionClosedException(path, "the client was stopped", null));
        watchRemoval.dropped(watches.drainAll(), KeeperState.CLOSED);
        forgetSession();
        handshake.resetAuth();
        enter(Phase.IDLE);
        terminalFailure = null;
        state.set(KeeperState.CLOSED);
        state.giveUp();
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
        if (!connector.connectNext()) {
            giveUp(new ConnectionLossException(null, "no server reachable after " + connector.hosts().failedCycles()
                    + " cycles through " + config.hosts(), null), KeeperState.CLOSED);
        }
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

    /** The handshake offers {@code server} the global session instead of a local one: on a new connection. */
    void reconnectTo(HostAndPort server) {
        dropChannel();
        connector.preferNext(server);
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
        connector.established();
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
        // Writing the watches may find the connection closed and lose it: nothing to announce then.
        if (phase == Phase.CONNECTED && !handshake.watchesPending()) {
            announceConnected();
        }
    }

    /**
     * CONNECTED is announced once the server has re-armed every watch, so a listener that reacts
     * to it cannot race a change that the (catch-up-less) persistent watches would miss.
     */
    private void announceConnected() {
        boolean readOnly = handshake.readOnly();
        state.set(readOnly ? KeeperState.CONNECTED_RO : KeeperState.CONNECTED);
        if (readOnly) {
            failover.connectedReadOnly(generation);
        }
    }

    /** Read-only failover found a read-write server: connect there next. */
    void moveTo(HostAndPort server) {
        connector.preferNext(server);
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
            connectionLost(attempt, new ProtocolException("undecodable frame from " + connector.server() + ": "
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
            return state.keeperState();
        }

        @Override
        public String server() {
            return connector.server();
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
        lastFailure = cause;
        if (connector.refusedByEveryHost(cause)) {
            state.giveUp(); // start() stops waiting: a configuration mistake; the client itself keeps trying
        }
        pipeline.failPending(RequestPipeline.Failure.connectionLost(cause, connector.server()));
        HostAndPort host = connector.currentHost();
        if (was == Phase.HANDSHAKE && config.readOnly() && handshake.askedForGlobalSession() && host != null) {
            failover.checkReadOnlyRefusal(host);
        }
        if (was == Phase.CONNECTED || was == Phase.AUTHENTICATING) {
            stats.disconnects++;
        }
        if (cause instanceof ProtocolException) {
            // Not an ordinary disconnect: the server (or something posing as it) is broken.
            log.warn("Server {} broke the protocol ({}); reconnecting", connector.server(), messageOf(cause));
        } else if (was == Phase.CONNECTED || was == Phase.AUTHENTICATING) {
            // A live connection's loss is the one warning of an outage; the retries after it are not news.
            log.warn("Connection to {} lost ({}); reconnecting", connector.server(), messageOf(cause));
        } else {
            log.debug("Connection attempt to {} failed: {}", connector.server(), messageOf(cause));
        }
        enter(Phase.CONNECTING);
        if (state.keeperState().isConnected()) {
            state.set(KeeperState.CONNECTING);
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

    private void sessionExpired() {
        stats.expirations++;
        state.set(KeeperState.EXPIRED_SESSION);
        String detail = "session 0x" + Long.toHexString(handshake.sessionId()) + " expired";
        pipeline.failEverything(path -> new SessionExpiredException(path, detail, null));
        // One-shot watches die with the session; persistent ones are re-added on the next one and
        // then told (NONE) that they may have missed events.
        watchRemoval.dropped(watches.drainOneShot(), KeeperState.EXPIRED_SESSION);
        handshake.renewPersistentWatches(!watches.persistentWatchers().isEmpty());
        forgetSession();
        state.set(KeeperState.CONNECTING);
    }

    /** Stops for good (auth failed, or no server in the allowed cycles): LOST, and no reconnects. */
    void giveUp(KazooException failure, KeeperState endState) {
        log.warn("Giving up on the session: {}", failure.getMessage());
        terminalFailure = failure;
        running = false;
        stopTicking();
        connector.cancelTimer();
        dropChannel();
        pipeline.failEverything(path -> failure);
        watchRemoval.dropped(watches.drainAll(), endState);
        forgetSession();
        enter(Phase.IDLE);
        state.set(endState);
        state.giveUp();
    }

    // ------------------------------------------------------------------ timers, event loop

    /** Pings at a third of the negotiated timeout; a server silent for two thirds of it is gone. */
    void tick() {
        long now = System.nanoTime();
        handler.trimIdle();
        pipeline.onTick(now);
        if (!pipeline.hasChannel() || phase == Phase.CONNECTING || phase == Phase.IDLE) {
            return;
        }
        long silence = pipeline.silenceNanos(now);
        int negotiated = handshake.negotiatedTimeout();
        long readTimeout = phase == Phase.HANDSHAKE
                ? connector.handshakeTimeoutNanos()
                : TimeUnit.MILLISECONDS.toNanos(negotiated * 2L / 3);
        if (silence > readTimeout) {
            if (phase == Phase.HANDSHAKE) {
                connector.handshakeSilent();
            }
            connectionLost(generation, new ConnectionLossException(null, "no reply from " + connector.server() + " for "
                    + TimeUnit.NANOSECONDS.toMillis(silence) + " ms", null));
            return;
        }
        if (phase == Phase.CONNECTED || phase == Phase.AUTHENTICATING) {
            pipeline.pingIfIdle(now, TimeUnit.MILLISECONDS.toNanos(negotiated / 3L));
        }
    }

    private void stopTicking() {
        if (ticker != null) {
            ticker.leave(this);
            ticker = null;
        }
    }
}
