package dev.zkasync.client.protocol;

import dev.zkasync.client.data.Stat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.AfterEach;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Buffers for codec tests: unpooled heap buffers, all released after each test. */
abstract class CodecTestSupport {
    static final ByteBufAllocator HEAP = new UnpooledByteBufAllocator(false);

    /** A stat whose fields all differ, so a field read in the wrong place shows. */
    static final Stat STAT = new Stat(0x101L, 0x102L, 1_700_000_000_000L, 1_700_000_000_500L, 3, 4, 5, 0x66L, 2, 7,
            0x108L);

    /** {@link #STAT} as Jute writes it: 68 bytes. */
    static final String STAT_HEX = "0000000000000101 0000000000000102 0000018BCFE56800 0000018BCFE569F4"
            + " 00000003 00000004 00000005 0000000000000066 00000002 00000007 0000000000000108";

    private final List<ByteBuf> buffers = new ArrayList<>();

    @AfterEach
    void releaseBuffers() {
        buffers.stream().filter(b -> b.refCnt() > 0).forEach(ByteBuf::release);
    }

    /** A request frame as the session sends it: length written, xid 7. */
    ByteBuf sent(ByteBuf frame) {
        buffers.add(frame);
        Frames.finish(frame);
        Frames.setXid(frame, 7);
        return frame;
    }

    /** A reply body (what follows the ReplyHeader) written by {@code writer}. */
    ByteBuf body(Consumer<ByteBuf> writer) {
        ByteBuf b = Unpooled.buffer(128);
        buffers.add(b);
        writer.accept(b);
        return b;
    }

    /** A reply body of these bytes. */
    ByteBuf body(String hex) {
        return body(b -> b.writeBytes(hex(hex)));
    }

    static byte[] hex(String hex) {
        return ByteBufUtil.decodeHexDump(hex.replace(" ", ""));
    }

    static byte[] bytes(ByteBuf b) {
        return ByteBufUtil.getBytes(b);
    }
}
