package dev.zkasync.client.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * checkWatches (opcode 17): {@code CheckWatchesRequest {ustring path; int type}}, the type a
 * WatcherType's wire value; answered by the header alone, NOWATCHER when the session has no such
 * watch.
 */
public final class CheckWatches {
    /** The request type. */
    public static final int OP_CODE = OpCode.CHECK_WATCHES;

    /** Success has no value. */
    public static final ReplyDecoder<Void> DECODER = (body, chroot) -> null;

    private CheckWatches() {
    }

    /**
     * A request frame, xid and length still to be set.
     *
     * @param alloc       where the frame comes from
     * @param serverPath  the node, chroot applied
     * @param watcherType the WatcherType's wire value
     * @return the frame, owned by the caller
     */
    public static ByteBuf encode(ByteBufAllocator alloc, String serverPath, int watcherType) {
        ByteBuf frame = Frames.newRequest(alloc, OP_CODE, serverPath.length() * 3 + 8);
        Jute.writeString(frame, serverPath);
        frame.writeInt(watcherType);
        return frame;
    }
}
