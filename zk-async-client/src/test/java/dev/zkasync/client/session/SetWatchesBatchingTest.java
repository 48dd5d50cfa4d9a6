package dev.zkasync.client.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zkasync.client.protocol.Jute;
import dev.zkasync.client.protocol.OpCode;
import dev.zkasync.client.protocol.SetWatches2;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How a session's watches are cut into SetWatches2 frames; re-arming them on a real server is in
 * WatchReRegistrationTest, WatchTest and PersistentWatchTest.
 */
class SetWatchesBatchingTest {
    private static final UnpooledByteBufAllocator HEAP = new UnpooledByteBufAllocator(false);
    private final List<ByteBuf> frames = new ArrayList<>();

    @AfterEach
    void release() {
        frames.forEach(ByteBuf::release);
    }

    private static List<String> paths(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + "/node-" + i).toList();
    }

    private List<ByteBuf> cut(List<List<String>> kinds, int max) {
        List<ByteBuf> out = SetWatches2.requests(HEAP, 42, kinds, max);
        frames.addAll(out);
        return out;
    }

    /** The five path lists of a frame, checking its length field, opcode and zxid. */
    private static List<List<String>> decode(ByteBuf frame) {
        ByteBuf in = frame.duplicate();
        assertThat(in.readInt()).isEqualTo(in.readableBytes());
        in.readInt();
        assertThat(in.readInt()).isEqualTo(OpCode.SET_WATCHES2);
        assertThat(in.readLong()).isEqualTo(42);
        List<List<String>> kinds = new ArrayList<>();
        for (int k = 0; k < SetWatches2.KINDS; k++) {
            kinds.add(Jute.readStringList(in));
        }
        assertThat(in.isReadable()).isFalse();
        return kinds;
    }

    @Test
    void aFewWatchesGoInOneFrame() {
        List<List<String>> kinds = List.of(paths("/data", 3), paths("/exist", 1), List.of(), paths("/persistent", 2),
                paths("/recursive", 1));
        List<ByteBuf> out = cut(kinds, Handshake.SET_WATCHES_MAX_BYTES);
        assertThat(out).hasSize(1);
        assertThat(decode(out.get(0))).isEqualTo(kinds);
    }

    @Test
    void manyWatchesAreSplitIntoFullFramesEachUnderTheBoundWithEveryPathOnceInOrderUnderItsKind() {
        List<List<String>> kinds = List.of(paths("/data", 50_000), paths("/exist", 3_000), paths("/child", 40_000),
                List.of(), paths("/recursive", 7_000));
        int max = Handshake.SET_WATCHES_MAX_BYTES;
        List<ByteBuf> out = cut(kinds, max);

        assertThat(out).hasSizeGreaterThan(10);
        List<List<String>> rejoined = new ArrayList<>();
        for (int k = 0; k < SetWatches2.KINDS; k++) {
            rejoined.add(new ArrayList<>());
        }
        for (int i = 0; i < out.size(); i++) {
            int length = out.get(i).getInt(0);
            assertThat(length).as("frame %d's length", i).isLessThanOrEqualTo(max);
            if (i < out.size() - 1) {
                // Full: the next frame's first path would not have fitted.
                assertThat(length).as("frame %d's length", i).isGreaterThan(max - 4 - "/recursive/node-0000".length());
            }
            List<List<String>> decoded = decode(out.get(i));
            for (int k = 0; k < SetWatches2.KINDS; k++) {
                rejoined.get(k).addAll(decoded.get(k));
            }
        }
        assertThat(rejoined).isEqualTo(kinds);
    }

    @Test
    void aFrameCanSpanKinds() {
        List<List<String>> kinds = List.of(List.of("/a"), List.of("/b"), List.of("/c"), List.of("/d"), List.of("/e"));
        // The head (xid, type, zxid, five counts) and two paths of 4 + 2 bytes.
        int twoPaths = 4 + 4 + 8 + 5 * 4 + 2 * 6;
        List<List<List<String>>> decoded = cut(kinds, twoPaths).stream().map(SetWatchesBatchingTest::decode).toList();
        assertThat(decoded).containsExactly(
                List.of(List.of("/a"), List.of("/b"), List.of(), List.of(), List.of()),
                List.of(List.of(), List.of(), List.of("/c"), List.of("/d"), List.of()),
                List.of(List.of(), List.of(), List.of(), List.of(), List.of("/e")));
    }

    @Test
    void aPathLongerThanAFrameGoesAloneInOne() {
        String huge = "/" + "h".repeat(300);
        List<List<String>> kinds = List.of(List.of("/a", huge, "/b"), List.of(), List.of(), List.of(), List.of());
        List<List<List<String>>> decoded = cut(kinds, 200).stream().map(SetWatchesBatchingTest::decode).toList();
        assertThat(decoded).extracting(k -> k.get(0)).containsExactly(List.of("/a"), List.of(huge), List.of("/b"));
    }
}
