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
        List<String> children = Jute.readStringList(body);
        Jute.skipStat(body);
        return children;
    };

    /** The children's names and the node's stat. */
    public static final ReplyDecoder<NodeChildren> WITH_STAT = (body, chroot) ->
            new NodeChildren(Jute.readStringList(body), Jute.readStat(body));

    private GetChildren() {
    }

    /**
     * A getChildren2 request frame, xid and length still to be set.
     *
     * @param alloc      where the frame comes from
     * @param serverPath the node, chroot applied
     * @param watch      whether the server is to leave a child watch on success
     * @return the frame, owned by the caller
     */
    public static ByteBuf encode(ByteBufAllocator alloc, String serverPath, boolean watch) {
        ByteBuf frame = Frames.newRequest(alloc, OP_CODE, serverPath.length() * 3 + 8);
        writeRequest(frame, serverPath, watch);
        return frame;
    }

    /** Writes a GetChildrenRequest or GetChildren2Request record alone (their layouts are the same). */
    public static void writeRequest(ByteBuf out, String serverPath, boolean watch) {
        Jute.writeString(out, serverPath);
        Jute.writeBoolean(out, watch);
    }
}
