package dev.zkasync.client.protocol;

import dev.zkasync.client.acl.ACL;
import dev.zkasync.client.exception.ZooKeeperException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.util.ArrayList;
import java.util.List;

/**
 * multi (opcode 14), a write transaction: a {@code MultiOperationRecord}, each operation a
 * {@code MultiHeader} and its request record (create, createContainer and createTTL as
 * {@link Create}, {@link Delete}, {@link SetData}, {@link Check}), answered by a
 * {@code MultiResponse}, a header and a result record per operation: {@code CreateResponse} or
 * {@code Create2Response}, a {@code SetDataResponse}, nothing for delete and check, and
 * {@code ErrorResponse {int err}} for an error result. The results of a failed transaction are all
 * errors: 0 for the operations before the failing one, which were rolled back, the failure's own
 * code, and RUNTIMEINCONSISTENCY for those after.
 *
 * <p>One instance per transaction, not thread-safe: it collects the operations, encodes the
 * request, and is the decoder of its reply, since the results are read against the operations.
 */
public final class Multi implements ReplyDecoder<List<Object>> {
    /** The request type. */
    public static final int OP_CODE = OpCode.MULTI;

    private record Op(int type, String path, String serverPath, byte[] data, List<ACL> acl, int flags,
                      long ttlMillis, int version) {
    }

    private final List<Op> ops = new ArrayList<>();

    /** An empty transaction. */
    public Multi() {
    }

    /**
     * Adds a create, sent as create, createContainer or createTTL as {@code flags} say (never as
     * create2: a create's result is its path).
     *
     * @param path       the path as the caller gave it, for errors
     * @param serverPath the path, chroot applied
     * @param data       the data, or null
     * @param acl        the node's ACL
     * @param flags      the CreateMode
     * @param ttlMillis  the TTL, sent only when the flags name a TTL node
     */
    public void create(String path, String serverPath, byte[] data, List<ACL> acl, int flags, long ttlMillis) {
        ops.add(new Op(Create.opCode(flags, false), path, serverPath, data, acl, flags, ttlMillis, -1));
    }

    /** Adds a delete of the node at {@code version} (-1 for any); its result is {@code Boolean.TRUE}. */
    public void delete(String path, String serverPath, int version) {
        ops.add(new Op(Delete.OP_CODE, path, serverPath, null, null, 0, 0, version));
    }

    /** Adds a data change at {@code version} (-1 for any); its result is the new Stat. */
    public void setData(String path, String serverPath, byte[] data, int version) {
        ops.add(new Op(SetData.OP_CODE, path, serverPath, data, null, 0, 0, version));
    }

    /** Adds a check that the node has {@code version}; its result is {@code Boolean.TRUE}. */
    public void check(String path, String serverPath, int version) {
        ops.add(new Op(Check.OP_CODE, path, serverPath, null, null, 0, 0, version));
    }

    /** The operations added so far. */
    public int size() {
        return ops.size();
    }

    /** The bytes of data the operations carry, for the error that refuses a request too large. */
    public int dataLength() {
        int n = 0;
        for (Op op : ops) {
            n += op.data() == null ? 0 : op.data().length;
        }
        return n;
    }

    /** A request frame of every operation added, xid and length still to be set; owned by the caller. */
    public ByteBuf encode(ByteBufAllocator alloc) {
        int hint = 16;
        for (Op op : ops) {
            hint += 64 + op.serverPath().length() * 3 + (op.data() == null ? 0 : op.data().length);
        }
        ByteBuf frame = Frames.newRequest(alloc, OP_CODE, hint);
        for (Op op : ops) {
            MultiHeader.write(frame, op.type());
            switch (op.type()) {
                case OpCode.SET_DATA -> SetData.writeRequest(frame, op.serverPath(), op.data(), op.version());
                case OpCode.DELETE -> Delete.writeRequest(frame, op.serverPath(), op.version());
                case OpCode.CHECK -> Check.writeRequest(frame, op.serverPath(), op.version());
                default -> Create.writeRequest(frame, op.serverPath(), op.data(), op.acl(), op.flags(),
                        op.ttlMillis());
            }
        }
        MultiHeader.writeEnd(frame);
        return frame;
    }

    /**
     * One result per operation, in order: the created path (chroot stripped), {@code Boolean.TRUE}
     * for delete and check, the new Stat for setData, or a {@link ZooKeeperException} for an error
     * result.
     */
    @Override
    public List<Object> decode(ByteBuf body, String chroot) {
        List<Object> results = new ArrayList<>(ops.size());
        for (int type = MultiHeader.readType(body); type != MultiHeader.DONE; type = MultiHeader.readType(body)) {
            int i = results.size();
            if (i >= ops.size()) {
                // before an error result makes an exception per extra entry, however many the frame holds
                throw new MalformedFrameException("multi answered more results than operations");
            }
            switch (type) {
                case OpCode.CREATE -> results.add(Create.readPath(body, chroot));
                case OpCode.CREATE2, OpCode.CREATE_CONTAINER, OpCode.CREATE_TTL -> {
                    results.add(Create.readPath(body, chroot));
                    if (body.readableBytes() >= Jute.STAT_SIZE + 9) {
                        Jute.skipStat(body); // servers since 3.9 add the Stat
                    }
                }
                case OpCode.DELETE, OpCode.CHECK -> results.add(Boolean.TRUE);
                case OpCode.SET_DATA -> results.add(Jute.readStat(body));
                case OpCode.ERROR -> results.add(ZooKeeperException.of(Jute.readInt(body), ops.get(i).path()));
                default -> throw new MalformedFrameException("unexpected multi result type " + type);
            }
        }
        if (results.size() != ops.size()) {
            throw new MalformedFrameException("multi answered " + results.size() + " results for " + ops.size()
                    + " operations");
        }
        return results;
    }

    /** A failed transaction still answers a result per operation, whatever the header's error code. */
    @Override
    public boolean decodesErrors() {
        return true;
    }
}
