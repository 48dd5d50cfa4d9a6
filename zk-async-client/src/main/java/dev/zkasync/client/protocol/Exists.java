package dev.zkasync.client.protocol;

import dev.zkasync.client.data.Stat;
import dev.zkasync.client.exception.ErrorCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * exists (opcode 3): {@code ExistsRequest {ustring path; boolean watch}}, answered by
 * {@code ExistsResponse {Stat stat}}; an absent node is the error NONODE, which this operation reads
 * as a {@code null} stat.
 */
public final class Exists {
    /** The request type. */
    public static final int OP_CODE = OpCode.EXISTS;

    /** The node's stat, or {@code null} when it is absent (NONODE, or a stat with czxid -1). */
    public static final ReplyDecoder<Stat> DECODER = new ReplyDecoder<>() {
        @Override
        public Stat decode(ByteBuf body, String chroot) {
            Stat stat = Jute.readStat(body);
            return stat.czxid() == -1 ? null : stat;
        }

        @Override
        public boolean nullOnError(int err) {
            return err == ErrorCode.NO_NODE.intValue();
        }
    };

    private Exists() {
    }

    /**
     * A request frame, xid and length still to be set.
     *
     * @param alloc      where the frame comes from
     * @param serverPath the node, chroot applied
     * @param watch      whether the server is to leave a watch (on the node, or for its creation)
     * @return the frame, owned by the caller
     */
    public static ByteBuf encode(ByteBufAllocator alloc, String serverPath, boolean watch) {
        ByteBuf frame = Frames.newRequest(alloc, OP_CODE, serverPath.length() * 3 + 8);
        Jute.writeString(frame, serverPath);
        Jute.writeBoolean(frame, watch);
        return frame;
    }
}
