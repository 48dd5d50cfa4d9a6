package dev.zkasync.client.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zkasync.client.connect.HostAndPort;
import dev.zkasync.client.exception.ConnectionLossException;
import dev.zkasync.client.exception.KazooException;
import dev.zkasync.client.exception.NoNodeException;
import dev.zkasync.client.exception.ProtocolException;
import dev.zkasync.client.exception.RequestDeadlineException;
import dev.zkasync.client.exception.RequestTimeoutException;
import dev.zkasync.client.handler.DefaultAsyncResult;
import dev.zkasync.client.handler.Handler;
import dev.zkasync.client.protocol.Frames;
import dev.zkasync.client.protocol.Jute;
import dev.zkasync.client.protocol.OpCode;
import dev.zkasync.client.protocol.SetWatches2;
import dev.zkasync.client.protocol.Xid;
import dev.zkasync.client.state.KeeperState;
import dev.zkasync.client.watch.EventType;
import dev.zkasync.client.watch.WatchedEvent;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The request pipeline alone on an {@link EmbeddedChannel}: what it writes, how it matches the
 * replies it is fed, and its deadlines on a clock the test moves. The same paths against a real
 * server are in SessionTest, ReplyBatchingTest and ProtocolFaultTest.
 */
class RequestPipelineTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final InlineHandler handler = new InlineHandler();
    private final RecordingOwner owner = new RecordingOwner();
    private final WatchRegistry watches = new WatchRegistry();
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private RequestPipeline pipeline = pipeline(100, 100);

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private RequestPipeline pipeline(int maxInFlight, int maxQueued) {
        SessionConfig config = new SessionConfig(List.of(new HostAndPort("localhost", 2181)), "", false,
                Duration.ofSeconds(10), null, Duration.ofSeconds(10), false, maxInFlight, maxQueued, 1 << 20,
                1 << 20, List.of(), null, handler, ReconnectPolicy.DEFAULT, Duration.ofSeconds(1), null, null, null,
                Duration.ZERO);
        RequestPipeline p = new RequestPipeline(config, channel.eventLoop(), watches, owner);
        p.attach(channel);
        p.accepting(true);
        return p;
    }

    /** A getData-like request for {@code path} whose reply record is one string. */
    private Operation<String> request(String path, long deadlineNanos) {
        ByteBuf frame = Frames.newRequest(channel.alloc(), OpCode.GET_DATA, 16);
        Jute.writeString(frame, path);
        Frames.finish(frame);
        return new Operation<>("get", OpCode.GET_DATA, path, path, frame, (body, chroot) -> Jute.readString(body),
                new DefaultAsyncResult<>(handler), null, null, deadlineNanos);
    }

    private Operation<String> request(String path) {
        return request(path, System.nanoTime() + 60 * SECOND);
    }

    /** Hands the operation over as a caller would and lets the loop drain it. */
    private void submit(Operation<?> op) {
        assertThat(pipeline.offer(op)).isTrue();
        channel.runPendingTasks();
    }

    /** The xid of the next frame written, and the opcode after it. */
    private int[] nextWritten() {
        ByteBuf frame = channel.readOutbound();
        assertThat(frame).as("a frame was written").isNotNull();
        try {
            assertThat(frame.getInt(0)).isEqualTo(frame.readableBytes() - 4);
            return new int[] {frame.getInt(4), frame.getInt(8)};
        } finally {
            frame.release();
        }
    }

    /** Feeds the pipeline one reply frame's body: ReplyHeader, then {@code record} if not null. */
    private void reply(int xid, long zxid, int err, String record) {
        ByteBuf body = Unpooled.buffer().writeInt(xid).writeLong(zxid).writeInt(err);
        if (record != null) {
            Jute.writeString(body, record);
        }
        try {
            pipeline.received(body);
            pipeline.dispatch(body);
        } finally {
            body.release();
        }
    }

    @Test
    void requestsGetConsecutiveXidsAndRepliesCompleteThemInOrder() {
        Operation<String> first = request("/a");
        Operation<String> second = request("/b");
        submit(first);
        submit(second);
        int[] a = nextWritten();
        int[] b = nextWritten();
        assertThat(a).containsExactly(1, OpCode.GET_DATA);
        assertThat(b).containsExactly(2, OpCode.GET_DATA);
        assertThat(pipeline.stats().inFlightRequests()).isEqualTo(2);
        assertThat(pipeline.stats().queuedRequests()).isZero();

        reply(1, 7, 0, "data of a");
        assertThat(first.result.getNow()).isEqualTo("data of a");
        assertThat(second.result.ready()).isFalse();
        reply(2, 9, 0, "data of b");
        assertThat(second.result.getNow()).isEqualTo("data of b");
        assertThat(pipeline.lastZxid()).isEqualTo(9);
        assertThat(pipeline.lastZxidView()).isEqualTo(9);
        assertThat(pipeline.stats().inFlightRequests()).isZero();
        assertThat(owner.faults).isEmpty();
    }

    @Test
    void aReplyForAnotherXidIsAProtocolFaultAndLeavesTheRequestWaiting() {
        Operation<String> first = request("/a");
        Operation<String> second = request("/b");
        submit(first);
        submit(second);

        reply(2, 7, 0, "data of b");

        assertThat(owner.faults).singleElement().extracting(Throwable::getMessage).asString()
                .endsWith("xid out of order: got 2, expected 1 from server:2181");
        assertThat(first.result.ready()).isFalse();
        pipeline.failPending(path -> new ConnectionLossException(path, "gone", null));
        assertThat(first.result.exception()).isInstanceOf(ConnectionLossException.class);
        assertThat(second.result.exception()).isInstanceOf(ConnectionLossException.class);
    }

    @Test
    void aReplyWithNothingSentIsAProtocolFault() {
        reply(5, 7, 0, "stray");
        assertThat(owner.faults).singleElement().extracting(Throwable::getMessage).asString()
                .endsWith("xid out of order: got 5, expected no reply from server:2181");
    }

    @Test
    void anErrorReplyFailsWithTheServersCode() {
        Operation<String> op = request("/missing");
        submit(op);
        reply(1, 0, -101, null);
        assertThat(op.result.exception()).isInstanceOf(NoNodeException.class);
    }

    @Test
    void requestsPastTheirDeadlineFailWhetherSentOrWaiting() {
        pipeline = pipeline(1, 100);
        long now = System.nanoTime();
        Operation<String> sent = request("/sent", now + SECOND);
        Operation<String> waiting = request("/waiting", now + SECOND);
        Operation<String> later = request("/later", now + 60 * SECOND);
        submit(sent);
        submit(waiting); // maxInFlight 1: waits for room
        submit(later);
        nextWritten();
        assertThat((Object) channel.readOutbound()).isNull();

        pipeline.onTick(now + SECOND / 2);
        assertThat(sent.result.ready()).isFalse();
        assertThat(waiting.result.ready()).isFalse();

        pipeline.onTick(now + 2 * SECOND);
        // The client's own deadline: its own type, still a RequestTimeoutException for old handlers.
        assertThat(sent.result.exception()).isInstanceOf(RequestDeadlineException.class)
                .isInstanceOf(RequestTimeoutException.class)
                .hasMessageStartingWith("deadline passed")
                .hasMessageContaining("no reply from server:2181 within its deadline");
        assertThat(waiting.result.exception()).isInstanceOf(RequestDeadlineException.class)
                .hasMessageContaining("not sent within its deadline (client CONNECTED)");
        assertThat(later.result.ready()).isFalse();
        assertThat(pipeline.stats().queuedRequests()).as("the expired waiting request left the queue").isEqualTo(1);

        // The abandoned request's reply still comes, in order, and is dropped; the next one goes out.
        reply(1, 3, 0, "late");
        pipeline.onReadComplete();
        assertThat(nextWritten()).containsExactly(2, OpCode.GET_DATA);
        reply(2, 4, 0, "in time");
        assertThat(later.result.getNow()).isEqualTo("in time");
    }

    @Test
    void requestsWaitWhileTheGateIsClosedAndGoWhenItOpens() {
        pipeline.accepting(false);
        Operation<String> op = request("/a");
        submit(op);
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(pipeline.stats().queuedRequests()).isEqualTo(1);

        pipeline.accepting(true);
        pipeline.writeWaiting();
        pipeline.flush();
        assertThat(nextWritten()).containsExactly(1, OpCode.GET_DATA);
    }

    @Test
    void theQueueIsBounded() {
        pipeline = pipeline(100, 1);
        pipeline.accepting(false);
        Operation<String> first = request("/a");
        Operation<String> second = request("/b");
        assertThat(pipeline.offer(first)).isTrue();
        assertThat(pipeline.offer(second)).isFalse();
        second.releaseFrame();
    }

    @Test
    void aStoppedSessionFailsWhatItDrains() {
        owner.refusing = true;
        Operation<String> op = request("/a");
        submit(op);
        assertThat(op.result.exception()).hasMessageContaining("not running");
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(pipeline.stats().queuedRequests()).isZero();
    }

    @Test
    void theSessionsOwnRequestsGoAheadOfTheGateAndTheirRepliesToTheOwner() {
        pipeline.accepting(false);
        ByteBuf frame = SetWatches2.requests(channel.alloc(), 0, List.of(List.of("/w"), List.of(), List.of(),
                List.of(), List.of()), 1024).get(0);
        pipeline.sendNow(new Operation<Void>("set_watches", SetWatches2.OP_CODE, null, null, frame, (b, c) -> null, null, null,
                null, Long.MAX_VALUE));
        pipeline.flush();
        assertThat(nextWritten()).containsExactly(1, OpCode.SET_WATCHES2);

        reply(1, 0, 0, null);
        assertThat(owner.internalReplies).containsExactly(OpCode.SET_WATCHES2);
    }

    @Test
    void notificationsFireTheWatchesOfTheirPath() {
        List<WatchedEvent> events = new ArrayList<>();
        watches.addData("/a", events::add);
        ByteBuf body = Unpooled.buffer().writeInt(Xid.NOTIFICATION).writeLong(11).writeInt(0)
                .writeInt(EventType.CHANGED.wireValue()).writeInt(3);
        Jute.writeString(body, "/a");
        pipeline.received(body);
        pipeline.dispatch(body);
        body.release();

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.CHANGED);
            assertThat(e.path()).isEqualTo("/a");
            assertThat(e.state()).isEqualTo(KeeperState.CONNECTED);
        });
        assertThat(pipeline.stats().watchEventsDelivered()).isEqualTo(1);
    }

    @Test
    void aPingGoesOutOnlyAfterSilenceAndOneAtATime() {
        long now = System.nanoTime();
        pipeline.flushNow(); // the last send is now
        pipeline.pingIfIdle(now, SECOND);
        assertThat((Object) channel.readOutbound()).isNull();

        pipeline.pingIfIdle(now + 2 * SECOND, SECOND);
        assertThat(nextWritten()).containsExactly(Xid.PING, OpCode.PING);
        pipeline.pingIfIdle(now + 4 * SECOND, SECOND);
        assertThat((Object) channel.readOutbound()).as("the first ping is unanswered").isNull();

        reply(Xid.PING, 0, 0, null);
        pipeline.pingIfIdle(now + 4 * SECOND, SECOND);
        assertThat(nextWritten()).containsExactly(Xid.PING, OpCode.PING);
    }

    /** Runs every task at once on the calling thread. */
    private static final class InlineHandler implements Handler {
        @Override
        public String name() {
            return "inline";
        }

        @Override
        public void start() {
        }

        @Override
        public void stop() {
        }

        @Override
        public boolean running() {
            return true;
        }

        @Override
        public void dispatch(Runnable task) {
            task.run();
        }

        @Override
        public Thread spawn(Runnable task) {
            return Thread.ofVirtual().start(task);
        }

        @Override
        public boolean inHandlerThread() {
            return false;
        }
    }

    /** The session's side, recorded. */
    private static final class RecordingOwner implements RequestPipeline.Owner {
        final List<ProtocolException> faults = new ArrayList<>();
        final List<Integer> internalReplies = new ArrayList<>();
        boolean refusing;

        @Override
        public boolean refusesRequests() {
            return refusing;
        }

        @Override
        public KazooException notRunningFailure(String path) {
            return new ConnectionLossException(path, "not running", null);
        }

        @Override
        public void protocolFault(ProtocolException fault) {
            faults.add(fault);
        }

        @Override
        public void internalReply(int opCode, int err, ByteBuf body) {
            internalReplies.add(opCode);
        }

        @Override
        public void authReply(int err) {
        }

        @Override
        public KeeperState keeperState() {
            return KeeperState.CONNECTED;
        }

        @Override
        public String server() {
            return "server:2181";
        }
    }
}
