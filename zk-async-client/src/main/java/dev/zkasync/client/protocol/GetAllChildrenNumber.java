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
