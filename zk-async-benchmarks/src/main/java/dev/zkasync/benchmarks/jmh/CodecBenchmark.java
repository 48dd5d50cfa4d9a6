package dev.zkasync.benchmarks.jmh;

import dev.zkasync.client.acl.Acls;
import dev.zkasync.client.data.NodeData;
import dev.zkasync.client.data.Stat;
import dev.zkasync.client.protocol.Create;
import dev.zkasync.client.protocol.Frames;
import dev.zkasync.client.protocol.GetChildren;
import dev.zkasync.client.protocol.GetData;
import dev.zkasync.client.protocol.Jute;
import dev.zkasync.client.protocol.SetData;
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
 * zk-async's codec, exactly as the client runs it: requests encoded into a pooled buffer by the
 * operation types of the client's {@code protocol} package ({@link GetData}, {@link SetData},
 * {@link Create}), which {@code KazooClient} calls, on a plain thread as on the caller's (then
 * released, as the I/O path does once written); replies decoded by those types' own decoders after
 * the ReplyHeader, from a heap buffer bounded by its indexes as the connection hands frames over, on
 * a Netty {@code FastThreadLocalThread} as on the event loop.
 *
 * <p>The {@code protocol} package is internal to the client, not API; the benchmarks use its public
 * operation types on the class path so that they measure the client's codec itself rather than a
 * copy of it. Run with {@code -prof gc} for B/op. {@link OfficialCodecBenchmark} measures the
 * official client's Jute path for the same messages.
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
        flags = Create.EPHEMERAL_SEQUENTIAL;
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
        return finish(GetData.encode(alloc, PATH, false));
    }

    /** setData of 100 bytes, any version. */
    @Benchmark
    public int encodeSetData() {
        return finish(SetData.encode(alloc, PATH, data, -1));
    }

    /** create of an ephemeral sequential node with 100 bytes and OPEN_ACL_UNSAFE. */
    @Benchmark
    public int encodeCreate() {
        return finish(Create.encode(alloc, PATH, data, Acls.OPEN_ACL_UNSAFE, flags, 0, false));
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
        return GetData.DECODER.decode(b, "");
    }

    /** The getChildren2 reply getChildren receives, 10,000 names, into a {@code List<String>}. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {ON_EVENT_LOOP_THREAD_1, ON_EVENT_LOOP_THREAD_2})
    public List<String> decodeChildren10k() {
        ByteBuf b = childrenReply.readerIndex(0);
        readHeader(b);
        return GetChildren.DECODER.decode(b, "");
    }

    private static void readHeader(ByteBuf b) {
        if (Jute.readInt(b) != 42 || Jute.readLong(b) == 0 || Jute.readInt(b) != 0) {
            throw new IllegalStateException("bad header");
        }
    }
}
