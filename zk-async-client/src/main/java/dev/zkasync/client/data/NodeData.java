package dev.zkasync.client.data;


/**
 * A node's data and stat, as {@code get} returns them (Kazoo's {@code (data, stat)} tuple).
 *
 * @param data the data, or {@code null} if the node was created with null data
 * @param stat the node's stat
 */
public record NodeData(byte[] data, Stat stat) {
    @Override
    public String toString() {
        return "NodeData[" + (data == null ? "null" : data.length + " bytes") + ", " + stat + "]";
    }
}
