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
     * A request frame, xid and length still to be set.
     *
     * @param alloc      where the frame comes from
     * @param serverPath the node, chroot applied
     * @param mode       the AddWatchMode's wire value
     * @return the frame, owned by the caller
     */
    public static ByteBuf encode(ByteBufAllocator alloc, String serverPath, int mode) {
        ByteBuf frame = Frames.newRequest(alloc, OP_CODE, serverPath.length() * 3 + 8);
        Jute.writeString(frame, serverPath);
        frame.writeInt(mode);
        return frame;
    }
}
