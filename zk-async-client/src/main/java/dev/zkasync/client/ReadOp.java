package dev.zkasync.client;

import dev.zkasync.client.data.NodeData;
import dev.zkasync.client.data.Stat;
import dev.zkasync.client.path.ZkPaths;

/**
 * One read of a {@link KazooClient#multiRead} batch. Results come back as {@link NodeData},
 * a {@code List<String>} of children, a {@link Stat} (or null) for exists, or the read's exception.
 *
 * @param kind what to read
 * @param path the node
 */
public record ReadOp(Kind kind, String path) {

    /** What a {@link ReadOp} reads. */
    public enum Kind {
        /** The node's data and stat. */
        GET_DATA,
        /** The node's children. */
        GET_CHILDREN,
        /** The node's stat, or null. */
        EXISTS
    }

    /** Checks the path. */
    public ReadOp {
        ZkPaths.validate(path);
    }

    /**
     * {@return a read of the node's data and stat}
     *
     * @param path the node's absolute path
     */
    public static ReadOp getData(String path) {
        return new ReadOp(Kind.GET_DATA, path);
    }

    /**
     * {@return a read of the node's children}
     *
     * @param path the node's absolute path
     */
    public static ReadOp getChildren(String path) {
        return new ReadOp(Kind.GET_CHILDREN, path);
    }

    /**
     * Reads the node's stat ({@code null} if absent); sent as a getData, since multiRead has no exists.
     *
     * @param path the node's absolute path
     * @return a read of the node's stat
     */
    public static ReadOp exists(String path) {
        return new ReadOp(Kind.EXISTS, path);
    }
}
