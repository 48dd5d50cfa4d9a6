package dev.zkasync.client.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The keep-alive request: a bare RequestHeader with the reserved ping xid and no record. The
 * server answers with a ReplyHeader carrying the same xid, outside the order of other replies.
 */
public final class Ping {
    /** The request type. */
    public static final int OP_CODE = OpCode.PING;

    /** Every ping is the same twelve bytes, so one shared frame serves them all without allocating. */
    private static final ByteBuf FRAME = Unpooled.unreleasableBuffer(Unpooled.directBuffer(Frames.REQUEST_PREFIX)
            .writeInt(8).writeInt(Xid.PING).writeInt(OP_CODE).asReadOnly());

    private Ping() {
    }

    /** The shared, never-released ping frame, as a fresh duplicate that can be written once. */
    public static ByteBuf request() {
        return FRAME.duplicate();
    }
}
