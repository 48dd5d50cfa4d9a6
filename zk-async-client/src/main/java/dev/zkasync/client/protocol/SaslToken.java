package dev.zkasync.client.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** GetSASLRequest: one token of a SASL conversation; the reply carries the server's challenge. */
public final class SaslToken {
    /** The request type. */
    public static final int OP_CODE = OpCode.SASL;

    private SaslToken() {
    }

    /** A finished request frame carrying {@code token}; the xid is stamped when it is written. */
    public static ByteBuf request(ByteBufAllocator alloc, byte[] token) {
        ByteBuf frame = Frames.newRequest(alloc, OP_CODE, token.length + 8);
        Jute.writeBuffer(frame, token);
        Frames.finish(frame);
        return frame;
    }

    /** The server's challenge from a successful reply's record (SetSASLResponse). */
    public static byte[] decodeChallenge(ByteBuf body) {
        return Jute.readBuffer(body);
    }
}
