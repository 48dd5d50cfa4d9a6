package dev.zkasync.client.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FramesTest {

    /** Unpooled heap buffers, so nothing outlives a test. */
    private static final ByteBufAllocator HEAP = new UnpooledByteBufAllocator(false);

    private final List<ByteBuf> buffers = new ArrayList<>();

    @AfterEach
    void releaseBuffers() {
        for (ByteBuf b : buffers) {
            if (b.refCnt() > 0) {
                b.release();
            }
        }
    }

    private ByteBuf track(ByteBuf b) {
        buffers.add(b);
        return b;
    }

    private static byte[] hex(String hex) {
        return ByteBufUtil.decodeHexDump(hex.replace(" ", ""));
    }

    private static byte[] bytes(ByteBuf b) {
        return ByteBufUtil.getBytes(b);
    }

    @Test
    void pingFrameIsExactlyTwelveBytes() {
        ByteBuf ping = Ping.request();
        assertThat(bytes(ping)).isEqualTo(hex("00000008 FFFFFFFE 0000000B"));
        assertThat(ping.getInt(4)).isEqualTo(Xid.PING);
        assertThat(ping.getInt(8)).isEqualTo(OpCode.PING);
    }

    @Test
    void pingDuplicatesAreIndependentAndNeverFreed() {
        ByteBuf first = Ping.request();
        first.skipBytes(first.readableBytes());
        first.release(); // what a channel does after writing it
        first.release();

        ByteBuf second = Ping.request();
        assertThat(second.readableBytes()).isEqualTo(12);
        assertThat(bytes(second)).isEqualTo(hex("00000008 FFFFFFFE 0000000B"));
        assertThat(second.refCnt()).isPositive();
    }

    @Test
    void getDataRequestMatchesTheReferenceExample() {
        ByteBuf frame = track(Frames.newRequest(HEAP, OpCode.GET_DATA, 8));
        assertThat(frame.readableBytes()).isEqualTo(Frames.REQUEST_PREFIX);
        Jute.writeString(frame, "/a");
        Jute.writeBoolean(frame, false);
        int length = Frames.finish(frame);
        Frames.setXid(frame, 7);

        assertThat(length).isEqualTo(15);
        // protocol.md §1.11: getData("/a", watch=false) with xid 7
        assertThat(bytes(frame)).isEqualTo(hex("0000000F 00000007 00000004 00000002 2F61 00"));
        assertThat(frame.readableBytes()).isEqualTo(19);
    }

    @Test
    void xidIsAPlaceholderUntilSet() {
        ByteBuf frame = track(Frames.newRequest(HEAP, OpCode.EXISTS, 0));
        Jute.writeString(frame, "/");
        Frames.finish(frame);
        assertThat(frame.getInt(4)).isZero();
        Frames.setXid(frame, Integer.MAX_VALUE);
        assertThat(frame.getInt(4)).isEqualTo(Integer.MAX_VALUE);
        Frames.setXid(frame, 1);
        assertThat(frame.getInt(4)).isEqualTo(1);
        // Patching the xid touches neither the length nor the type.
        assertThat(frame.getInt(0)).isEqualTo(frame.readableBytes() - 4);
        assertThat(frame.getInt(8)).isEqualTo(OpCode.EXISTS);
    }

    @Test
    void headerOnlyRequestHasLengthEight() {
        ByteBuf frame = track(Frames.newRequest(HEAP, OpCode.CLOSE_SESSION, 0));
        assertThat(Frames.finish(frame)).isEqualTo(8);
        Frames.setXid(frame, 3);
        assertThat(bytes(frame)).isEqualTo(hex("00000008 00000003 FFFFFFF5"));
    }

    @Test
    void connectRequestLayout() {
        byte[] password = new byte[16];
        for (int i = 0; i < password.length; i++) {
            password[i] = (byte) (0xA0 + i);
        }
        ByteBuf frame = track(ConnectRequest.request(HEAP, 0x1122334455667788L, 30_000, 0x0102030405060708L,
                password, true));

        // int length; int protocolVersion; long lastZxidSeen; int timeOut; long sessionId;
        // buffer passwd (4 + 16); boolean readOnly
        assertThat(frame.readableBytes()).isEqualTo(4 + 45);
        assertThat(frame.readInt()).as("length").isEqualTo(45);
        assertThat(frame.readInt()).as("protocolVersion").isZero();
        assertThat(frame.readLong()).as("lastZxidSeen").isEqualTo(0x1122334455667788L);
        assertThat(frame.readInt()).as("timeOut").isEqualTo(30_000);
        assertThat(frame.readLong()).as("sessionId").isEqualTo(0x0102030405060708L);
        assertThat(frame.readInt()).as("passwd length").isEqualTo(16);
        byte[] passwd = new byte[16];
        frame.readBytes(passwd);
        assertThat(passwd).isEqualTo(password);
        assertThat(frame.readByte()).as("readOnly").isEqualTo((byte) 1);
        assertThat(frame.isReadable()).isFalse();
    }

    @Test
    void connectRequestForANewSession() {
        ByteBuf frame = track(ConnectRequest.request(HEAP, 0, 10_000, 0, new byte[16], false));
        assertThat(bytes(frame)).isEqualTo(hex("0000002D" + "00000000" + "0000000000000000" + "00002710"
                + "0000000000000000" + "00000010" + "00000000000000000000000000000000" + "00"));
    }

    @Test
    void connectResponseWithReadOnlyByte() {
        ByteBuf body = track(Unpooled.buffer());
        body.writeInt(0).writeInt(12_000).writeLong(0x0A0B0C0D01020304L);
        Jute.writeBuffer(body, hex("000102030405060708090A0B0C0D0E0F"));
        body.writeByte(1);
        assertThat(body.readableBytes()).isEqualTo(37);

        ConnectResponse r = ConnectResponse.decode(body);
        assertThat(r.protocolVersion()).isZero();
        assertThat(r.timeOut()).isEqualTo(12_000);
        assertThat(r.sessionId()).isEqualTo(0x0A0B0C0D01020304L);
        assertThat(r.password()).isEqualTo(hex("000102030405060708090A0B0C0D0E0F"));
        assertThat(r.readOnly()).isTrue();
        assertThat(r.expired()).isFalse();
        assertThat(body.isReadable()).isFalse();
    }

    @Test
    void connectResponseReadOnlyByteZero() {
        ByteBuf body = track(Unpooled.buffer());
        body.writeInt(0).writeInt(4_000).writeLong(1);
        Jute.writeBuffer(body, new byte[16]);
        body.writeByte(0);
        assertThat(ConnectResponse.decode(body).readOnly()).isFalse();
    }

    @Test
    void connectResponseWithoutReadOnlyByte() {
        ByteBuf body = track(Unpooled.buffer());
        body.writeInt(0).writeInt(40_000).writeLong(0x7FL);
        Jute.writeBuffer(body, new byte[16]);
        assertThat(body.readableBytes()).isEqualTo(36);

        ConnectResponse r = ConnectResponse.decode(body);
        assertThat(r.timeOut()).isEqualTo(40_000);
        assertThat(r.sessionId()).isEqualTo(0x7FL);
        assertThat(r.password()).hasSize(16).containsOnly(0);
        assertThat(r.readOnly()).isFalse();
        assertThat(r.expired()).isFalse();
    }

    @Test
    void expiredSessionAnswer() {
        // The server's answer to an expired session or a wrong password: timeOut 0, id 0, 16 zero bytes.
        ByteBuf body = track(Unpooled.buffer());
        body.writeInt(0).writeInt(0).writeLong(0);
        Jute.writeBuffer(body, new byte[16]);
        body.writeByte(0);
        ConnectResponse r = ConnectResponse.decode(body);
        assertThat(r.timeOut()).isZero();
        assertThat(r.expired()).isTrue();

        assertThat(new ConnectResponse(0, -1, 0, new byte[16], false).expired()).isTrue();
        assertThat(new ConnectResponse(0, 1, 0, new byte[16], false).expired()).isFalse();
    }

    @Test
    void truncatedConnectResponseIsRejected() {
        ByteBuf body = track(Unpooled.buffer());
        body.writeInt(0).writeInt(10_000).writeLong(1).writeInt(16).writeZero(10);
        assertThatThrownBy(() -> ConnectResponse.decode(body)).isInstanceOf(MalformedFrameException.class);

        ByteBuf shorter = track(Unpooled.buffer());
        shorter.writeInt(0).writeInt(10_000).writeInt(1);
        assertThatThrownBy(() -> ConnectResponse.decode(shorter)).isInstanceOf(MalformedFrameException.class);
    }

    @Test
    void authRequestUsesReservedXidAndOpcode() {
        byte[] credential = "user:secret".getBytes(StandardCharsets.UTF_8);
        ByteBuf frame = track(SetAuth.replay(HEAP, "digest", credential));

        int length = frame.readInt();
        assertThat(length).isEqualTo(frame.readableBytes());
        assertThat(frame.readInt()).as("xid").isEqualTo(Xid.AUTH).isEqualTo(-4);
        assertThat(frame.readInt()).as("opcode").isEqualTo(OpCode.AUTH).isEqualTo(100);
        assertThat(frame.readInt()).as("AuthPacket.type").isZero();
        assertThat(Jute.readString(frame)).isEqualTo("digest");
        assertThat(Jute.readBuffer(frame)).isEqualTo(credential);
        assertThat(frame.isReadable()).isFalse();
        assertThat(length).isEqualTo(8 + 4 + (4 + 6) + (4 + credential.length));
    }
}
