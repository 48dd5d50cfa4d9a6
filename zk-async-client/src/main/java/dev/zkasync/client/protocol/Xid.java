package dev.zkasync.client.protocol;

/** Reserved xids of the ZooKeeper wire protocol. Normal requests use positive xids. */
public final class Xid {
    /** Server to client watch notifications. */
    public static final int NOTIFICATION = -1;
    /** Pings; the server always answers with this xid, outside the FIFO. */
    public static final int PING = -2;
    /** Auth packets; answered out of band, possibly before earlier requests. */
    public static final int AUTH = -4;

    private Xid() {
    }

    /** The xid after {@code xid}: positive, wrapping from Integer.MAX_VALUE back to 1 (never 0 or negative). */
    public static int next(int xid) {
        return xid == Integer.MAX_VALUE ? 1 : xid + 1;
    }
}
