package dev.zkasync.client.protocol;

import dev.zkasync.client.acl.ACL;
import dev.zkasync.client.data.NodeAcls;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.util.List;

/**
 * getACL (opcode 6): {@code GetACLRequest {ustring path}}, answered by
 * {@code GetACLResponse {vector<ACL> acl; Stat stat}}.
 */
public final class GetAcl {
    /** The request type. */
    public static final int OP_CODE = OpCode.GET_ACL;

    /** The node's ACL and stat. */
    public static final ReplyDecoder<NodeAcls> DECODER = (body, chroot) -> {
        List<ACL> acls = Jute.readAcls(body);
        return new NodeAcls(acls == null ? List.of() : acls, Jute.readStat(body));
    };

    private GetAcl() {
    }

    /**
     * A request frame reading the ACL of the node at {@code serverPath} (chroot applied);
     * the caller owns it, the session sets its xid and length.
     */
    public static ByteBuf encode(ByteBufAllocator alloc, String serverPath) {
        return PathRequests.path(alloc, OP_CODE, serverPath);
    }
}
