package dev.zkasync.client.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.zkasync.client.reliability.FuzzTally;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import org.junit.jupiter.api.AfterAll;

/**
 * The frame reader fed arbitrary bytes in arbitrary pieces. It may refuse a stream only with Netty's
 * typed frame errors (a negative length, a length over the limit), and every frame it passes on lies
 * within the limit. Frames from {@value #GATHER_FROM} bytes on take the gathering path, smaller ones
 * the copying one. The committed inputs under {@code FrameReaderFuzzTestInputs} run on every build;
 * {@code JAZZER_FUZZ=1} fuzzes (see docs/client.md).
 */
class FrameReaderFuzzTest {
    private static final int MAX = 4096;
    private static final int GATHER_FROM = 256;

    private static final FuzzTally TALLY = new FuzzTally("frame reader, bytes in pieces of 1 to 64");

    @AfterAll
    static void recordTally() {
        TALLY.record();
    }

    @FuzzTest(maxDuration = "2m")
    void framesStayWithinTheLimitAndErrorsAreTyped(FuzzedDataProvider data) {
        int[] frames = {0};
        EmbeddedChannel channel = new EmbeddedChannel(new FrameReader(MAX, GATHER_FROM), new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ByteBuf frame = (ByteBuf) msg;
                assertThat(frame.readableBytes()).isBetween(0, MAX);
                frame.skipBytes(Math.min(frame.readableBytes(), frames[0]++ % 7)); // readers that stop early
            }
        });
        try {
            while (data.remainingBytes() > 0 && channel.isActive()) {
                byte[] piece = data.consumeBytes(data.consumeInt(1, 64));
                channel.writeInbound(Unpooled.wrappedBuffer(piece));
            }
            TALLY.input(false);
        } catch (CorruptedFrameException | TooLongFrameException expected) {
            TALLY.input(true); // the typed refusal of a stream that is not ZooKeeper's framing
        } finally {
            TALLY.frames(frames[0]);
            channel.finishAndReleaseAll();
        }
    }
}
