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
     * A request frame for the node at {@code serverPath} (chroot applied), leaving a watch when
     * {@code watch}, on the node or, while it is absent, for its creation; the caller owns it, the
     * session sets its xid and length.
     */
    public static ByteBuf encode(ByteBufAllocator alloc, String serverPath, boolean watch) {
        return PathRequests.pathAndWatch(alloc, OP_CODE, serverPath, watch);
    }
}
