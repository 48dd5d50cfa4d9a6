package dev.zkasync.client.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

/**
 * Whole client frames: {@code int length} then, for every request but the ConnectRequest, a
 * RequestHeader {@code {int xid; int type}} and the record. Requests are encoded on the caller's
 * thread with the xid left as a placeholder; the connection patches it in when it writes the frame,
 * so that xids follow the order of the wire.
 */
public final class Frames {
    /** Offset of the xid in a request frame. */
    private static final int XID_OFFSET = 4;
    /** Bytes of a request frame before its record: length, xid, type. */
    public static final int REQUEST_PREFIX = 12;

    private static final ByteBuf PING = Unpooled.unreleasableBuffer(Unpooled.directBuffer(12)
            .writeInt(8).writeInt(Xid.PING).writeInt(OpCode.PING).asReadOnly());

    private Frames() {
    }

    /** A pooled buffer holding the frame prefix of a request; the caller writes the record after it. */
    public static ByteBuf newRequest(ByteBufAllocator alloc, int opCode, int recordSizeHint) {
        ByteBuf frame = alloc.buffer(REQUEST_PREFIX + Math.max(recordSizeHint, 16));
        frame.writeInt(0);
        frame.writeInt(0);
        frame.writeInt(opCode);
        return frame;
    }

    /** Writes the length field; returns the frame's length as the server counts it (without the field). */
    public static int finish(ByteBuf frame) {
        int length = frame.readableBytes() - 4;
        frame.setInt(0, length);
        return length;
    }

    public static void setXid(ByteBuf frame, int xid) {
        frame.setInt(XID_OFFSET, xid);
    }

    /** The shared, never-released ping frame; write a duplicate of it. */
    public static ByteBuf ping() {
        return PING.duplicate();
    }

    /** A ConnectRequest frame (no RequestHeader). */
    public static ByteBuf connectRequest(ByteBufAllocator alloc, long lastZxidSeen, int timeoutMillis, long sessionId,
                                         byte[] password, boolean readOnly) {
        ByteBuf frame = alloc.buffer(64);
        frame.writeInt(0);
        frame.writeInt(0); // protocolVersion
        frame.writeLong(lastZxidSeen);
        frame.writeInt(timeoutMillis);
        frame.writeLong(sessionId);
        Jute.writeBuffer(frame, password);
        Jute.writeBoolean(frame, readOnly);
        finish(frame);
        return frame;
    }

    /** A finished AuthPacket frame with the reserved auth xid, as the session replays credentials ({@link SetAuth}). */
    public static ByteBuf authRequest(ByteBufAllocator alloc, String scheme, byte[] credential) {
        ByteBuf frame = SetAuth.encode(alloc, scheme, credential);
        finish(frame);
        return frame;
    }
}
