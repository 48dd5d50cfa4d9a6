package dev.zkasync.client.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** delete (opcode 2): {@code DeleteRequest {ustring path; int version}}, answered by the header alone. */
public final class Delete {
    /** The request type. */
    public static final int OP_CODE = OpCode.DELETE;

    /** Success carries no record. */
    public static final ReplyDecoder<Void> DECODER = (body, chroot) -> null;

    private Delete() {
    }

    /**
     * A request frame, xid and length still to be set.
     *
     * @param alloc      where the frame comes from
     * @param serverPath the node, chroot applied
     * @param version    the version the node must have, -1 for any
     * @return the frame, owned by the caller
     */
    public static ByteBuf encode(ByteBufAllocator alloc, String serverPath, int version) {
        ByteBuf frame = Frames.newRequest(alloc, OP_CODE, serverPath.length() * 3 + 8);
        writeRequest(frame, serverPath, version);
        return frame;
    }

    /** Writes a DeleteRequest record alone (as an operation of a multi). */
    public static void writeRequest(ByteBuf out, String serverPath, int version) {
        Jute.writeString(out, serverPath);
        out.writeInt(version);
    }
}
