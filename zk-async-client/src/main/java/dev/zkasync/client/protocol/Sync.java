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
     * A request frame syncing the node at {@code serverPath} (chroot applied);
     * the caller owns it, the session sets its xid and length.
     */
    public static ByteBuf encode(ByteBufAllocator alloc, String serverPath) {
        return PathRequests.path(alloc, OP_CODE, serverPath);
    }
}
