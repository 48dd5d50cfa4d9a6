package dev.zkasync.client;

import dev.zkasync.client.data.NodeData;
import dev.zkasync.client.data.Stat;

import dev.zkasync.client.acl.Acls;
import dev.zkasync.client.protocol.Frames;
import dev.zkasync.client.protocol.Jute;
import dev.zkasync.client.protocol.OpCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * zk-async's codec, exactly as the client runs it: requests encoded into a pooled buffer the way
 * {@link KazooClient} encodes them, on a plain thread as on the caller's (then released, as the I/O
 * path does once written); replies decoded by the client's own {@link Replies} decoders after the
 * ReplyHeader, from a retained slice of a direct buffer as Netty hands frames over, on a Netty
 * {@code FastThreadLocalThread} as on the event loop.
 *
 * <p>It sits in the client's package, on the benchmark module's classpath, so that it measures the
 * package-private decoders themselves rather than a copy of them. Run with {@code -prof gc} for B/op.
 * {@code dev.zkasync.benchmarks.jmh.OfficialCodecBenchmark} measures the official client's Jute path
 * for the same messages.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class CodecBenchmark {
    static final String PATH = "/zkbench/data/n-07";
    static final int CHILDREN = 10_000;

    /**
     * {@code default} is {@link ByteBufAllocator#DEFAULT}, what the client uses today (Netty 4.2's
     * adaptive allocator unless {@code io.netty.allocator.type} says otherwise); {@code pooled} is
     * {@link PooledByteBufAllocator#DEFAULT}, for comparison. It matters to the encode benchmarks
     * only: replies are always decoded from a heap buffer.
     */
    @Param({"default", "pooled"})
    public String allocator;

    private ByteBufAllocator alloc;
    private byte[] data;
    private int flags;
    private ByteBuf getDataReply;
    private ByteBuf childrenReply;

    @Setup(Level.Trial)
    public void setUp() {
        alloc = allocator.equals("pooled") ? PooledByteBufAllocator.DEFAULT : ByteBufAllocator.DEFAULT;
        data = new byte[100];
        new Random(7).nextBytes(data);
        flags = CreateOptions.DEFAULT.ephemeral().sequence().flags();
        // Replies are decoded from the connection's heap buffer (session.FrameReader), whatever the allocator.
        getDataReply = replyHeader(Unpooled.buffer(256));
        Jute.writeBuffer(getDataReply, data);
        Jute.writeStat(getDataReply, stat());
        childrenReply = replyHeader(Unpooled.buffer(CHILDREN * 16 + 64));
        childrenReply.writeInt(CHILDREN);
        for (int i = 0; i < CHILDREN; i++) {
            Jute.writeString(childrenReply, String.format("c-%05d", i));
        }
        Jute.writeStat(childrenReply, stat()); // getChildren is sent as getChildren2
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        getDataReply.release();
        childrenReply.release();
    }

    private static ByteBuf replyHeader(ByteBuf b) {
        return b.writeInt(42).writeLong(0x1_0000_0042L).writeInt(0);
    }

    private static Stat stat() {
        return new Stat(0x1_0000_0001L, 0x1_0000_0040L, 1_700_000_000_000L, 1_700_000_100_000L, 12, 0, 0, 0, 100, 0,
                0x1_0000_0001L);
    }

    /** getData: as {@code KazooClient.getAsync}, then finished and given an xid as the session does. */
    @Benchmark
    public int encodeGetData() {
        ByteBuf frame = Frames.newRequest(alloc, OpCode.GET_DATA, PATH.length() * 3 + 8);
        Jute.writeString(frame, PATH);
        Jute.writeBoolean(frame, false);
        return finish(frame);
    }

    /** setData of 100 bytes, any version. */
    @Benchmark
    public int encodeSetData() {
        ByteBuf frame = Frames.newRequest(alloc, OpCode.SET_DATA, PATH.length() * 3 + data.length + 12);
        Jute.writeString(frame, PATH);
        Jute.writeBuffer(frame, data);
        frame.writeInt(-1);
        return finish(frame);
    }

    /** create of an ephemeral sequential node with 100 bytes and OPEN_ACL_UNSAFE. */
    @Benchmark
    public int encodeCreate() {
        ByteBuf frame = Frames.newRequest(alloc, OpCode.CREATE, PATH.length() * 3 + data.length + 64);
        Jute.writeString(frame, PATH);
        Jute.writeBuffer(frame, data);
        Jute.writeAcls(frame, Acls.OPEN_ACL_UNSAFE);
        frame.writeInt(flags);
        return finish(frame);
    }

    private static int finish(ByteBuf frame) {
        int length = Frames.finish(frame);
        Frames.setXid(frame, 42);
        frame.release();
        return length;
    }

    /** Decoding happens on the event loop, a FastThreadLocalThread: run the decode benchmarks on one. */
    static final String ON_EVENT_LOOP_THREAD_1 = "-Djmh.executor=CUSTOM";
    static final String ON_EVENT_LOOP_THREAD_2 = "-Djmh.executor.class=dev.zkasync.benchmarks.jmh.FastThreadLocalExecutor";

    /**
     * A getData reply: ReplyHeader, then 100 bytes of data and a Stat, into a {@link NodeData}; from a
     * heap buffer bounded by its indexes, as {@code FrameReader} hands a frame to the session.
     */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {ON_EVENT_LOOP_THREAD_1, ON_EVENT_LOOP_THREAD_2})
    public NodeData decodeGetData() {
        ByteBuf b = getDataReply.readerIndex(0);
        readHeader(b);
        return Replies.DATA.decode(b, "");
    }

    /** The getChildren2 reply getChildren receives, 10,000 names, into a {@code List<String>}. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {ON_EVENT_LOOP_THREAD_1, ON_EVENT_LOOP_THREAD_2})
    public List<String> decodeChildren10k() {
        ByteBuf b = childrenReply.readerIndex(0);
        readHeader(b);
        return Replies.CHILDREN_OF_CHILDREN2.decode(b, "");
    }

    private static void readHeader(ByteBuf b) {
        if (Jute.readInt(b) != 42 || Jute.readLong(b) == 0 || Jute.readInt(b) != 0) {
            throw new IllegalStateException("bad header");
        }
    }
}
