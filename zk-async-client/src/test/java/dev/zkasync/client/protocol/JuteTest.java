package dev.zkasync.client.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.zkasync.client.data.Stat;
import dev.zkasync.client.acl.ACL;
import dev.zkasync.client.acl.Id;
import dev.zkasync.client.acl.Perms;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JuteTest {

    /** Every buffer a test allocates, released after it. */
    private final List<ByteBuf> buffers = new ArrayList<>();

    @AfterEach
    void releaseBuffers() {
        for (ByteBuf b : buffers) {
            if (b.refCnt() > 0) {
                b.release();
            }
        }
        assertThat(buffers).allSatisfy(b -> assertThat(b.refCnt()).isZero());
    }

    private ByteBuf heap() {
        ByteBuf b = Unpooled.buffer(64);
        buffers.add(b);
        return b;
    }

    private ByteBuf wrap(byte... bytes) {
        ByteBuf b = Unpooled.buffer(bytes.length).writeBytes(bytes);
        buffers.add(b);
        return b;
    }

    private ByteBuf written(Consumer<ByteBuf> writer) {
        ByteBuf b = heap();
        writer.accept(b);
        return b;
    }

    private static byte[] bytes(ByteBuf b) {
        return ByteBufUtil.getBytes(b);
    }

    private static byte[] hex(String hex) {
        return ByteBufUtil.decodeHexDump(hex.replace(" ", ""));
    }

    // ---------------------------------------------------------------- strings

    @Test
    void asciiStringIsLengthPrefixed() {
        ByteBuf b = written(out -> Jute.writeString(out, "/a"));
        assertThat(bytes(b)).isEqualTo(hex("00000002 2F61"));
        assertThat(Jute.readString(b)).isEqualTo("/a");
        assertThat(b.isReadable()).isFalse();
    }

    @Test
    void multiByteUtf8StringCountsBytesNotChars() {
        String s = "é中"; // 2 + 3 UTF-8 bytes
        ByteBuf b = written(out -> Jute.writeString(out, s));
        assertThat(b.getInt(0)).isEqualTo(5);
        assertThat(b.readableBytes()).isEqualTo(4 + 5);
        byte[] body = Arrays.copyOfRange(bytes(b), 4, 9);
        assertThat(body).isEqualTo(s.getBytes(StandardCharsets.UTF_8));
        assertThat(Jute.readString(b)).isEqualTo(s);
        assertThat(b.isReadable()).isFalse();
    }

    @Test
    void supplementaryCharactersUseStandardFourByteUtf8() {
        String s = "/x\uD83D\uDE00"; // "/x😀"
        ByteBuf b = written(out -> Jute.writeString(out, s));
        assertThat(b.getInt(0)).isEqualTo(6);
        assertThat(Jute.readString(b)).isEqualTo(s);
    }

    @Test
    void emptyString() {
        ByteBuf b = written(out -> Jute.writeString(out, ""));
        assertThat(bytes(b)).isEqualTo(hex("00000000"));
        assertThat(Jute.readString(b)).isEmpty();
        assertThat(b.isReadable()).isFalse();
    }

    @Test
    void nullStringIsMinusOne() {
        ByteBuf b = written(out -> Jute.writeString(out, null));
        assertThat(bytes(b)).isEqualTo(hex("FFFFFFFF"));
        assertThat(Jute.readString(b)).isNull();
        assertThat(b.isReadable()).isFalse();
    }

    @Test
    void stringsFollowEachOther() {
        ByteBuf b = written(out -> {
            Jute.writeString(out, "one");
            Jute.writeString(out, null);
            Jute.writeString(out, "");
            Jute.writeString(out, "中");
        });
        assertThat(Jute.readString(b)).isEqualTo("one");
        assertThat(Jute.readString(b)).isNull();
        assertThat(Jute.readString(b)).isEmpty();
        assertThat(Jute.readString(b)).isEqualTo("中");
        assertThat(b.isReadable()).isFalse();
    }

    // ---------------------------------------------------------------- buffers

    @Test
    void nullBufferIsMinusOne() {
        ByteBuf b = written(out -> Jute.writeBuffer(out, null));
        assertThat(bytes(b)).isEqualTo(hex("FFFFFFFF"));
        assertThat(Jute.readBuffer(b)).isNull();
        assertThat(b.isReadable()).isFalse();
    }

    @Test
    void emptyBuffer() {
        ByteBuf b = written(out -> Jute.writeBuffer(out, new byte[0]));
        assertThat(bytes(b)).isEqualTo(hex("00000000"));
        assertThat(Jute.readBuffer(b)).isNotNull().isEmpty();
        assertThat(b.isReadable()).isFalse();
    }

    @Test
    void bufferWithBytes() {
        byte[] data = {0, 1, (byte) 0xFF, 0x7F, (byte) 0x80};
        ByteBuf b = written(out -> Jute.writeBuffer(out, data));
        assertThat(bytes(b)).isEqualTo(hex("00000005 0001FF7F80"));
        byte[] read = Jute.readBuffer(b);
        assertThat(read).isEqualTo(data).isNotSameAs(data);
        assertThat(b.isReadable()).isFalse();
    }

    @Test
    void bufferExactlyFillingTheFrame() {
        ByteBuf b = wrap(hex("00000003 0A0B0C"));
        assertThat(Jute.readBuffer(b)).isEqualTo(new byte[] {0x0A, 0x0B, 0x0C});
        assertThat(b.isReadable()).isFalse();
    }

    // ---------------------------------------------------------------- scalars

    @Test
    void booleanIsOneByte() {
        ByteBuf b = written(out -> {
            Jute.writeBoolean(out, true);
            Jute.writeBoolean(out, false);
        });
        assertThat(bytes(b)).isEqualTo(hex("01 00"));
        assertThat(Jute.readBoolean(b)).isTrue();
        assertThat(Jute.readBoolean(b)).isFalse();
        assertThat(b.isReadable()).isFalse();
    }

    @Test
    void anyNonZeroByteReadsAsTrue() {
        assertThat(Jute.readBoolean(wrap((byte) 0x02))).isTrue();
        assertThat(Jute.readBoolean(wrap((byte) 0xFF))).isTrue();
    }

    @Test
    void intsAndLongsAreBigEndian() {
        ByteBuf b = wrap(hex("01020304 0102030405060708"));
        assertThat(Jute.readInt(b)).isEqualTo(0x01020304);
        assertThat(Jute.readLong(b)).isEqualTo(0x0102030405060708L);
    }

    @Test
    void scalarReadersRejectShortFrames() {
        assertThatThrownBy(() -> Jute.readInt(wrap(hex("010203")))).isInstanceOf(MalformedFrameException.class);
        assertThatThrownBy(() -> Jute.readLong(wrap(hex("01020304050607"))))
                .isInstanceOf(MalformedFrameException.class);
        assertThatThrownBy(() -> Jute.readBoolean(wrap())).isInstanceOf(MalformedFrameException.class);
    }

    // ---------------------------------------------------------------- string vectors

    @Test
    void stringListRoundTrip() {
        List<String> list = Arrays.asList("a", "é中", "", null, "zk");
        ByteBuf b = written(out -> Jute.writeStringList(out, list));
        assertThat(b.getInt(0)).isEqualTo(5);
        assertThat(Jute.readStringList(b)).containsExactly("a", "é中", "", null, "zk");
        assertThat(b.isReadable()).isFalse();
    }

    @Test
    void emptyStringList() {
        ByteBuf b = written(out -> Jute.writeStringList(out, List.of()));
        assertThat(bytes(b)).isEqualTo(hex("00000000"));
        assertThat(Jute.readStringList(b)).isNotNull().isEmpty();
    }

    @Test
    void nullStringList() {
        ByteBuf b = written(out -> Jute.writeStringList(out, null));
        assertThat(bytes(b)).isEqualTo(hex("FFFFFFFF"));
        assertThat(Jute.readStringList(b)).isNull();
        assertThat(b.isReadable()).isFalse();
    }

    // ---------------------------------------------------------------- ACL vectors

    @Test
    void aclListRoundTrip() {
        List<ACL> acls = List.of(
                ACL.of(Perms.ALL, Id.ANYONE_ID_UNSAFE),
                ACL.of(Perms.READ | Perms.ADMIN, "digest", "user:é中hash="),
                ACL.of(0, Id.AUTH_IDS));
        ByteBuf b = written(out -> Jute.writeAcls(out, acls));
        assertThat(b.getInt(0)).isEqualTo(3);
        // First entry by hand: perms 31, "world", "anyone".
        assertThat(b.getInt(4)).isEqualTo(31);
        assertThat(b.getInt(8)).isEqualTo(5);
        assertThat(b.toString(12, 5, StandardCharsets.UTF_8)).isEqualTo("world");
        assertThat(b.getInt(17)).isEqualTo(6);
        assertThat(b.toString(21, 6, StandardCharsets.UTF_8)).isEqualTo("anyone");

        assertThat(Jute.readAcls(b)).containsExactlyElementsOf(acls);
        assertThat(b.isReadable()).isFalse();
    }

    @Test
    void emptyAndNullAclLists() {
        ByteBuf empty = written(out -> Jute.writeAcls(out, List.of()));
        assertThat(bytes(empty)).isEqualTo(hex("00000000"));
        assertThat(Jute.readAcls(empty)).isNotNull().isEmpty();

        ByteBuf none = written(out -> Jute.writeAcls(out, null));
        assertThat(bytes(none)).isEqualTo(hex("FFFFFFFF"));
        assertThat(Jute.readAcls(none)).isNull();
    }

    // ---------------------------------------------------------------- Stat

    @Test
    void statRoundTripIs68Bytes() {
        Stat stat = new Stat(0x0102030405060708L, 2, 1_700_000_000_000L, 1_700_000_001_234L, 5, -6, 7,
                0x8000000000000000L, 9, 10, Long.MAX_VALUE);
        ByteBuf b = written(out -> Jute.writeStat(out, stat));
        assertThat(Jute.STAT_SIZE).isEqualTo(68);
        assertThat(b.readableBytes()).isEqualTo(68);
        // Field offsets in wire order.
        assertThat(b.getLong(0)).isEqualTo(stat.czxid());
        assertThat(b.getLong(8)).isEqualTo(stat.mzxid());
        assertThat(b.getLong(16)).isEqualTo(stat.ctime());
        assertThat(b.getLong(24)).isEqualTo(stat.mtime());
        assertThat(b.getInt(32)).isEqualTo(stat.version());
        assertThat(b.getInt(36)).isEqualTo(stat.cversion());
        assertThat(b.getInt(40)).isEqualTo(stat.aversion());
        assertThat(b.getLong(44)).isEqualTo(stat.ephemeralOwner());
        assertThat(b.getInt(52)).isEqualTo(stat.dataLength());
        assertThat(b.getInt(56)).isEqualTo(stat.numChildren());
        assertThat(b.getLong(60)).isEqualTo(stat.pzxid());

        assertThat(Jute.readStat(b)).isEqualTo(stat);
        assertThat(b.isReadable()).isFalse();
    }

    @Test
    void truncatedStatIsRejected() {
        ByteBuf b = heap();
        Jute.writeStat(b, new Stat(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11));
        b.writerIndex(67);
        assertThatThrownBy(() -> Jute.readStat(b)).isInstanceOf(MalformedFrameException.class);
        assertThatThrownBy(() -> Jute.readStat(wrap())).isInstanceOf(MalformedFrameException.class);
    }

    // ---------------------------------------------------------------- hostile lengths

    @ParameterizedTest
    @ValueSource(ints = {-2, -100, Integer.MIN_VALUE})
    void negativeLengthsBelowMinusOneAreRejected(int length) {
        ByteBuf string = heap().writeInt(length).writeZero(8);
        assertThatThrownBy(() -> Jute.readString(string)).isInstanceOf(MalformedFrameException.class);
        ByteBuf buffer = heap().writeInt(length).writeZero(8);
        assertThatThrownBy(() -> Jute.readBuffer(buffer)).isInstanceOf(MalformedFrameException.class);
    }

    @Test
    void lengthOneBeyondTheFrameIsRejected() {
        ByteBuf string = wrap(hex("00000004 616263"));
        assertThatThrownBy(() -> Jute.readString(string)).isInstanceOf(MalformedFrameException.class);
        ByteBuf buffer = wrap(hex("00000004 616263"));
        assertThatThrownBy(() -> Jute.readBuffer(buffer)).isInstanceOf(MalformedFrameException.class);
    }

    @Test
    void lengthFieldItselfCutShortIsRejected() {
        assertThatThrownBy(() -> Jute.readString(wrap(hex("0000")))).isInstanceOf(MalformedFrameException.class);
        assertThatThrownBy(() -> Jute.readBuffer(wrap(hex("000000")))).isInstanceOf(MalformedFrameException.class);
    }

    @Test
    void hugeBufferLengthIsRejectedWithoutAllocating() {
        // A 10-byte frame announcing a 2 GiB buffer.
        assertRejectedWithoutAllocating(hex("7FFFFFFF 000102030405"), Jute::readBuffer);
        assertRejectedWithoutAllocating(hex("7FFFFFFF 000102030405"), Jute::readString);
    }

    @Test
    void vectorCountsThatCannotFitAreRejectedWithoutAllocating() {
        // count 100,000,000 with 8 bytes left
        byte[] frame = hex("05F5E100 0000000000000000");
        assertRejectedWithoutAllocating(frame, Jute::readStringList);
        assertRejectedWithoutAllocating(frame, Jute::readAcls);
        assertRejectedWithoutAllocating(hex("7FFFFFFF 00000000"), Jute::readStringList);
        assertRejectedWithoutAllocating(hex("7FFFFFFF 00000000"), Jute::readAcls);
    }

    @Test
    void vectorCountsJustBeyondTheMinimumElementSizeAreRejected() {
        // Three strings need at least 12 bytes; two ACLs need at least 24.
        assertThatThrownBy(() -> Jute.readStringList(wrap(hex("00000003 0000000000000000 000000"))))
                .isInstanceOf(MalformedFrameException.class);
        assertThatThrownBy(() -> Jute.readAcls(wrap(new byte[4 + 23]).setInt(0, 2)))
                .isInstanceOf(MalformedFrameException.class);
    }

    @Test
    void negativeVectorCountsBelowMinusOneAreRejected() {
        assertThatThrownBy(() -> Jute.readStringList(wrap(hex("FFFFFFFE 00000000"))))
                .isInstanceOf(MalformedFrameException.class);
        assertThatThrownBy(() -> Jute.readAcls(wrap(hex("80000000 00000000"))))
                .isInstanceOf(MalformedFrameException.class);
    }

    @Test
    void elementCutShortInsideAVectorIsRejected() {
        // Count 2 fits the minimum size, but the second string claims more bytes than are left.
        ByteBuf b = wrap(hex("00000002 00000001 61 00000009 6263"));
        assertThatThrownBy(() -> Jute.readStringList(b)).isInstanceOf(MalformedFrameException.class);
    }

    private <R> void assertRejectedWithoutAllocating(byte[] frame, Function<ByteBuf, R> reader) {
        ByteBuf in = wrap(frame);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        boolean measure = threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled();
        long tid = Thread.currentThread().threadId();
        long before = measure ? threads.getThreadAllocatedBytes(tid) : 0;
        try {
            reader.apply(in);
            fail("expected MalformedFrameException");
        } catch (MalformedFrameException expected) {
            long allocated = measure ? threads.getThreadAllocatedBytes(tid) - before : 0;
            assertThat(expected.getMessage()).isNotBlank();
            // The exception and its message are all that may be allocated: far below what the frame claims.
            assertThat(allocated).as("bytes allocated while rejecting").isLessThan(256 * 1024);
        }
    }
}
