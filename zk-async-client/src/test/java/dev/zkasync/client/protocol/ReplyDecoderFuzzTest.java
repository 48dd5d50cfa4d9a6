package dev.zkasync.client.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.zkasync.client.reliability.FuzzTally;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.AfterAll;
import java.util.List;
import java.util.function.Function;

/**
 * Every reply decoder fed arbitrary bodies: each either decodes or refuses with
 * {@link MalformedFrameException}, never another exception, and never allocates more than a small
 * multiple of the body it was given (a length or count read from the wire is checked against the
 * frame before anything is allocated). The committed inputs under {@code ReplyDecoderFuzzTestInputs}
 * run on every build; {@code JAZZER_FUZZ=1} fuzzes (see docs/client.md).
 */
class ReplyDecoderFuzzTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Every decoder of a reply record, by a stable index the fuzzer picks. */
    private static final List<Function<ByteBuf, Object>> DECODERS = List.of(
            body -> GetData.DECODER.decode(body, "/chroot"),
            body -> Exists.DECODER.decode(body, ""),
            body -> SetData.DECODER.decode(body, ""),
            body -> SetAcl.DECODER.decode(body, ""),
            body -> GetAcl.DECODER.decode(body, ""),
            body -> Create.DECODER.decode(body, "/chroot"),
            body -> Create.WITH_STAT.decode(body, "/chroot"),
            body -> Sync.DECODER.decode(body, "/chroot"),
            body -> GetChildren.DECODER.decode(body, ""),
            body -> GetChildren.WITH_STAT.decode(body, ""),
            body -> GetEphemerals.DECODER.decode(body, "/chroot"),
            body -> GetAllChildrenNumber.DECODER.decode(body, ""),
            body -> Reconfig.DECODER.decode(body, ""),
            body -> WhoAmI.DECODER.decode(body, ""),
            body -> Delete.DECODER.decode(body, ""),
            body -> AddWatch.DECODER.decode(body, ""),
            body -> RemoveWatches.DECODER.decode(body, ""),
            body -> RemoveWatches.AFTER_LOCAL_REMOVAL.decode(body, ""),
            body -> CheckWatches.DECODER.decode(body, ""),
            body -> SetAuth.DECODER.decode(body, ""),
            ConnectResponse::decode,
            Notification::decode,
            SaslToken::decodeChallenge,
            body -> transaction().decode(body, "/chroot"),
            body -> reads().decode(body, "/chroot"));

    private static final FuzzTally TALLY = new FuzzTally("reply decoders, " + DECODERS.size() + " record types");

    @AfterAll
    static void recordTally() {
        TALLY.record();
    }

    @FuzzTest(maxDuration = "2m")
    void decodersRefuseOnlyWithTheTypedExceptionAndAllocateWithinTheFrame(FuzzedDataProvider data) {
        Function<ByteBuf, Object> decoder = DECODERS.get(data.consumeInt(0, DECODERS.size() - 1));
        byte[] bytes = data.consumeRemainingAsBytes();
        decode(decoder, Unpooled.wrappedBuffer(bytes)); // first: class loading and linkage, not measured
        ByteBuf body = Unpooled.wrappedBuffer(bytes);
        long before = THREADS.getCurrentThreadAllocatedBytes();
        TALLY.input(decode(decoder, body));
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated decoding %d bytes", bytes.length)
                .isLessThanOrEqualTo(64L * bytes.length + 64 * 1024);
        assertThat(body.readerIndex()).isBetween(0, bytes.length);
    }

    /** Whether the decoder refused the body. */
    private static boolean decode(Function<ByteBuf, Object> decoder, ByteBuf body) {
        try {
            decoder.apply(body);
            return false;
        } catch (MalformedFrameException expected) {
            return true; // the typed refusal of a record that does not fit its frame
        }
    }

    /** A transaction of every kind of operation, as the reply is read against them. */
    private static Multi transaction() {
        Multi multi = new Multi();
        multi.create("/a", "/chroot/a", null, List.of(), 0, 0);
        multi.delete("/b", "/chroot/b", -1);
        multi.setData("/c", "/chroot/c", new byte[1], 3);
        multi.check("/d", "/chroot/d", 2);
        return multi;
    }

    /** A multiRead of every kind of read. */
    private static MultiRead reads() {
        MultiRead reads = new MultiRead(3);
        reads.getData("/chroot/a");
        reads.getChildren("/chroot/b");
        reads.exists("/chroot/c");
        return reads;
    }
}
