package dev.zkasync.client.protocol;

import dev.zkasync.client.acl.ACL;
import dev.zkasync.client.data.Stat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.util.List;

/**
 * setACL (opcode 7): {@code SetACLRequest {ustring path; vector<ACL> acl; int version}}, answered by
 * {@code SetACLResponse {Stat stat}}.
 */
public final class SetAcl {
    /** The request type. */
    public static final int OP_CODE = OpCode.SET_ACL;

    /** The node's new stat. */
    public static final ReplyDecoder<Stat> DECODER = (body, chroot) -> Jute.readStat(body);

    private SetAcl() {
    }

    /**
     * A request frame, xid and length still to be set.
     *
     * @param alloc      where the frame comes from
     * @param serverPath the node, chroot applied
     * @param acl        the new ACL
     * @param version    the ACL version the node must have, -1 for any
     * @return the frame, owned by the caller
     */
    public static ByteBuf encode(ByteBufAllocator alloc, String serverPath, List<ACL> acl, int version) {
        ByteBuf frame = Frames.newRequest(alloc, OP_CODE, serverPath.length() * 3 + 64);
        Jute.writeString(frame, serverPath);
        Jute.writeAcls(frame, acl);
        frame.writeInt(version);
        return frame;
    }
}
