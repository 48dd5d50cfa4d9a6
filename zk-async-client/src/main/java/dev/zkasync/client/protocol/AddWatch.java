package dev.zkasync.client.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * addWatch (opcode 106, ZooKeeper 3.6+): {@code AddWatchRequest {ustring path; int mode}}, mode 0
 * for a persistent watch and 1 for a persistent recursive one; answered by
 * {@code ErrorResponse {int err}}, which repeats the header's code and is not read.
 */
public final class AddWatch {
    /** The request type. */
    public static final int OP_CODE = OpCode.ADD_WATCH;

    /** Success has no value. */
    public static final ReplyDecoder<Void> DECODER = (body, chroot) -> null;

    private AddWatch() {
    }

    /**
     * A request frame adding a watch of {@code mode} (an AddWatchMode's wire value) on the node at
     * {@code serverPath} (chroot applied); the caller owns it, the session sets its xid and length.
     */
    public static ByteBuf encode(ByteBufAllocator alloc, String serverPath, int mode) {
        return PathRequests.pathAndInt(alloc, OP_CODE, serverPath, mode);
    }
}
