package dev.zkasync.client.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The encodings of the requests a session sends on its own, byte by byte. */
class SessionRequestsTest {
    private static final UnpooledByteBufAllocator HEAP = new UnpooledByteBufAllocator(false);
    private final List<ByteBuf> frames = new ArrayList<>();

    @AfterEach
    void release() {
        frames.forEach(ByteBuf::release);
    }

    private ByteBuf track(ByteBuf frame) {
        frames.add(frame);
        return frame;
    }

    /** Reads a request's length field, xid and opcode, checking the length against the frame. */
    private static int[] header(ByteBuf frame) {
        assertThat(frame.readInt()).isEqualTo(frame.readableBytes());
        return new int[] {frame.readInt(), frame.readInt()};
    }

    @Test
    void setWatches2CarriesTheZxidAndFiveListsInOrder() {
        List<List<String>> paths = List.of(List.of("/d1", "/d2"), List.of("/e"), List.of(), List.of("/p"),
                List.of("/r"));
        List<ByteBuf> all = SetWatches2.requests(HEAP, 0x1234L, paths, 128 * 1024);
        all.forEach(this::track);
        assertThat(all).hasSize(1);
        ByteBuf frame = all.get(0);
        assertThat(header(frame)).containsExactly(0, OpCode.SET_WATCHES2);
        assertThat(frame.readLong()).isEqualTo(0x1234L);
        List<List<String>> read = new ArrayList<>();
        for (int k = 0; k < SetWatches2.KINDS; k++) {
            read.add(Jute.readStringList(frame));
        }
        assertThat(read).isEqualTo(paths);
        assertThat(frame.isReadable()).isFalse();
    }

    @Test
    void setWatches2RefusesAnythingButFiveLists() {
        assertThatThrownBy(() -> SetWatches2.requests(HEAP, 0, List.of(List.of("/a")), 1024))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pathsAreCountedByTheirUtf8BytesAgainstTheFrameBound() {
        // 2 + 3 * 3 bytes in UTF-8, 5 characters: a bound counted in characters would pass the limit.
        String path = "/\u20ac\u20ac\u20aca";
        int encoded = 4 + path.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        int head = 4 + 4 + 8 + 5 * 4; // xid, type, zxid, five counts
        int max = head + 3 * encoded;
        List<ByteBuf> all = SetWatches2.requests(HEAP, 0, List.of(List.of(path, path, path, path), List.of(),
                List.of(), List.of(), List.of()), max);
        all.forEach(this::track);
        assertThat(all).hasSize(2);
        assertThat(all.get(0).getInt(0)).isEqualTo(max);
        assertThat(all.get(1).getInt(0)).isEqualTo(head + encoded);
        ByteBuf first = all.get(0);
        first.skipBytes(4 + 4 + 4 + 8);
        assertThat(Jute.readStringList(first)).containsExactly(path, path, path);
    }

    @Test
    void aSaslTokenTravelsAsABufferAndItsChallengeComesBackAsOne() {
        ByteBuf frame = track(SaslToken.request(HEAP, new byte[] {1, 2, 3}));
        assertThat(header(frame)).containsExactly(0, OpCode.SASL);
        assertThat(Jute.readBuffer(frame)).containsExactly(1, 2, 3);
        assertThat(frame.isReadable()).isFalse();

        ByteBuf reply = track(Unpooled.buffer());
        Jute.writeBuffer(reply, new byte[] {9, 8});
        assertThat(SaslToken.decodeChallenge(reply)).containsExactly(9, 8);
    }

    @Test
    void closeSessionIsAHeaderAlone() {
        ByteBuf frame = track(CloseSession.request(HEAP));
        assertThat(header(frame)).containsExactly(0, OpCode.CLOSE_SESSION);
        assertThat(frame.isReadable()).isFalse();
    }

    @Test
    void aBareReplyHeaderIsTheServersRefusalOfTheSession() {
        ByteBuf refusal = track(Unpooled.buffer().writeInt(0).writeLong(0).writeInt(-119));
        assertThat(ConnectRequest.isRefusal(refusal)).isTrue();
        assertThat(ConnectRequest.refusalCode(refusal)).isEqualTo(-119);

        ByteBuf response = track(Unpooled.buffer().writeInt(0).writeInt(30_000).writeLong(5));
        Jute.writeBuffer(response, new byte[16]);
        response.writeByte(0);
        assertThat(ConnectRequest.isRefusal(response)).isFalse();
        assertThat(ConnectResponse.decode(response).timeOut()).isEqualTo(30_000);
    }
}
