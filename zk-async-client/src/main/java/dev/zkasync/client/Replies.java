package dev.zkasync.client;

import dev.zkasync.client.data.ClientInfo;
import dev.zkasync.client.data.CreatedNode;
import dev.zkasync.client.data.NodeAcls;
import dev.zkasync.client.data.NodeChildren;
import dev.zkasync.client.data.NodeData;
import dev.zkasync.client.data.Stat;
import dev.zkasync.client.path.ZkPaths;

import dev.zkasync.client.acl.ACL;
import dev.zkasync.client.exception.ErrorCode;
import dev.zkasync.client.protocol.Jute;
import dev.zkasync.client.session.ReplyDecoder;

import java.util.List;

/** The decoders of every reply record the client reads; stateless singletons. */
final class Replies {
    private Replies() {
    }

    static final ReplyDecoder<Void> NONE = (body, chroot) -> null;

    /** CreateResponse / SyncResponse: a path, with the chroot stripped. */
    static final ReplyDecoder<String> PATH = (body, chroot) -> ZkPaths.stripChroot(chroot, Jute.readString(body));

    /** Create2Response read for its path only (containers and TTL nodes answer with it). */
    static final ReplyDecoder<String> CREATE2_PATH = PATH;

    static final ReplyDecoder<CreatedNode> CREATED = (body, chroot) ->
            new CreatedNode(ZkPaths.stripChroot(chroot, Jute.readString(body)), Jute.readStat(body));

    static final ReplyDecoder<Stat> STAT = (body, chroot) -> Jute.readStat(body);

    /** exists: a Stat, or null when the node is absent. */
    static final ReplyDecoder<Stat> EXISTS = new ReplyDecoder<>() {
        @Override
        public Stat decode(io.netty.buffer.ByteBuf body, String chroot) {
            Stat stat = Jute.readStat(body);
            return stat.czxid() == -1 ? null : stat;
        }

        @Override
        public boolean nullOnError(int err) {
            return err == ErrorCode.NO_NODE.intValue();
        }
    };

    static final ReplyDecoder<NodeData> DATA = (body, chroot) -> new NodeData(Jute.readBuffer(body), Jute.readStat(body));

    /** The children of a getChildren2 reply, its stat read past. */
    static final ReplyDecoder<List<String>> CHILDREN_OF_CHILDREN2 = (body, chroot) -> {
        List<String> children = Jute.readStringList(body);
        Jute.skipStat(body);
        return children;
    };

    static final ReplyDecoder<NodeChildren> CHILDREN2 = (body, chroot) ->
            new NodeChildren(Jute.readStringList(body), Jute.readStat(body));

    static final ReplyDecoder<Integer> INT = (body, chroot) -> Jute.readInt(body);

    /** getEphemerals answers server paths; keep those under the chroot, relative to it. */
    static final ReplyDecoder<List<String>> EPHEMERALS = (body, chroot) -> {
        List<String> paths = Jute.readStringList(body);
        List<String> ours = new java.util.ArrayList<>(paths.size());
        for (String p : paths) {
            if (chroot.isEmpty() || p.equals(chroot) || p.startsWith(chroot + "/")) {
                ours.add(ZkPaths.stripChroot(chroot, p));
            }
        }
        return ours;
    };

    static final ReplyDecoder<List<ClientInfo>> WHO_AM_I = (body, chroot) -> {
        int count = Jute.readInt(body);
        List<ClientInfo> infos = new java.util.ArrayList<>(Math.max(0, Math.min(count, body.readableBytes() / 8)));
        for (int i = 0; i < count; i++) {
            infos.add(new ClientInfo(Jute.readString(body), Jute.readString(body)));
        }
        return infos;
    };

    static final ReplyDecoder<NodeAcls> ACLS = (body, chroot) -> {
        List<ACL> acls = Jute.readAcls(body);
        return new NodeAcls(acls, Jute.readStat(body));
    };
}
