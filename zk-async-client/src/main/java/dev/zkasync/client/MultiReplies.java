package dev.zkasync.client;

import dev.zkasync.client.data.NodeData;
import dev.zkasync.client.data.Stat;
import dev.zkasync.client.path.ZkPaths;

import dev.zkasync.client.exception.ErrorCode;
import dev.zkasync.client.exception.ZooKeeperException;
import dev.zkasync.client.protocol.Jute;
import dev.zkasync.client.protocol.MalformedFrameException;
import dev.zkasync.client.protocol.OpCode;
import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads MultiResponse records: a MultiHeader {type, done, err} per operation, then that
 * operation's result record, until a header with done set. An error result (type -1) carries the
 * operation's error code.
 */
final class MultiReplies {
    private MultiReplies() {
    }

    static List<Object> writeResults(ByteBuf body, String chroot, List<Transaction.Op> ops) {
        List<Object> results = new ArrayList<>(ops.size());
        for (int i = 0; ; i++) {
            int type = Jute.readInt(body);
            boolean done = Jute.readBoolean(body);
            Jute.readInt(body);
            if (done) {
                break;
            }
            String path = i < ops.size() ? ops.get(i).path() : null;
            switch (type) {
                case OpCode.CREATE -> results.add(ZkPaths.stripChroot(chroot, Jute.readString(body)));
                case OpCode.CREATE2, OpCode.CREATE_CONTAINER, OpCode.CREATE_TTL -> {
                    results.add(ZkPaths.stripChroot(chroot, Jute.readString(body)));
                    if (body.readableBytes() >= Jute.STAT_SIZE + 9) {
                        Jute.readStat(body); // 3.9 servers add the Stat (ZOOKEEPER-4026)
                    }
                }
                case OpCode.DELETE, OpCode.CHECK -> results.add(Boolean.TRUE);
                case OpCode.SET_DATA -> results.add(Jute.readStat(body));
                case OpCode.ERROR -> results.add(ZooKeeperException.of(Jute.readInt(body), path));
                default -> throw new MalformedFrameException("unexpected multi result type " + type);
            }
        }
        if (results.size() != ops.size()) {
            throw new MalformedFrameException("multi answered " + results.size() + " results for " + ops.size()
                    + " operations");
        }
        return results;
    }

    static List<Object> readResults(ByteBuf body, List<ReadOp> ops) {
        List<Object> results = new ArrayList<>(ops.size());
        for (int i = 0; ; i++) {
            int type = Jute.readInt(body);
            boolean done = Jute.readBoolean(body);
            Jute.readInt(body);
            if (done) {
                break;
            }
            if (i >= ops.size()) {
                throw new MalformedFrameException("multiRead answered more results than reads");
            }
            ReadOp op = ops.get(i);
            switch (type) {
                case OpCode.GET_DATA -> {
                    NodeData data = new NodeData(Jute.readBuffer(body), Jute.readStat(body));
                    results.add(op.kind() == ReadOp.Kind.EXISTS ? data.stat() : data);
                }
                case OpCode.GET_CHILDREN -> results.add(Jute.readStringList(body));
                case OpCode.ERROR -> {
                    int err = Jute.readInt(body);
                    results.add(op.kind() == ReadOp.Kind.EXISTS && err == ErrorCode.NO_NODE.intValue() ? null
                            : ZooKeeperException.of(err, op.path()));
                }
                default -> throw new MalformedFrameException("unexpected multiRead result type " + type);
            }
        }
        if (results.size() != ops.size()) {
            throw new MalformedFrameException("multiRead answered " + results.size() + " results for "
                    + ops.size() + " reads");
        }
        return results;
    }
}
