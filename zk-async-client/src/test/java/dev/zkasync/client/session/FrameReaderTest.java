package dev.zkasync.client.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The framing alone, fed byte streams cut in awkward places; the real server's traffic is in every other test. */
class FrameReaderTest {
    private static final int MAX = 1024 * 1024;

    private final List<String> frames = new ArrayList<>();
    private final EmbeddedChannel channel = new EmbeddedChannel(new FrameReader(MAX), new ChannelInboundHandlerAdapter() {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf frame = (ByteBuf) msg;
            frames.add(frame.toString(StandardCharsets.UTF_8));
            frame.skipBytes(frame.readableBytes() / 2); // a reader that stops early must not shift the next frame
        }
    });

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private static byte[] frame(String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ByteBuf buf = Unpooled.buffer(4 + b.length).writeInt(b.length).writeBytes(b);
        return buf.array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuf buf = Unpooled.buffer();
        for (byte[] p : parts) {
            buf.writeBytes(p);
        }
        byte[] out = new byte[buf.readableBytes()];
        buf.readBytes(out);
        return out;
    }

    @Test
    void manyFramesInOneReadArePassedOnInOrder() {
        channel.writeInbound(Unpooled.wrappedBuffer(concat(frame("one"), frame("two"), frame(""), frame("three"))));
        assertThat(frames).containsExactly("one", "two", "", "three");
    }

    @Test
    void framesCutAtEveryByteAreReassembled() {
        byte[] stream = concat(frame("alpha"), frame("beta"), frame("gamma"));
        for (byte b : stream) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat(frames).containsExactly("alpha", "beta", "gamma");
    }

    @Test
    void aFrameLargerThanTheBufferGrowsItAndLaterFramesStillWork() {
        String big = "x".repeat(300 * 1024);
        byte[] stream = concat(frame(big), frame("after"));
        int half = stream.length / 2;
        channel.writeInbound(Unpooled.wrappedBuffer(stream, 0, half));
        assertThat(frames).isEmpty();
        channel.writeInbound(Unpooled.wrappedBuffer(stream, half, stream.length - half));
        assertThat(frames).containsExactly(big, "after");
        channel.writeInbound(Unpooled.wrappedBuffer(frame("small again")));
        assertThat(frames).last().isEqualTo("small again");
    }

    @Test
    void aLengthOverTheLimitIsRefusedBeforeAnyAllocation() {
        ByteBuf header = Unpooled.buffer(4).writeInt(Integer.MAX_VALUE);
        assertThatThrownBy(() -> channel.writeInbound(header)).isInstanceOf(TooLongFrameException.class)
                .hasMessageContaining(String.valueOf(Integer.MAX_VALUE));
        assertThat(frames).isEmpty();
    }

    @Test
    void aNegativeLengthIsACorruptFrame() {
        ByteBuf header = Unpooled.buffer(4).writeInt(-5);
        assertThatThrownBy(() -> channel.writeInbound(header)).isInstanceOf(CorruptedFrameException.class);
    }

    @Test
    void theInboundBuffersAreReleased() {
        ByteBuf in = Unpooled.directBuffer().writeBytes(frame("released"));
        channel.writeInbound(in);
        assertThat(in.refCnt()).isZero();
        assertThat(frames).containsExactly("released");
    }

    @Test
    void connectionsOnOneThreadKeepTheirOwnPartialFrames() {
        List<String> other = new ArrayList<>();
        EmbeddedChannel second = new EmbeddedChannel(new FrameReader(MAX), new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                other.add(((ByteBuf) msg).toString(StandardCharsets.UTF_8));
            }
        });
        try {
            byte[] mine = concat(frame("first whole"), frame("mine, cut"));
            byte[] theirs = concat(frame("theirs, cut"));
            channel.writeInbound(Unpooled.wrappedBuffer(mine, 0, mine.length - 3));
            second.writeInbound(Unpooled.wrappedBuffer(frame("whole, between")));
            second.writeInbound(Unpooled.wrappedBuffer(theirs, 0, 6));
            assertThat(frames).containsExactly("first whole");
            assertThat(other).containsExactly("whole, between");
            channel.writeInbound(Unpooled.wrappedBuffer(mine, mine.length - 3, 3));
            channel.writeInbound(Unpooled.wrappedBuffer(frame("mine again")));
            second.writeInbound(Unpooled.wrappedBuffer(theirs, 6, theirs.length - 6));
            assertThat(frames).containsExactly("first whole", "mine, cut", "mine again");
            assertThat(other).containsExactly("whole, between", "theirs, cut");
        } finally {
            second.finishAndReleaseAll();
        }
    }
}
