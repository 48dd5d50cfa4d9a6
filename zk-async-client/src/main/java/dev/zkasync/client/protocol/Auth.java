package dev.zkasync.client.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * AuthPacket: adds a credential to the connection. It travels with the reserved auth xid and is
 * answered out of band, so it never takes part in the order of other replies.
 */
public final class Auth {
    /** The request type. */
    public static final int OP_CODE = OpCode.AUTH;

    private Auth() {
    }

    /** A finished AuthPacket frame for {@code scheme} and {@code credential}, with the reserved auth xid. */
    public static ByteBuf request(ByteBufAllocator alloc, String scheme, byte[] credential) {
        ByteBuf frame = Frames.newRequest(alloc, OP_CODE, 16 + scheme.length() + credential.length);
        frame.writeInt(0); // type
        Jute.writeString(frame, scheme);
        Jute.writeBuffer(frame, credential);
        Frames.setXid(frame, Xid.AUTH);
        Frames.finish(frame);
        return frame;
    }
}
