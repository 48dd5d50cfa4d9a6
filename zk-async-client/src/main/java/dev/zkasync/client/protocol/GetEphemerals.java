package dev.zkasync.client.protocol;

import dev.zkasync.client.path.ZkPaths;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.util.ArrayList;
import java.util.List;

/**
 * getEphemerals (opcode 103): {@code GetEphemeralsRequest {ustring prefixPath}}, answered by
 * {@code GetEphemeralsResponse {vector<ustring> ephemerals}}, absolute server paths.
 */
public final class GetEphemerals {
    /** The request type. */
    public static final int OP_CODE = OpCode.GET_EPHEMERALS;

    /** The server answers server paths: those under the chroot are kept, relative to it. */
    public static final ReplyDecoder<List<String>> DECODER = (body, chroot) -> {
        List<String> paths = Jute.readNames(body, "ephemeral paths");
        List<String> ours = new ArrayList<>(paths.size());
        for (String p : paths) {
            if (chroot.isEmpty() || p.equals(chroot) || p.startsWith(chroot + "/")) {
                ours.add(ZkPaths.stripChroot(chroot, p));
            }
        }
        return ours;
    };

    private GetEphemerals() {
    }

    /**
     * A request frame listing the session's ephemeral nodes under {@code serverPrefix} (a path
     * prefix, chroot applied); the caller owns it, the session sets its xid and length.
     */
    public static ByteBuf encode(ByteBufAllocator alloc, String serverPrefix) {
        return PathRequests.path(alloc, OP_CODE, serverPrefix);
    }
}
