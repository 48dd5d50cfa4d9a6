package dev.zkasync.client.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * getAllChildrenNumber (opcode 104): {@code GetAllChildrenNumberRequest {ustring path}}, answered by
 * {@code GetAllChildrenNumberResponse {int totalNumber}}, the count of all descendants.
 */
public final class GetAllChildrenNumber {
    /** The request type. */
    public static final int OP_CODE = OpCode.GET_ALL_CHILDREN_NUMBER;

    /** The number of descendants. */
    public static final ReplyDecoder<Integer> DECODER = (body, chroot) -> Jute.readInt(body);

    private GetAllChildrenNumber() {
    }

    /**
     * A request frame counting the descendants of the node at {@code serverPath} (chroot applied);
     * the caller owns it, the session sets its xid and length.
     */
    public static ByteBuf encode(ByteBufAllocator alloc, String serverPath) {
        return PathRequests.path(alloc, OP_CODE, serverPath);
    }
}
