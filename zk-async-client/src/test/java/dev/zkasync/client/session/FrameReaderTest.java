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

    /** The bytes of {@code stream} in pieces of the given sizes, cycled; the last piece takes the rest. */
    private void feed(byte[] stream, int... sizes) {
        int at = 0;
        for (int i = 0; at < stream.length; i++) {
            int n = Math.min(sizes[i % sizes.length], stream.length - at);
            channel.writeInbound(Unpooled.wrappedBuffer(stream, at, n));
            at += n;
        }
    }

    @Test
    void aBigFrameCutAtOddPlacesIsGatheredWhole() {
        String big = pattern(FrameReader.GATHER_FROM + 12_345);
        // The length prefix split, one-byte pieces, pieces of odd sizes and one larger than a read.
        feed(concat(frame(big), frame("after")), 3, 1, 4093, 1, 65_537, 7, 211);
        assertThat(frames).containsExactly(big, "after");
    }

    @Test
    void aBigFrameEndingInAReadWithSmallFramesPassesThemOnInOrder() {
        String big = pattern(FrameReader.GATHER_FROM * 2);
        byte[] head = frame(big);
        byte[] stream = concat(head, frame("one"), frame(""), frame("two"), frame("three, cut"));
        channel.writeInbound(Unpooled.wrappedBuffer(stream, 0, 1000));
        assertThat(frames).isEmpty();
        // One read ends the big frame, carries two whole frames and the start of a third.
        channel.writeInbound(Unpooled.wrappedBuffer(stream, 1000, stream.length - 1000 - 5));
        assertThat(frames).containsExactly(big, "one", "", "two");
        channel.writeInbound(Unpooled.wrappedBuffer(stream, stream.length - 5, 5));
        assertThat(frames).containsExactly(big, "one", "", "two", "three, cut");
    }

    @Test
    void bigFramesBackToBackAreEachGathered() {
        String first = pattern(FrameReader.GATHER_FROM + 1);
        String second = pattern(FrameReader.GATHER_FROM + 2).toUpperCase();
        byte[] stream = concat(frame("before"), frame(first), frame(second), frame("after"));
        // The read that ends the first frame starts the second, mid-body.
        feed(stream, 50_000);
        assertThat(frames).containsExactly("before", first, second, "after");
    }

    @Test
    void aFrameAtTheLimitIsPassedOnAndOneOverIsRefused() {
        String atLimit = pattern(MAX);
        feed(concat(frame(atLimit), frame("next")), 65_536);
        assertThat(frames).containsExactly(atLimit, "next");
        ByteBuf over = Unpooled.buffer(8).writeInt(MAX + 1).writeInt(0);
        assertThatThrownBy(() -> channel.writeInbound(over)).isInstanceOf(TooLongFrameException.class);
    }

    @Test
    void aGatheredFrameReleasesItsBuffersWhenPassedOnAndWhenTheConnectionCloses() {
        List<ByteBuf> inbound = new ArrayList<>();
        byte[] stream = concat(frame(pattern(FrameReader.GATHER_FROM)), frame("x"));
        for (int at = 0; at < stream.length; at += 30_000) {
            ByteBuf in = Unpooled.directBuffer().writeBytes(stream, at, Math.min(30_000, stream.length - at));
            inbound.add(in);
            channel.writeInbound(in);
        }
        assertThat(frames).hasSize(2);
        assertThat(inbound).allSatisfy(b -> assertThat(b.refCnt()).isZero());

        channel.writeInbound(Unpooled.wrappedBuffer(stream, 0, 40_000)); // copied: the frame's length comes in it
        ByteBuf cut = Unpooled.directBuffer().writeBytes(stream, 40_000, 30_000);
        channel.writeInbound(cut);
        assertThat(cut.refCnt()).isOne(); // held by the frame being gathered
        channel.close();
        assertThat(cut.refCnt()).isZero();
    }

    @Test
    void smallOrMostlyEmptyPiecesOfABigFrameAreCopiedNotKept() {
        String big = pattern(FrameReader.GATHER_FROM + 50_000);
        byte[] stream = concat(frame(big), frame("after"));
        channel.writeInbound(Unpooled.wrappedBuffer(stream, 0, 1000));
        List<ByteBuf> kept = new ArrayList<>();
        int at = 1000;
        for (int i = 0; at < stream.length; i++) {
            // Alternately: a piece under the size kept, a big buffer mostly empty, a full one.
            int n = Math.min(new int[] {FrameReader.KEEP_FROM - 1, 20_000, 30_000}[i % 3], stream.length - at);
            ByteBuf in = Unpooled.directBuffer(i % 3 == 1 ? 65_536 : n).writeBytes(stream, at, n);
            at += n;
            channel.writeInbound(in);
            if (i % 3 != 2) {
                assertThat(in.refCnt()).as("piece %d", i).isZero();
            } else if (frames.isEmpty()) {
                assertThat(in.refCnt()).as("piece %d", i).isOne();
                kept.add(in);
            }
        }
        assertThat(frames).containsExactly(big, "after");
        assertThat(kept).isNotEmpty().allSatisfy(b -> assertThat(b.refCnt()).isZero());
    }

    @Test
    void smallFramesAroundAnyGatherThresholdArriveIntact() {
        // Every frame size near the threshold, through a reader that gathers from 100 bytes.
        List<String> seen = new ArrayList<>();
        EmbeddedChannel small = new EmbeddedChannel(new FrameReader(MAX, 100), new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                seen.add(((ByteBuf) msg).toString(StandardCharsets.UTF_8));
            }
        });
        try {
            List<String> sent = new ArrayList<>();
            ByteBuf stream = Unpooled.buffer();
            for (int n = 90; n <= 110; n++) {
                sent.add(pattern(n));
                stream.writeBytes(frame(pattern(n)));
            }
            for (int piece = 1; stream.isReadable(); piece = piece % 37 + 1) {
                small.writeInbound(stream.readRetainedSlice(Math.min(piece, stream.readableBytes())));
            }
            stream.release();
            assertThat(seen).isEqualTo(sent);
        } finally {
            small.finishAndReleaseAll();
        }
    }

    /** {@code n} ASCII characters that differ along the way, so a shifted or lost piece shows. */
    private static String pattern(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) ('a' + (i * 7 + i / 26) % 26));
        }
        return b.toString();
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
