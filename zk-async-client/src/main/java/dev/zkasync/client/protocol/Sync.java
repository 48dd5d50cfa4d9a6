package dev.zkasync.client.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** sync (opcode 9): {@code SyncRequest {ustring path}}, answered by {@code SyncResponse {ustring path}}. */
public final class Sync {
    /** The request type. */
    public static final int OP_CODE = OpCode.SYNC;

    /** The synced path, the chroot stripped. */
    public static final ReplyDecoder<String> DECODER = (body, chroot) -> Create.readPath(body, chroot);

    private Sync() {
    }

    /**
     * A request frame, xid and length still to be set.
     *
     * @param alloc      where the frame comes from
     * @param serverPath the node, chroot applied
     * @return the frame, owned by the caller
     */
    public static ByteBuf encode(ByteBufAllocator alloc, String serverPath) {
        ByteBuf frame = Frames.newRequest(alloc, OP_CODE, serverPath.length() * 3 + 4);
        Jute.writeString(frame, serverPath);
        return frame;
    }
}
