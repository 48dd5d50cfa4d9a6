package dev.zkasync.client.session;

import dev.zkasync.client.exception.ConnectionLossException;
import dev.zkasync.client.exception.KazooException;
import dev.zkasync.client.exception.ProtocolException;
import dev.zkasync.client.exception.RequestDeadlineException;
import dev.zkasync.client.exception.ZooKeeperException;
import dev.zkasync.client.handler.Handler;
import dev.zkasync.client.path.ZkPaths;
import dev.zkasync.client.protocol.Frames;
import dev.zkasync.client.protocol.Jute;
import dev.zkasync.client.protocol.MalformedFrameException;
import dev.zkasync.client.protocol.Notification;
import dev.zkasync.client.protocol.OpCode;
import dev.zkasync.client.protocol.Ping;
import dev.zkasync.client.protocol.Xid;
import dev.zkasync.client.state.KeeperState;
import dev.zkasync.client.watch.EventType;
import dev.zkasync.client.watch.WatchedEvent;
import dev.zkasync.client.watch.Watcher;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.internal.PlatformDependent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The session's request pipeline on one connection after another: the hand-off queue from callers'
 * threads, the drain onto the event loop, xids, writes and flushes, matching replies to requests,
 * deadlines, read pauses that batch replies, pings, and watch notifications.
 *
 * <p>Every mutable field below the "event loop only" line belongs to the session's event loop.
 * Callers on other threads reach it through an MPSC queue and a CAS-guarded wake-up: one loop task
 * per batch of requests, one flush per batch. Requests arrive encoded; the loop only stamps the xid
 * and writes. What is not a request's business (connection state, the session's own requests'
 * replies, auth replies) goes to the {@link Owner}.
 */
final class RequestPipeline {
    /** The session's logger: the messages are the session's, wherever its code sits. */
    private static final Logger log = LoggerFactory.getLogger(Session.class);
    /** Slots per array of the submission queue, which is allocated one such array at a time. */
    private static final int SUBMISSION_CHUNK = 64;
    /** Empty for good: most sessions never queue for the connection nor send auth. */
    private static final ArrayDeque<Operation<?>> NO_OPS = new ArrayDeque<>(0);
    private static final VarHandle SUBMISSIONS;

