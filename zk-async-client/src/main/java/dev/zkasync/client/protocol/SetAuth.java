package dev.zkasync.client.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * auth (opcode 100): {@code AuthPacket {int type; ustring scheme; buffer auth}}, type 0, sent with
 * the reserved xid -4 and answered out of band by the header alone. A refusal is AUTHFAILED, after
 * which the server closes the connection.
 */
public final class SetAuth {
    /** The request type. */
    public static final int OP_CODE = OpCode.AUTH;

    /** An accepted credential. */
    public static final ReplyDecoder<Boolean> DECODER = (body, chroot) -> Boolean.TRUE;

    private SetAuth() {
    }

    /**
     * A whole request frame with its reserved xid; only its length is still to be set.
     *
     * @param alloc      where the frame comes from
     * @param scheme     the auth scheme, e.g. {@code digest}
     * @param credential the scheme's credential, e.g. {@code user:password} in UTF-8
     * @return the frame, owned by the caller
     */
    public static ByteBuf encode(ByteBufAllocator alloc, String scheme, byte[] credential) {
        ByteBuf frame = Frames.newRequest(alloc, OP_CODE, 16 + scheme.length() + credential.length);
        frame.writeInt(0); // type
        Jute.writeString(frame, scheme);
        Jute.writeBuffer(frame, credential);
        Frames.setXid(frame, Xid.AUTH);
        return frame;
    }

    /**
     * A finished frame, as the session replays credentials on a new connection: written outside the
     * request queue, so nothing else finishes it.
     */
    public static ByteBuf replay(ByteBufAllocator alloc, String scheme, byte[] credential) {
        ByteBuf frame = encode(alloc, scheme, credential);
        Frames.finish(frame);
        return frame;
    }
}
