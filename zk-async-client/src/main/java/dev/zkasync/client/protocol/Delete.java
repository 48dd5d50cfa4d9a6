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
     * A request frame deleting the node at {@code serverPath} (chroot applied) if it has
     * {@code version} (-1 for any); the caller owns it, the session sets its xid and length.
     */
    public static ByteBuf encode(ByteBufAllocator alloc, String serverPath, int version) {
        return PathRequests.pathAndInt(alloc, OP_CODE, serverPath, version);
    }

    /** Writes a DeleteRequest record alone (as an operation of a multi). */
    public static void writeRequest(ByteBuf out, String serverPath, int version) {
        Jute.writeString(out, serverPath);
        out.writeInt(version);
    }
}
