package dev.zkasync.client;

import dev.zkasync.client.data.Stat;
import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.path.ZkPaths;

import dev.zkasync.client.acl.ACL;
import dev.zkasync.client.exception.KazooException;
import dev.zkasync.client.exception.ZooKeeperException;
import dev.zkasync.client.protocol.Jute;
import dev.zkasync.client.protocol.OpCode;
import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Operations committed atomically in one ZooKeeper {@code multi}: all succeed or none is applied.
 * Kazoo's {@code TransactionRequest}. Not thread-safe; commit once.
 *
 * <pre>{@code
 * try (Transaction tx = client.transaction()) {
 *     tx.check("/config", 3).setData("/config", data, 3).create("/config/history-", old, CreateOptions.DEFAULT.sequence());
 *     List<Object> results = tx.commit();
 * }   // leaving the block without commit() (e.g. by an exception) sends nothing
 * }</pre>
 *
 * <p>{@link #commit()} returns one entry per operation: the created path ({@code String}),
 * {@code Boolean.TRUE} for delete and check, the new {@link Stat} for setData. When the transaction
 * fails nothing is applied and every entry is an exception instead, as in Kazoo: the failing
 * operation's own (e.g. {@code BadVersionException}), {@code RolledBackException} for those before it
 * and {@code RuntimeInconsistencyException} for those after. {@link #commitOrThrow()} throws instead.
 */
public final class Transaction implements AutoCloseable {
    private final KazooClient client;
    private final List<Op> ops = new ArrayList<>();
    private boolean committed;

    record Op(int type, String path, String serverPath, byte[] data, List<ACL> acl, int flags, long ttl,
              int version) {
    }

    Transaction(KazooClient client) {
        this.client = client;
    }

    /** Adds a create; options may make it ephemeral, sequential, a container or a TTL node (not makepath). */
    public Transaction create(String path, byte[] data, CreateOptions options) {
        Objects.requireNonNull(options, "options");
        if (options.isMakepath()) {
            throw new IllegalArgumentException("makepath cannot be part of a transaction");
        }
        if (options.isSequence()) {
            ZkPaths.validateSequential(path);
        } else {
            ZkPaths.validate(path);
        }
        int type = options.isContainer() ? OpCode.CREATE_CONTAINER
                : options.ttlMillis() > 0 ? OpCode.CREATE_TTL : OpCode.CREATE;
        List<ACL> acl = options.acl() != null ? options.acl() : client.defaultAcl();
        return add(new Op(type, path, ZkPaths.prefixChroot(client.chroot(), path, options.isSequence()), data, acl,
                options.flags(), options.ttlMillis(), -1));
    }

    public Transaction create(String path, byte[] data) {
        return create(path, data, CreateOptions.DEFAULT);
    }

    /** Adds a delete of the node at {@code version} (-1 for any). */
    public Transaction delete(String path, int version) {
        return add(new Op(OpCode.DELETE, path, serverPath(path), null, null, 0, 0, version));
    }

    /** Adds a data change at {@code version} (-1 for any). */
    public Transaction setData(String path, byte[] data, int version) {
        return add(new Op(OpCode.SET_DATA, path, serverPath(path), data, null, 0, 0, version));
    }

    /** Adds a check that the node exists at {@code version}; the transaction fails otherwise. */
    public Transaction check(String path, int version) {
        return add(new Op(OpCode.CHECK, path, serverPath(path), null, null, 0, 0, version));
    }

    private String serverPath(String path) {
        ZkPaths.validate(path);
        return ZkPaths.prefixChroot(client.chroot(), path);
    }

    private Transaction add(Op op) {
        if (committed) {
            throw new IllegalStateException("Transaction already committed");
        }
        ops.add(op);
        return this;
    }

    /** The operations added so far. */
    public int size() {
        return ops.size();
    }

    public boolean committed() {
        return committed;
    }

    /** Commits and waits; see the class comment for the results. */
    public List<Object> commit() {
        return commitAsync().get();
    }

    /** Commits without waiting. */
    public AsyncResult<List<Object>> commitAsync() {
        if (committed) {
            throw new IllegalStateException("Transaction already committed");
        }
        committed = true;
        return client.multi(this);
    }

    /**
     * Commits and returns the results, or throws the failing operation's exception (with every
     * operation's result in {@link TransactionFailedException#results()}) when nothing was applied.
     */
    public List<Object> commitOrThrow() {
        List<Object> results = commit();
        for (Object r : results) {
            if (r instanceof ZooKeeperException e && !(e instanceof dev.zkasync.client.exception.RolledBackException)) {
                throw new TransactionFailedException(e, results);
            }
        }
        return results;
    }

    /** Ends the transaction; one never committed sends nothing. */
    @Override
    public void close() {
        committed = true;
    }

    int encode(ByteBuf frame) {
        int dataLength = 0;
        for (Op op : ops) {
            frame.writeInt(op.type());
            Jute.writeBoolean(frame, false);
            frame.writeInt(-1);
            Jute.writeString(frame, op.serverPath());
            switch (op.type()) {
                case OpCode.CREATE, OpCode.CREATE_CONTAINER, OpCode.CREATE_TTL -> {
                    Jute.writeBuffer(frame, op.data());
                    Jute.writeAcls(frame, op.acl());
                    frame.writeInt(op.flags());
                    if (op.type() == OpCode.CREATE_TTL) {
                        frame.writeLong(op.ttl());
                    }
                }
                case OpCode.SET_DATA -> {
                    Jute.writeBuffer(frame, op.data());
                    frame.writeInt(op.version());
                }
                default -> frame.writeInt(op.version()); // delete, check
            }
            dataLength += op.data() == null ? 0 : op.data().length;
        }
        frame.writeInt(-1);
        Jute.writeBoolean(frame, true);
        frame.writeInt(-1);
        return dataLength;
    }

    int sizeHint() {
        int n = 16;
        for (Op op : ops) {
            n += 64 + op.serverPath().length() * 3 + (op.data() == null ? 0 : op.data().length);
        }
        return n;
    }

    List<Op> ops() {
        return Collections.unmodifiableList(ops);
    }

    /** A transaction was refused; nothing of it was applied. */
    public static final class TransactionFailedException extends KazooException {
        private static final long serialVersionUID = 1L;
        private final transient List<Object> results;

        TransactionFailedException(ZooKeeperException cause, List<Object> results) {
            super("transaction failed: " + cause.getMessage(), cause);
            this.results = List.copyOf(results);
        }

        /** One entry per operation, as {@link Transaction#commit()} returns them. */
        public List<Object> results() {
            return results;
        }
    }
}
