package dev.zkasync.client.data;


import java.time.Instant;

/**
 * A znode's metadata, as the server returns it. The components are in wire order (the jute
 * {@code Stat} record, 68 bytes).
 *
 * @param czxid          zxid of the transaction that created the node
 * @param mzxid          zxid of the transaction that last changed the node's data
 * @param ctime          creation time, in milliseconds since the epoch
 * @param mtime          time of the last data change, in milliseconds since the epoch
 * @param version        number of changes to the node's data
 * @param cversion       number of changes to the node's children
 * @param aversion       number of changes to the node's ACL
 * @param ephemeralOwner session id of the owner for an ephemeral node, else 0 (the server reports
 *                       0 for persistent, container and TTL nodes alike)
 * @param dataLength     length of the node's data in bytes
 * @param numChildren    number of children
 * @param pzxid          zxid of the transaction that last added or removed a child
 */
public record Stat(long czxid, long mzxid, long ctime, long mtime, int version, int cversion, int aversion,
        long ephemeralOwner, int dataLength, int numChildren, long pzxid) {


    /**
     * Returns the creation time.
     *
     * @return {@link #ctime()} as an instant
     */
    public Instant created() {
        return Instant.ofEpochMilli(ctime);
    }

    /**
     * Returns the time of the last data change.
     *
     * @return {@link #mtime()} as an instant
     */
    public Instant lastModified() {
        return Instant.ofEpochMilli(mtime);
    }

    /**
     * Tells whether the node is ephemeral, that is, owned by a session.
     *
     * @return true if the node has an owning session
     */
    public boolean isEphemeral() {
        return ephemeralOwner != 0;
    }

    /**
     * Returns the id of the session that owns an ephemeral node.
     *
     * @return the session id, or 0 if the node is not ephemeral
     */
    public long ownerSessionId() {
        return isEphemeral() ? ephemeralOwner : 0;
    }



}
