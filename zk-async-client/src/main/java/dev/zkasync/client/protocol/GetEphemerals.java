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
        List<String> paths = Jute.readStringList(body);
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
     * A request frame, xid and length still to be set.
     *
     * @param alloc        where the frame comes from
     * @param serverPrefix the path prefix, chroot applied
     * @return the frame, owned by the caller
     */
    public static ByteBuf encode(ByteBufAllocator alloc, String serverPrefix) {
        ByteBuf frame = Frames.newRequest(alloc, OP_CODE, serverPrefix.length() * 3 + 4);
        Jute.writeString(frame, serverPrefix);
        return frame;
    }
}
