package dev.zkasync.client;

import dev.zkasync.client.data.Stat;
import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.path.ZkPaths;

import dev.zkasync.client.acl.ACL;
import dev.zkasync.client.exception.KazooException;
import dev.zkasync.client.exception.ZooKeeperException;
import dev.zkasync.client.protocol.Multi;

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
    private final Multi ops = new Multi();
    private boolean committed;

    Transaction(KazooClient client) {
        this.client = client;
    }

    /**
     * Adds a create; options may make it ephemeral, sequential, a container or a TTL node (not makepath).
     *
     * @param path the node's absolute path
     * @param data the data, or null for none
     * @param options mode, ACL and TTL
     * @return this transaction
     */
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
        List<ACL> acl = options.acl() != null ? options.acl() : client.defaultAcl();
        String serverPath = Arguments.writable(path, ZkPaths.prefixChroot(client.chroot(), path, options.isSequence()));
        open().create(path, serverPath, data, acl, options.flags(), options.ttlMillis());
        return this;
    }

    /**
     * Adds a create of a persistent node.
     *
     * @param path the node's absolute path
     * @param data the data, or null for none
     * @return this transaction
     */
    public Transaction create(String path, byte[] data) {
        return create(path, data, CreateOptions.DEFAULT);
    }

    /**
     * Adds a delete of the node at {@code version} (-1 for any).
     *
     * @param path the node's absolute path
     * @param version the version the node must have, or -1 for any
     * @return this transaction
     */
    public Transaction delete(String path, int version) {
        String serverPath = Arguments.writable(path, serverPath(path));
        open().delete(path, serverPath, Arguments.version(path, version));
        return this;
    }

    /**
     * Adds a data change at {@code version} (-1 for any).
     *
     * @param path the node's absolute path
     * @param data the data, or null for none
     * @param version the version the node must have, or -1 for any
     * @return this transaction
     */
    public Transaction setData(String path, byte[] data, int version) {
        String serverPath = Arguments.writable(path, serverPath(path));
        open().setData(path, serverPath, data, Arguments.version(path, version));
        return this;
    }

    /**
     * Adds a check that the node exists at {@code version}; the transaction fails otherwise.
     *
     * @param path the node's absolute path
     * @param version the version the node must have, or -1 for any
     * @return this transaction
     */
    public Transaction check(String path, int version) {
        String serverPath = serverPath(path);
        open().check(path, serverPath, Arguments.version(path, version));
        return this;
    }

    private String serverPath(String path) {
        ZkPaths.validate(path);
        return ZkPaths.prefixChroot(client.chroot(), path);
    }

    /** The operations, while more may be added. */
    private Multi open() {
        if (committed) {
            throw new IllegalStateException("Transaction already committed");
        }
        return ops;
    }

    /** {@return the operations added so far} */
    public int size() {
        return ops.size();
    }

    /** {@return whether the transaction was committed} */
    public boolean committed() {
        return committed;
    }

    /**
     * Commits and waits; see the class comment for the results.
     *
     * @return one entry per operation, in order
     */
    public List<Object> commit() {
        return commitAsync().get();
    }

    /**
     * Commits without waiting.
     *
     * @return one entry per operation, in order
     */
    public AsyncResult<List<Object>> commitAsync() {
        Multi all = open();
        committed = true;
        return client.multi(all);
    }

    /**
     * Commits and returns the results, or throws the failing operation's exception (with every
     * operation's result in {@link TransactionFailedException#results()}) when nothing was applied.
     *
     * @return one entry per operation, in order
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

    /** A transaction was refused; nothing of it was applied. */
    public static final class TransactionFailedException extends KazooException {
        private static final long serialVersionUID = 1L;
        private final transient List<Object> results;

        TransactionFailedException(ZooKeeperException cause, List<Object> results) {
            super("transaction failed: " + cause.getMessage(), cause);
            this.results = List.copyOf(results);
        }

        /**
         * One entry per operation, as {@link Transaction#commit()} returns them.
         *
         * @return one entry per operation, in order
         */
        public List<Object> results() {
            return results;
        }
    }
}
