package dev.zkasync.client.protocol;

import dev.zkasync.client.data.NodeData;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * getData (opcode 4): {@code GetDataRequest {ustring path; boolean watch}}, answered by
 * {@code GetDataResponse {buffer data; Stat stat}}. Also a read of a multiRead.
 */
public final class GetData {
    /** The request type. */
    public static final int OP_CODE = OpCode.GET_DATA;

    /** Reads a GetDataResponse into the node's data and stat. */
    public static final ReplyDecoder<NodeData> DECODER = (body, chroot) -> readResponse(body);

    private GetData() {
    }

    /**
     * A request frame for the node at {@code serverPath} (chroot applied), leaving a data watch on
     * success when {@code watch}; the caller owns it, the session sets its xid and length.
     */
    public static ByteBuf encode(ByteBufAllocator alloc, String serverPath, boolean watch) {
        return PathRequests.pathAndWatch(alloc, OP_CODE, serverPath, watch);
    }

    /** Writes a GetDataRequest record alone (as a read inside a multiRead). */
    public static void writeRequest(ByteBuf out, String serverPath, boolean watch) {
        Jute.writeString(out, serverPath);
        Jute.writeBoolean(out, watch);
    }

    /** Reads a GetDataResponse record. */
    public static NodeData readResponse(ByteBuf body) {
        return new NodeData(Jute.readBuffer(body), Jute.readStat(body));
    }
}
