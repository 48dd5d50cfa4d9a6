package dev.zkasync.client.protocol;

import dev.zkasync.client.data.Stat;
import dev.zkasync.client.acl.ACL;
import dev.zkasync.client.acl.Id;
import dev.zkasync.client.acl.Perms;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Jute binary encoding straight on Netty buffers: big-endian ints and longs, length-prefixed
 * buffers and strings with -1 for null, vectors as a count then the elements. Strings are standard
 * UTF-8. Readers never trust a length: every length is checked against the bytes actually left in
 * the frame before anything is allocated.
 */
public final class Jute {
    /** Encoded size of a {@code Stat}. */
    public static final int STAT_SIZE = 68;

    private Jute() {
    }

    public static void writeString(ByteBuf out, String s) {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        if (isShortAscii(s)) {
            // Paths are nearly always ASCII: byte per char, with none of the temporary NIO views
            // writeUtf8 makes on direct buffers when Netty cannot use Unsafe (JDK 24+).
            int n = s.length();
            out.writeInt(n);
            out.ensureWritable(n);
            int at = out.writerIndex();
            for (int i = 0; i < n; i++) {
                out.setByte(at + i, s.charAt(i));
            }
            out.writerIndex(at + n);
            return;
        }
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        int written = ByteBufUtil.writeUtf8(out, s);
        out.setInt(lengthIndex, written);
    }

    private static boolean isShortAscii(String s) {
        int n = s.length();
        if (n > 1024) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    public static void writeBuffer(ByteBuf out, byte[] b) {
        if (b == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(b.length);
            out.writeBytes(b);
        }
    }

    public static void writeBoolean(ByteBuf out, boolean b) {
        out.writeByte(b ? 1 : 0);
    }

    public static void writeStringList(ByteBuf out, List<String> list) {
        if (list == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(list.size());
        for (String s : list) {
            writeString(out, s);
        }
    }

    public static void writeAcls(ByteBuf out, List<ACL> acls) {
        if (acls == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(acls.size());
        for (ACL acl : acls) {
            out.writeInt(acl.perms());
            writeString(out, acl.id().scheme());
            writeString(out, acl.id().id());
        }
    }

    private static int readLength(ByteBuf in, String what) {
        need(in, 4, what);
        int length = in.readInt();
        if (length < -1 || length > in.readableBytes()) {
            throw new MalformedFrameException(what + " length " + length + " does not fit the "
                    + in.readableBytes() + " bytes left in the frame");
        }
        return length;
    }

    private static void need(ByteBuf in, int bytes, String what) {
        if (in.readableBytes() < bytes) {
            throw new MalformedFrameException(what + " needs " + bytes + " bytes, the frame has "
                    + in.readableBytes() + " left");
        }
    }

    public static int readInt(ByteBuf in) {
        need(in, 4, "int");
        return in.readInt();
    }

    public static long readLong(ByteBuf in) {
        need(in, 8, "long");
        return in.readLong();
    }

    public static boolean readBoolean(ByteBuf in) {
        need(in, 1, "boolean");
        return in.readByte() != 0;
    }

    public static String readString(ByteBuf in) {
        int length = readLength(in, "string");
        if (length < 0) {
            return null;
        }
        String s = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return s;
    }

    /** A string the record cannot do without (a path, a name, an ACL's scheme or id): null is malformed. */
    public static String readRequiredString(ByteBuf in, String what) {
        String s = readString(in);
        if (s == null) {
            throw new MalformedFrameException(what + " is null");
        }
        return s;
    }

    public static byte[] readBuffer(ByteBuf in) {
        int length = readLength(in, "buffer");
        if (length < 0) {
            return null;
        }
        byte[] b = new byte[length];
        in.readBytes(b);
        return b;
    }

    /** A vector's element count, bounded by the bytes left (each element takes at least {@code minElementSize}). */
    private static int readCount(ByteBuf in, int minElementSize, String what) {
        need(in, 4, what);
        int count = in.readInt();
        if (count < -1 || (count > 0 && (long) count * minElementSize > in.readableBytes())) {
            throw new MalformedFrameException(what + " count " + count + " does not fit the "
                    + in.readableBytes() + " bytes left in the frame");
        }
        return count;
    }

    public static List<String> readStringList(ByteBuf in) {
        int count = readCount(in, 4, "string vector");
        if (count < 0) {
            return null;
        }
        if (count == 0) {
            return Collections.emptyList();
        }
        List<String> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(readString(in));
        }
        return list;
    }

    /** A vector of names or paths in a reply: a null vector (-1) reads as empty, a null element is malformed. */
    public static List<String> readNames(ByteBuf in, String what) {
        int count = readCount(in, 4, what);
        if (count <= 0) {
            return Collections.emptyList();
        }
        List<String> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(readRequiredString(in, what + " element"));
        }
        return list;
    }

    /** An ACL vector, null for a null vector (-1); an entry that is no valid ACL is malformed. */
    public static List<ACL> readAcls(ByteBuf in) {
        int count = readCount(in, 12, "ACL vector");
        if (count < 0) {
            return null;
        }
        List<ACL> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int perms = readInt(in);
            if ((perms & ~Perms.ALL) != 0) {
                throw new MalformedFrameException("ACL perms " + perms + " are not between 0 and " + Perms.ALL);
            }
            String scheme = readRequiredString(in, "ACL scheme");
            String id = readRequiredString(in, "ACL id");
            list.add(new ACL(perms, new Id(scheme, id)));
        }
        return Collections.unmodifiableList(list);
    }

    public static Stat readStat(ByteBuf in) {
        need(in, STAT_SIZE, "Stat");
        return new Stat(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readInt(), in.readInt(),
                in.readInt(), in.readLong(), in.readInt(), in.readInt(), in.readLong());
    }

    /** Reads past a Stat, checking it is all there. */
    public static void skipStat(ByteBuf in) {
        need(in, STAT_SIZE, "Stat");
        in.skipBytes(STAT_SIZE);
    }

    public static void writeStat(ByteBuf out, Stat s) {
        out.writeLong(s.czxid());
        out.writeLong(s.mzxid());
        out.writeLong(s.ctime());
        out.writeLong(s.mtime());
        out.writeInt(s.version());
        out.writeInt(s.cversion());
        out.writeInt(s.aversion());
        out.writeLong(s.ephemeralOwner());
        out.writeInt(s.dataLength());
        out.writeInt(s.numChildren());
        out.writeLong(s.pzxid());
    }
}
