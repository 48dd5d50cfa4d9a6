package dev.zkasync.client.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** Ends the session on the server at once, taking its ephemeral nodes with it. It has no record. */
public final class CloseSession {
    /** The request type. */
    public static final int OP_CODE = OpCode.CLOSE_SESSION;

    private CloseSession() {
    }

    /** A finished request frame; the xid is stamped when it is written. */
    public static ByteBuf request(ByteBufAllocator alloc) {
        ByteBuf frame = Frames.newRequest(alloc, OP_CODE, 0);
        Frames.finish(frame);
        return frame;
    }
}
