package dev.zkasync.client.protocol;

import dev.zkasync.client.data.NodeData;
import dev.zkasync.client.exception.ErrorCode;
import dev.zkasync.client.exception.ZooKeeperException;
import dev.zkasync.client.path.ZkPaths;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.util.ArrayList;
import java.util.List;

/**
 * multiRead (opcode 22, ZooKeeper 3.6+), reads in one round trip, each succeeding or failing on its
 * own: a {@code MultiOperationRecord} of getData ({@link GetData}) and getChildren
 * ({@link GetChildren}'s record, opcode 8) operations, each after a {@code MultiHeader}; answered by
 * a {@code MultiResponse}, a header and a {@code GetDataResponse}, {@code GetChildrenResponse} or
 * {@code ErrorResponse {int err}} per read. An exists is sent as a getData whose stat is kept.
 *
 * <p>One instance per request, sized for its reads: it holds what the reply is read against and is
 * the decoder of that reply.
 */
public final class MultiRead implements ReplyDecoder<List<Object>> {
    /** The request type. */
    public static final int OP_CODE = OpCode.MULTI_READ;

    private static final byte DATA = 0;
    private static final byte CHILDREN = 1;
    private static final byte STAT = 2;

    private final byte[] kinds;
    private final String[] serverPaths;
    private int size;

    /** Room for {@code reads} reads; adding more fails. */
    public MultiRead(int reads) {
        kinds = new byte[reads];
        serverPaths = new String[reads];
    }

    /** Adds a getData; its result is a {@link NodeData}. */
    public void getData(String serverPath) {
        add(DATA, serverPath);
    }

    /** Adds a getChildren; its result is the {@code List<String>} of the children's names. */
    public void getChildren(String serverPath) {
        add(CHILDREN, serverPath);
    }

    /** Adds an exists, sent as a getData; its result is the node's Stat, or {@code null} if it is absent. */
    public void exists(String serverPath) {
        add(STAT, serverPath);
    }

    private void add(byte kind, String serverPath) {
        kinds[size] = kind;
        serverPaths[size] = serverPath;
        size++;
    }

    /** A request frame of every read added, xid and length still to be set; owned by the caller. */
    public ByteBuf encode(ByteBufAllocator alloc) {
        int hint = 16;
        for (int i = 0; i < size; i++) {
            hint += 16 + serverPaths[i].length() * 3;
        }
        ByteBuf frame = Frames.newRequest(alloc, OP_CODE, hint);
        for (int i = 0; i < size; i++) {
            if (kinds[i] == CHILDREN) {
                MultiHeader.write(frame, OpCode.GET_CHILDREN);
                GetChildren.writeRequest(frame, serverPaths[i], false);
            } else {
                MultiHeader.write(frame, GetData.OP_CODE);
                GetData.writeRequest(frame, serverPaths[i], false);
            }
        }
        MultiHeader.writeEnd(frame);
        return frame;
    }

    /**
     * One result per read, in order: a {@link NodeData}, a {@code List<String>}, a Stat or
     * {@code null} for an exists, or the read's {@link ZooKeeperException}.
     */
    @Override
    public List<Object> decode(ByteBuf body, String chroot) {
        List<Object> results = new ArrayList<>(size);
        for (int type = MultiHeader.readType(body); type != MultiHeader.DONE; type = MultiHeader.readType(body)) {
            int i = results.size();
            if (i >= size) {
                throw new MalformedFrameException("multiRead answered more results than reads");
            }
            switch (type) {
                case OpCode.GET_DATA -> {
                    NodeData data = GetData.readResponse(body);
                    results.add(kinds[i] == STAT ? data.stat() : data);
                }
                case OpCode.GET_CHILDREN -> results.add(Jute.readNames(body, "children"));
                case OpCode.ERROR -> {
                    int err = Jute.readInt(body);
                    results.add(kinds[i] == STAT && err == ErrorCode.NO_NODE.intValue() ? null
                            : ZooKeeperException.of(err, ZkPaths.stripChroot(chroot, serverPaths[i])));
                }
                default -> throw new MalformedFrameException("unexpected multiRead result type " + type);
            }
        }
        if (results.size() != size) {
            throw new MalformedFrameException("multiRead answered " + results.size() + " results for " + size
                    + " reads");
        }
        return results;
    }

    /** Each read fails on its own: the results are read whatever the header's error code. */
    @Override
    public boolean decodesErrors() {
        return true;
    }
}
