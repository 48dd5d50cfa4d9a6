package dev.zkasync.client.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

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
}
