package dev.zkasync.client.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.util.List;

/**
 * SetWatches2: re-arms a session's watches on a new connection. The server reports every
 * one-shot watch whose node changed after {@code relativeZxid} at once, as a notification.
 */
public final class SetWatches2 {
    /** The request type. */
    public static final int OP_CODE = OpCode.SET_WATCHES2;
    /** The path lists of the record, in its order. */
    public static final int KINDS = 5;

    private SetWatches2() {
    }

    /**
     * An upper bound of the bytes {@code path} takes in the record: its length field and at most
     * three UTF-8 bytes per character.
     */
    public static int sizeOf(String path) {
        return 4 + path.length() * 3;
    }

    /**
     * A finished request frame; the xid is stamped when it is written.
     *
     * @param alloc        where the frame's buffer comes from
     * @param relativeZxid the newest zxid the client has seen
     * @param paths        {@link #KINDS} lists in the record's order: data, exist, child, persistent,
     *                     persistent recursive watches
     * @param sizeHint     the record's expected size, from {@link #sizeOf}
     */
    public static ByteBuf request(ByteBufAllocator alloc, long relativeZxid, List<List<String>> paths, int sizeHint) {
        if (paths.size() != KINDS) {
            throw new IllegalArgumentException("SetWatches2 carries " + KINDS + " path lists, not " + paths.size());
        }
        ByteBuf frame = Frames.newRequest(alloc, OP_CODE, sizeHint + 32);
        frame.writeLong(relativeZxid);
        for (List<String> kind : paths) {
            Jute.writeStringList(frame, kind);
        }
        Frames.finish(frame);
        return frame;
    }
}
