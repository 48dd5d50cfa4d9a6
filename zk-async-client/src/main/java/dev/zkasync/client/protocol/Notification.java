package dev.zkasync.client.protocol;

import io.netty.buffer.ByteBuf;

/**
 * A watch notification's record (WatcherEvent), what follows the ReplyHeader of a frame with xid
 * {@link Xid#NOTIFICATION}.
 *
 * @param type       the event type's wire value
 * @param state      the server's state (always SyncConnected in practice)
 * @param serverPath the node's path as the server knows it (chroot included), or null
 */
public record Notification(int type, int state, String serverPath) {

    /** Reads the record. Throws {@link MalformedFrameException} when it does not fit the frame. */
    public static Notification decode(ByteBuf body) {
        int type = Jute.readInt(body);
        int state = Jute.readInt(body);
        return new Notification(type, state, Jute.readString(body));
    }
}
