package dev.zkasync.client;

import dev.zkasync.client.acl.ACL;
import dev.zkasync.client.protocol.Create;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to create a node: Kazoo's {@code acl, ephemeral, sequence, makepath} plus ZooKeeper's
 * container and TTL nodes. Immutable; each method returns a new options object.
 *
 * <pre>{@code client.create("/jobs/job-", data, CreateOptions.DEFAULT.ephemeral().sequence().makepath());}</pre>
 */
public final class CreateOptions {
    /** Persistent, the client's default ACL, parent must exist. */
    public static final CreateOptions DEFAULT = new CreateOptions(null, false, false, false, false, 0);

    /** Largest TTL ZooKeeper accepts (2^40 - 1 ms). */
    static final long MAX_TTL_MILLIS = (1L << 40) - 1;

    private final List<ACL> acl;
    private final boolean ephemeral;
    private final boolean sequence;
    private final boolean makepath;
    private final boolean container;
    private final long ttlMillis;

    private CreateOptions(List<ACL> acl, boolean ephemeral, boolean sequence, boolean makepath, boolean container,
                          long ttlMillis) {
        this.acl = acl;
        this.ephemeral = ephemeral;
        this.sequence = sequence;
        this.makepath = makepath;
        this.container = container;
        this.ttlMillis = ttlMillis;
    }

    /**
     * {@return a copy with the node's ACL}
     *
     * @param newAcl the node's ACL; null or empty for the client's default
     */
    public CreateOptions acl(List<ACL> newAcl) {
        return new CreateOptions(newAcl == null || newAcl.isEmpty() ? null : List.copyOf(newAcl), ephemeral,
                sequence, makepath, container, ttlMillis);
    }

    /** {@return a copy for an ephemeral node, which goes away with the session that created it} */
    public CreateOptions ephemeral() {
        return new CreateOptions(acl, true, sequence, makepath, container, ttlMillis).check();
    }

    /**
     * ZooKeeper appends a 10-digit sequence number to the name.
     *
     * @return a copy for a sequential node: ZooKeeper appends a 10-digit sequence number to the name
     */
    public CreateOptions sequence() {
        return new CreateOptions(acl, ephemeral, true, makepath, container, ttlMillis).check();
    }

    /**
     * Missing parents are created first (persistent, with the same ACL).
     *
     * @return a copy that creates missing parents first (persistent, with the same ACL)
     */
    public CreateOptions makepath() {
        return new CreateOptions(acl, ephemeral, sequence, true, container, ttlMillis);
    }

    /** {@return a copy for a container node, which the server deletes once its last child is gone} */
    public CreateOptions container() {
        return new CreateOptions(acl, ephemeral, sequence, makepath, true, ttlMillis).check();
    }

    /**
     * {@return a copy for a TTL node: a persistent node the server deletes after {@code ttl} without changes
     * once it has no children}
     * Needs a server with extended types enabled.
     *
     * @param ttl the time to live: positive, at most 2^40 - 1 ms
     */
    public CreateOptions ttl(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        long millis = ttl.toMillis();
        if (millis <= 0 || millis > MAX_TTL_MILLIS) {
            throw new IllegalArgumentException("TTL must be between 1 ms and " + MAX_TTL_MILLIS + " ms, not " + ttl);
        }
        return new CreateOptions(acl, ephemeral, sequence, makepath, container, millis).check();
    }

    private CreateOptions check() {
        if (container && (ephemeral || sequence || ttlMillis > 0)) {
            throw new IllegalArgumentException("a container node cannot be ephemeral, sequential or have a TTL");
        }
        if (ephemeral && ttlMillis > 0) {
            throw new IllegalArgumentException("an ephemeral node cannot have a TTL");
        }
        return this;
    }

    /** {@return the node's ACL, or null for the client's default} */
    public List<ACL> acl() {
        return acl;
    }

    /** {@return whether the node is ephemeral} */
    public boolean isEphemeral() {
        return ephemeral;
    }

    /** {@return whether the node is sequential} */
    public boolean isSequence() {
        return sequence;
    }

    /** {@return whether missing parents are created first} */
    public boolean isMakepath() {
        return makepath;
    }

    /** {@return whether the node is a container} */
    public boolean isContainer() {
        return container;
    }

    /** {@return the TTL in milliseconds, or 0 for none} */
    public long ttlMillis() {
        return ttlMillis;
    }

    /** ZooKeeper's CreateMode flag for these options. */
    int flags() {
        if (container) {
            return Create.CONTAINER;
        }
        if (ttlMillis > 0) {
            return sequence ? Create.PERSISTENT_SEQUENTIAL_WITH_TTL : Create.PERSISTENT_WITH_TTL;
        }
        if (ephemeral) {
            return sequence ? Create.EPHEMERAL_SEQUENTIAL : Create.EPHEMERAL;
        }
        return sequence ? Create.PERSISTENT_SEQUENTIAL : Create.PERSISTENT;
    }

    @Override
    public String toString() {
        return "CreateOptions[ephemeral=" + ephemeral + ", sequence=" + sequence + ", makepath=" + makepath
                + ", container=" + container + ", ttlMillis=" + ttlMillis + ", acl=" + acl + "]";
    }
}
