package dev.zkasync.benchmarks.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.apache.jute.BinaryInputArchive;
import org.apache.jute.BinaryOutputArchive;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.Stat;
import org.apache.zookeeper.proto.CreateRequest;
import org.apache.zookeeper.proto.GetChildrenResponse;
import org.apache.zookeeper.proto.GetDataRequest;
import org.apache.zookeeper.proto.GetDataResponse;
import org.apache.zookeeper.proto.ReplyHeader;
import org.apache.zookeeper.proto.RequestHeader;
import org.apache.zookeeper.proto.SetDataRequest;
import org.apache.zookeeper.server.ByteBufferInputStream;
import org.apache.jute.Record;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The official client's codec for the same messages as {@link CodecBenchmark},
 * written the way ZooKeeper 3.9's {@code ClientCnxn} does it: requests through {@code Packet.createBB}
 * (a {@link ByteArrayOutputStream}, a {@link BinaryOutputArchive}, the request records, then
 * {@code toByteArray}); replies copied out of the Netty buffer into a fresh heap {@link ByteBuffer}
 * (as {@code ClientCnxnSocketNetty} does) and read with a {@link BinaryInputArchive} into the
 * response records ({@code ClientCnxn.SendThread.readResponse}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class OfficialCodecBenchmark {
    // The very messages CodecBenchmark measures.
    private static final String PATH = CodecBenchmark.PATH;
    private static final int CHILDREN = CodecBenchmark.CHILDREN;

    private byte[] data;
    private ByteBuf getDataReply;
    private ByteBuf childrenReply;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        data = new byte[100];
        new Random(7).nextBytes(data);
        Stat stat = new Stat(0x1_0000_0001L, 0x1_0000_0040L, 1_700_000_000_000L, 1_700_000_100_000L, 12, 0, 0, 0,
                100, 0, 0x1_0000_0001L);
        getDataReply = reply(new GetDataResponse(data, stat));
        List<String> names = new ArrayList<>(CHILDREN);
        for (int i = 0; i < CHILDREN; i++) {
            names.add(String.format("c-%05d", i));
        }
        childrenReply = reply(new GetChildrenResponse(names));
    }

    private static ByteBuf reply(Record response) throws IOException {
        ByteArrayOutputStream baos = new ByteArrayOutputStream();
        BinaryOutputArchive boa = BinaryOutputArchive.getArchive(baos);
        new ReplyHeader(42, 0x1_0000_0042L, 0).serialize(boa, "header");
        response.serialize(boa, "response");
        byte[] bytes = baos.toByteArray();
        return PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        getDataReply.release();
        childrenReply.release();
    }

    @Benchmark
    public ByteBuffer encodeGetData() throws IOException {
        return createBB(new RequestHeader(42, ZooDefs.OpCode.getData), new GetDataRequest(PATH, false));
    }

    @Benchmark
    public ByteBuffer encodeSetData() throws IOException {
        return createBB(new RequestHeader(42, ZooDefs.OpCode.setData), new SetDataRequest(PATH, data, -1));
    }

    @Benchmark
    public ByteBuffer encodeCreate() throws IOException {
        return createBB(new RequestHeader(42, ZooDefs.OpCode.create),
                new CreateRequest(PATH, data, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL.toFlag()));
    }

    /** {@code ClientCnxn.Packet.createBB}. */
    private static ByteBuffer createBB(RequestHeader header, Record request) throws IOException {
        ByteArrayOutputStream baos = new ByteArrayOutputStream();
        BinaryOutputArchive boa = BinaryOutputArchive.getArchive(baos);
        boa.writeInt(-1, "len"); // We'll fill this in later
        header.serialize(boa, "header");
        request.serialize(boa, "request");
        baos.close();
        ByteBuffer bb = ByteBuffer.wrap(baos.toByteArray());
        bb.putInt(bb.capacity() - 4);
        bb.rewind();
        return bb;
    }

    @Benchmark
    public GetDataResponse decodeGetData() throws IOException {
        GetDataResponse response = new GetDataResponse();
        read(getDataReply, response);
        return response;
    }

    @Benchmark
    public GetChildrenResponse decodeChildren10k() throws IOException {
        GetChildrenResponse response = new GetChildrenResponse();
        read(childrenReply, response);
        return response;
    }

    /** {@code ClientCnxnSocketNetty.ZKClientHandler.channelRead0} then {@code SendThread.readResponse}. */
    private static void read(ByteBuf frame, Record response) throws IOException {
        frame.readerIndex(0);
        ByteBuffer incoming = ByteBuffer.allocate(frame.readableBytes());
        frame.readBytes(incoming);
        incoming.flip();
        BinaryInputArchive bbia = BinaryInputArchive.getArchive(new ByteBufferInputStream(incoming));
        ReplyHeader header = new ReplyHeader();
        header.deserialize(bbia, "header");
        if (header.getXid() != 42) {
            throw new IllegalStateException("bad header");
        }
        response.deserialize(bbia, "response");
    }
}
