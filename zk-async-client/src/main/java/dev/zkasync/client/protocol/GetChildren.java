package dev.zkasync.client.protocol;

import dev.zkasync.client.data.NodeChildren;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.util.List;

/**
 * getChildren2 (opcode 12), how the client lists children: {@code GetChildren2Request {ustring path;
 * boolean watch}}, answered by {@code GetChildren2Response {vector<ustring> children; Stat stat}}.
 * The server keeps these replies serialized in its response cache. Inside a multiRead the plain
 * getChildren (opcode 8) is used instead: {@code GetChildrenRequest} has the same layout, and its
 * {@code GetChildrenResponse {vector<ustring> children}} no stat.
 */
public final class GetChildren {
    /** The request type. */
    public static final int OP_CODE = OpCode.GET_CHILDREN2;

    /** The children's names, the stat read past. */
    public static final ReplyDecoder<List<String>> DECODER = (body, chroot) -> {
        List<String> children = Jute.readNames(body, "children");
        Jute.skipStat(body);
        return children;
    };

    /** The children's names and the node's stat. */
    public static final ReplyDecoder<NodeChildren> WITH_STAT = (body, chroot) ->
            new NodeChildren(Jute.readNames(body, "children"), Jute.readStat(body));

    private GetChildren() {
    }

    /**
     * A getChildren2 request frame for the node at {@code serverPath} (chroot applied), leaving a
     * child watch on success when {@code watch}; the caller owns it, the session sets its xid and length.
     */
    public static ByteBuf encode(ByteBufAllocator alloc, String serverPath, boolean watch) {
        return PathRequests.pathAndWatch(alloc, OP_CODE, serverPath, watch);
    }

    /** Writes a GetChildrenRequest or GetChildren2Request record alone (their layouts are the same). */
    public static void writeRequest(ByteBuf out, String serverPath, boolean watch) {
        Jute.writeString(out, serverPath);
        Jute.writeBoolean(out, watch);
    }
}