    static {
        try {
            SUBMISSIONS = MethodHandles.lookup().findVarHandle(RequestPipeline.class, "submissions", Queue.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
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

    /** What the pipeline needs from the session that owns it; called on the event loop only. */
    interface Owner {
        /** Whether the session takes no requests at all: stopped, not merely disconnected. */
        boolean refusesRequests();

        /** Why a request cannot be taken while the session {@link #refusesRequests refuses} them. */
        KazooException notRunningFailure(String path);

        /** The connection broke the protocol: it must be dropped. */
        void protocolFault(ProtocolException fault);

        /** A reply to one of the session's own requests (close, SASL token, SetWatches2). */
        void internalReply(int opCode, int err, ByteBuf body);

        /** A reply to an auth request: the session's replay or an application's ({@link #nextAuthRequest}). */
        void authReply(int err);

        /** The state watch events report. */
        KeeperState keeperState();

        /** The server of the connection, for messages. */
        String server();
    }

    /** Builds the failure of one request, so that its message names the request's path. */
    @FunctionalInterface
    interface Failure {
        KazooException forPath(String path);

        /** What the requests a lost connection took with it fail with: its protocol error, or a connection loss. */
        static Failure connectionLost(Throwable cause, String server) {
            if (cause instanceof ProtocolException protocol) {
                return path -> protocol;
            }
            String detail = cause instanceof ConnectionLossException loss && loss.getMessage() != null
                    ? loss.getMessage().replaceFirst("^CONNECTIONLOSS(: )?", "")
                    : "connection to " + server + " lost: "
                    + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
            return path -> new ConnectionLossException(path, detail, cause);
        }
    }

    private final EventLoop loop;
    private final Handler handler;
    private final Owner owner;
    private final WatchRegistry watches;
    private final String chroot;
    private final int maxInFlight;
    private final int maxQueued;
    private final ReplyBatching batching;

    // Shared with callers' threads.
    /** Made on the first request: an idle session does without its padded queue and first chunk. */
    private volatile Queue<Operation<?>> submissions;
    /** Who drains the submissions next: {@link #DRAIN_IDLE}, {@link #DRAIN_SCHEDULED}, {@link #DRAIN_DEFERRED} or {@link #DRAIN_AT_READ}. */
    private final AtomicInteger drainState = new AtomicInteger();
    private final Runnable drainKick = this::kickDeferredDrain;
    private final Runnable drainTask = this::drain;
    private final AtomicInteger queued = new AtomicInteger();
    private final SessionStats stats = new SessionStats(queued);
    /**
     * The loop has stopped reading for a moment (see {@link ReplyBatching}); written by the loop,
     * read by the handler thread, whose requests must then wake the loop instead of riding on a read.
     */
    private volatile boolean readsPaused;
    private volatile long lastZxidView;

    // Event loop only.
    private Channel channel;
    /** The session is connected and authenticated: requests may go out. */
    private boolean accepting;
    // Grown on use; the two rarely used ones start as the shared empty deque, read and never added to.
    private final ArrayDeque<Operation<?>> pending = new ArrayDeque<>(0);
    private ArrayDeque<Operation<?>> waiting = NO_OPS;
    private ArrayDeque<Operation<?>> authPending = NO_OPS;
    private int xid;
    private long lastZxid;
    private long lastRecvNanos;
    private long lastSendNanos;
    private boolean pingOutstanding;
    private boolean needsFlush;
    /** Frames the current read has carried so far. */
    private int framesThisRead;
    private final Runnable resumeReads = this::resumeReads;

    RequestPipeline(SessionConfig config, EventLoop loop, WatchRegistry watches, Owner owner) {
        this.loop = loop;
        this.handler = config.handler();
        this.owner = owner;
        this.watches = watches;
        this.chroot = config.chroot();
        this.maxInFlight = config.maxInFlight();
        this.maxQueued = config.maxQueued();
        this.batching = new ReplyBatching(config.replyBatchWindow().toNanos(), System::nanoTime);
    }

    private Queue<Operation<?>> submissions() {
        Queue<Operation<?>> q = submissions;
        if (q == null) {
            // Small chunks: Netty's default chunk is a 1,024-slot array a session would hold for its whole life.
            Queue<Operation<?>> made = PlatformDependent.newMpscQueue(SUBMISSION_CHUNK, submissionCapacity(maxQueued));
            q = SUBMISSIONS.compareAndSet(this, null, made) ? made : submissions;
        }
        return q;
    }

    /** Room for every request {@link #offer} lets in; the queue's own bound is a power of two up to 2^30. */
    private static int submissionCapacity(int maxQueued) {
        int atLeast = Math.max(maxQueued, 2 * SUBMISSION_CHUNK);
        return atLeast >= 1 << 30 ? 1 << 30 : Integer.highestOneBit(atLeast - 1) << 1;
    }

    SessionStats stats() {
        return stats;
    }

    /** The newest zxid seen, readable from any thread. */
    long lastZxidView() {
        return lastZxidView;
    }

    // ------------------------------------------------------------------ any thread

    /**
     * Hands an encoded request to the event loop; false, and nothing queued, when the queue is
     * already at its bound.
     */
    boolean offer(Operation<?> op) {
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            return false;
        }
        if (!submissions().offer(op)) { // only past 2^30 waiting requests
            queued.decrementAndGet();
            return false;
        }
        scheduleDrain();
        return true;
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

    // ------------------------------------------------------------------ connections, event loop

    /** The channel of a new connection attempt; nothing is sent on it until the session says so. */
    void attach(Channel ch) {
        channel = ch;
    }

    /** Forgets the current channel and everything tied to it; returns it, or null, for closing. */
    Channel detach() {
        Channel ch = channel;
        channel = null;
        accepting = false;
        pingOutstanding = false;
        needsFlush = false;
        readsPaused = false; // a new channel reads from the start; a pending resume at most ends its first pause early
        batching.reset();
        framesThisRead = 0;
        return ch;
    }

    boolean hasChannel() {
        return channel != null;
    }

    /** Opens or closes the gate for requests: open exactly while the session is connected. */
    void accepting(boolean open) {
        accepting = open && channel != null;
    }

    /** Sends the ConnectRequest, the only frame on a new connection until its answer. */
    void sendConnect(ByteBuf request) {
        stats.bytesSent += request.readableBytes();
        channel.writeAndFlush(request, channel.voidPromise());
        lastSendNanos = System.nanoTime();
    }

    /** Writes a frame outside the request queues (an auth replay); {@link #flushNow} sends it. */
    void writeUnqueued(ByteBuf frame) {
        channel.write(frame, channel.voidPromise());
    }

    void flushNow() {
        channel.flush();
        lastSendNanos = System.nanoTime();
    }

    /** The server was heard from; the connection's silence is counted from now. */
    void heardFrom(long nowNanos) {
        lastRecvNanos = nowNanos;
    }

    long silenceNanos(long nowNanos) {
        return nowNanos - lastRecvNanos;
    }

    /** Pings when nothing went out for {@code intervalNanos} and no ping is unanswered. */
    void pingIfIdle(long nowNanos, long intervalNanos) {
        if (!pingOutstanding && nowNanos - lastSendNanos >= intervalNanos) {
            pingOutstanding = true;
            channel.writeAndFlush(Ping.request(), channel.voidPromise());
            lastSendNanos = nowNanos;
        }
    }

    long lastZxid() {
        return lastZxid;
    }

    void forgetZxid() {
        lastZxid = 0;
        lastZxidView = 0;
    }

    // ------------------------------------------------------------------ requests, event loop

    private void drain() {
        drainState.set(DRAIN_IDLE);
        Operation<?> op;
        Queue<Operation<?>> submitted = submissions;
        while (submitted != null && (op = submitted.poll()) != null) {
            if (owner.refusesRequests()) {
                queued.decrementAndGet();
                op.fail(owner.notRunningFailure(op.path));
            } else if (waiting.isEmpty() && canWrite()) {
                write(op);
            } else {
                waitFor(op);
            }
        }
        flush();
    }

    /** Queues an operation built on the event loop itself. */
    void enqueue(Operation<?> op) {
        if (owner.refusesRequests()) {
            op.fail(owner.notRunningFailure(op.path));
            return;
        }
        queued.incrementAndGet();
        if (waiting.isEmpty() && canWrite()) {
            write(op);
            flush();
        } else {
            waitFor(op);
        }
    }

    private void waitFor(Operation<?> op) {
        if (waiting == NO_OPS) {
            waiting = new ArrayDeque<>();
        }
        waiting.add(op);
    }

    /** Writes one of the session's own requests ahead of the queue, whatever the gate; {@link #flush} sends it. */
    void sendNow(Operation<?> op) {
        queued.incrementAndGet();
        write(op);
    }

    private boolean canWrite() {
        return accepting && pending.size() < maxInFlight && channel.isWritable();
    }

    /** Writes what waited for the connection or for room on it. */
    void writeWaiting() {
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
            if (authPending == NO_OPS) {
                authPending = new ArrayDeque<>(2);
            }
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

    void flush() {
        if (needsFlush && channel != null) {
            needsFlush = false;
            channel.flush();
            lastSendNanos = System.nanoTime();
        }
    }

    /** The application's auth request the next auth reply answers, or null. */
    Operation<?> nextAuthRequest() {
        return authPending.poll();
    }

    /** Fails every request sent on the connection; their answers will never come. */
    void failPending(Failure failure) {
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

    /** Fails every request, sent or not. */
    void failEverything(Failure failure) {
        failPending(failure);
        Operation<?> op;
        while ((op = waiting.poll()) != null) {
            queued.decrementAndGet();
            op.fail(failure.forPath(op.path));
        }
        Queue<Operation<?>> submitted = submissions;
        while (submitted != null && (op = submitted.poll()) != null) {
            queued.decrementAndGet();
            op.fail(failure.forPath(op.path));
        }
    }

    // ------------------------------------------------------------------ replies, event loop

    /** Counts a frame in, whatever it carries: the connection is alive. */
    void received(ByteBuf frame) {
        lastRecvNanos = System.nanoTime();
        framesThisRead++;
        stats.bytesReceived += frame.readableBytes() + 4;
    }

    /**
     * Dispatches a frame of an established connection by its xid. Throws
     * {@link MalformedFrameException} when the frame cannot be decoded.
     */
    void dispatch(ByteBuf frame) {
        int replyXid = Jute.readInt(frame);
        long zxid = Jute.readLong(frame);
        int err = Jute.readInt(frame);
        switch (replyXid) {
            case Xid.NOTIFICATION -> onNotification(frame, zxid);
            case Xid.PING -> pingOutstanding = false;
            case Xid.AUTH -> owner.authReply(err);
            default -> onReply(replyXid, zxid, err, frame);
        }
    }

    /** The end of one read from the socket: send what it made possible, and maybe pause reading. */
    void onReadComplete() {
        int frames = framesThisRead;
        framesThisRead = 0;
        long pause = accepting && !readsPaused ? batching.afterRead(frames, stats.inFlight) : 0;
        if (pause > 0) {
            readsPaused = true; // before looking at drainState: see confirmReadIsComing
        }
        if (drainState.get() == DRAIN_AT_READ) {
            drain(); // what callbacks submitted meanwhile (see scheduleDrain); flushes
        }
        writeWaiting();
        flush();
        if (pause > 0) {
            channel.config().setAutoRead(false);
            stats.readPauses++;
            loop.schedule(resumeReads, pause, TimeUnit.NANOSECONDS);
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

    void onWritable() {
        if (channel != null && channel.isWritable()) {
            writeWaiting();
            flush();
        }
    }

    private void onReply(int replyXid, long zxid, int err, ByteBuf body) {
        Operation<?> op = pending.poll();
        if (op == null || op.xid != replyXid) {
            if (op != null) {
                pending.addFirst(op);
            }
            owner.protocolFault(new ProtocolException("xid out of order: got " + replyXid + ", expected "
                    + (op == null ? "no reply" : String.valueOf(op.xid)) + " from " + owner.server()));
            return;
        }
        stats.inFlight = pending.size();
        batching.answered(replyXid, lastRecvNanos);
        if (zxid > 0) {
            lastZxid = zxid;
            lastZxidView = zxid;
        }
        if (op.internal()) {
            owner.internalReply(op.opCode, err, body);
            return;
        }
        try {
            complete(op, err, body);
        } catch (MalformedFrameException e) {
            op.fail(new ProtocolException("undecodable " + OpCode.name(op.opCode) + " reply from " + owner.server()
                    + ": " + e.getMessage(), e));
            throw e;
        }
    }

    private <T> void complete(Operation<T> op, int err, ByteBuf body) {
        if (op.abandoned) {
            return;
        }
        if (err == 0 || (op.decoder.decodesErrors() && body.isReadable())) {
            T value = op.decoder.decode(body, chroot);
            registerWatch(op, true);
            op.succeed(value);
        } else if (op.decoder.nullOnError(err)) {
            registerWatch(op, false);
            op.succeed(null);
        } else {
            op.fail(op.decoder.failure(err, op.path));
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
        Notification notification = Notification.decode(body);
        String serverPath = notification.serverPath();
        EventType eventType = EventType.fromWire(notification.type());
        if (eventType == null || serverPath == null) {
            log.debug("Ignoring notification of unknown type {} for {}", notification.type(), serverPath);
            return;
        }
        List<Watcher> fired = watches.materialize(eventType, serverPath);
        if (fired.isEmpty()) {
            return;
        }
        WatchedEvent event = new WatchedEvent(eventType, owner.keeperState(),
                ZkPaths.stripChroot(chroot, serverPath), zxid);
        stats.watchEvents += fired.size();
        for (Watcher w : fired) {
            handler.dispatch(() -> w.process(event));
        }
    }

    // ------------------------------------------------------------------ deadlines, event loop

    /**
     * The timer's turn: sends what a blocked callback left behind, fails requests past their
     * deadline and drops the waiting ones their callers cancelled.
     */
    void onTick(long nowNanos) {
        int drainWanted = drainState.get();
        if (drainWanted == DRAIN_DEFERRED || drainWanted == DRAIN_AT_READ) {
            drain(); // a callback that submitted and then blocked on something else: send anyway
        }
        expireRequests(nowNanos);
    }

    private void expireRequests(long now) {
        for (Iterator<Operation<?>> it = waiting.iterator(); it.hasNext(); ) {
            Operation<?> op = it.next();
            if (op.result != null && op.result.ready()) {
                // Cancelled while waiting for the connection: give its room in the queue back now.
                it.remove();
                queued.decrementAndGet();
                op.releaseFrame();
            } else if (now - op.deadlineNanos > 0) {
                it.remove();
                queued.decrementAndGet();
                op.fail(new RequestDeadlineException(op.path, "not sent within its deadline (client "
                        + owner.keeperState() + ")"));
            }
        }
        for (Operation<?> op : pending) {
            if (!op.abandoned && !op.internal() && now - op.deadlineNanos > 0) {
                op.abandoned = true;
                op.fail(new RequestDeadlineException(op.path, "no reply from " + owner.server()
                        + " within its deadline"));
            }
        }
    }
}
