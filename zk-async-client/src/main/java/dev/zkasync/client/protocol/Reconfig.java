package dev.zkasync.client.protocol;

import dev.zkasync.client.data.NodeData;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * reconfig (opcode 16): {@code ReconfigRequest {ustring joiningServers; ustring leavingServers;
 * ustring newMembers; long curConfigId}}, answered by a {@code GetDataResponse} holding the new
 * configuration and the stat of {@code /zookeeper/config}.
 */
public final class Reconfig {
    /** The request type. */
    public static final int OP_CODE = OpCode.RECONFIG;

    /** The new configuration and its stat. */
    public static final ReplyDecoder<NodeData> DECODER = (body, chroot) -> GetData.readResponse(body);

    private Reconfig() {
    }

    /**
     * A request frame, xid and length still to be set.
     *
     * @param alloc      where the frame comes from
     * @param joining    servers to add (incremental), or null
     * @param leaving    server ids to remove (incremental), or null
     * @param newMembers the whole new membership (non-incremental), or null
     * @param fromConfig the configuration version to change, -1 for any
     * @return the frame, owned by the caller
     */
    public static ByteBuf encode(ByteBufAllocator alloc, String joining, String leaving, String newMembers,
                                 long fromConfig) {
        ByteBuf frame = Frames.newRequest(alloc, OP_CODE, 64 + utf8Bound(joining) + utf8Bound(leaving)
                + utf8Bound(newMembers));
        Jute.writeString(frame, joining);
        Jute.writeString(frame, leaving);
        Jute.writeString(frame, newMembers);
        frame.writeLong(fromConfig);
        return frame;
    }

    private static int utf8Bound(String s) {
        return s == null ? 0 : s.length() * 3;
    }
}
