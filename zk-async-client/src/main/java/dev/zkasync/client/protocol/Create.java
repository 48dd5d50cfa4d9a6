package dev.zkasync.client.protocol;

import dev.zkasync.client.acl.ACL;
import dev.zkasync.client.data.CreatedNode;
import dev.zkasync.client.path.ZkPaths;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.util.List;

/**
 * Creating a node, in its four wire forms: create (opcode 1) and create2 (15) send
 * {@code CreateRequest {ustring path; buffer data; vector<ACL> acl; int flags}}, createContainer
 * (19) the same with flags 4, createTTL (21) {@code CreateTTLRequest}, which adds {@code long ttl}.
 * create is answered by {@code CreateResponse {ustring path}}, the others by
 * {@code Create2Response {ustring path; Stat stat}}. The flags are ZooKeeper's CreateMode; they
 * decide the form.
 */
public final class Create {
    /** CreateMode PERSISTENT. */
    public static final int PERSISTENT = 0;
    /** CreateMode EPHEMERAL. */
    public static final int EPHEMERAL = 1;
    /** CreateMode PERSISTENT_SEQUENTIAL. */
    public static final int PERSISTENT_SEQUENTIAL = 2;
    /** CreateMode EPHEMERAL_SEQUENTIAL. */
    public static final int EPHEMERAL_SEQUENTIAL = 3;
    /** CreateMode CONTAINER. */
    public static final int CONTAINER = 4;
    /** CreateMode PERSISTENT_WITH_TTL. */
    public static final int PERSISTENT_WITH_TTL = 5;
    /** CreateMode PERSISTENT_SEQUENTIAL_WITH_TTL. */
    public static final int PERSISTENT_SEQUENTIAL_WITH_TTL = 6;

    /** The created path, the chroot stripped; reads a CreateResponse, or a Create2Response for its path. */
    public static final ReplyDecoder<String> DECODER = (body, chroot) -> readPath(body, chroot);

    /** The created path and the new node's stat, from a Create2Response. */
    public static final ReplyDecoder<CreatedNode> WITH_STAT = (body, chroot) ->
            new CreatedNode(readPath(body, chroot), Jute.readStat(body));

    private Create() {
    }

    /**
     * The request type for these flags: createContainer and createTTL where the flags say so, else
     * create2 when the stat is wanted and create when it is not.
     */
    public static int opCode(int flags, boolean withStat) {
        if (flags == CONTAINER) {
            return OpCode.CREATE_CONTAINER;
        }
        if (isTtl(flags)) {
            return OpCode.CREATE_TTL;
        }
        return withStat ? OpCode.CREATE2 : OpCode.CREATE;
    }

    private static boolean isTtl(int flags) {
        return flags == PERSISTENT_WITH_TTL || flags == PERSISTENT_SEQUENTIAL_WITH_TTL;
    }

    /**
     * A request frame, xid and length still to be set; its type is {@link #opCode(int, boolean)}.
     * Read the reply with {@link #WITH_STAT} when {@code withStat}, else with {@link #DECODER}.
     *
     * @param alloc      where the frame comes from
     * @param serverPath the node, chroot applied (for a sequential node, the prefix of its name)
     * @param data       the data, or null
     * @param acl        the node's ACL
     * @param flags      the CreateMode
     * @param ttlMillis  the TTL, sent only when the flags name a TTL node
     * @param withStat   whether the reply is to carry the new node's stat
     * @return the frame, owned by the caller
     */
    public static ByteBuf encode(ByteBufAllocator alloc, String serverPath, byte[] data, List<ACL> acl, int flags,
                                 long ttlMillis, boolean withStat) {
        int dataLength = data == null ? 0 : data.length;
        ByteBuf frame = Frames.newRequest(alloc, opCode(flags, withStat), serverPath.length() * 3 + dataLength + 64);
        writeRequest(frame, serverPath, data, acl, flags, ttlMillis);
        return frame;
    }

    /** Writes a CreateRequest record alone, or a CreateTTLRequest when the flags name a TTL node. */
    public static void writeRequest(ByteBuf out, String serverPath, byte[] data, List<ACL> acl, int flags,
                                    long ttlMillis) {
        Jute.writeString(out, serverPath);
        Jute.writeBuffer(out, data);
        Jute.writeAcls(out, acl);
        out.writeInt(flags);
        if (isTtl(flags)) {
            out.writeLong(ttlMillis);
        }
    }

    /** Reads the path of a CreateResponse or Create2Response, the chroot stripped. */
    static String readPath(ByteBuf body, String chroot) {
        return ZkPaths.stripChroot(chroot, Jute.readRequiredString(body, "path"));
    }
}
