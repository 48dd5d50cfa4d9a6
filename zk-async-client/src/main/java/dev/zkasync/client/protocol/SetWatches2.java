package dev.zkasync.client.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
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
    /** Frame bytes before the first path list: length, xid, type, relativeZxid. */
    private static final int HEAD = Frames.REQUEST_PREFIX + 8;
    /** A first guess of a path's encoded size, for the capacity of a frame's buffer. */
    private static final int TYPICAL_PATH_BYTES = 64;

    private SetWatches2() {
    }

    /**
     * Finished request frames carrying every path of {@code kinds} once, in order, each frame's
     * length (as the server counts it against its {@code jute.maxbuffer}) at most
     * {@code maxFrameBytes}, except that a path too long for any frame goes alone in one. Xids are
     * stamped when the frames are written. Each path is encoded once, straight into its frame.
     *
     * @param alloc         where the frames' buffers come from
     * @param relativeZxid  the newest zxid the client has seen
     * @param kinds         {@link #KINDS} collections in the record's order: data, exist, child,
     *                      persistent, persistent recursive watches
     * @param maxFrameBytes the longest frame to send
     * @return at least one frame
     */
    public static List<ByteBuf> requests(ByteBufAllocator alloc, long relativeZxid,
                                         List<? extends Collection<String>> kinds, int maxFrameBytes) {
        if (kinds.size() != KINDS) {
            throw new IllegalArgumentException("SetWatches2 carries " + KINDS + " path lists, not " + kinds.size());
        }
        if (maxFrameBytes < HEAD - 4 + 4 * KINDS) {
            throw new IllegalArgumentException("a SetWatches2 frame needs more than " + maxFrameBytes + " bytes");
        }
        Paths paths = new Paths(kinds);
        List<ByteBuf> frames = new ArrayList<>();
        do {
            frames.add(frame(alloc, relativeZxid, paths, maxFrameBytes));
        } while (!paths.done());
        return frames;
    }

    /** The next frame: the paths that fit, from where {@code paths} stands, with empty lists around them. */
    private static ByteBuf frame(ByteBufAllocator alloc, long relativeZxid, Paths paths, int maxFrameBytes) {
        int capacity = (int) Math.min(maxFrameBytes, (long) paths.left * TYPICAL_PATH_BYTES + 4 * KINDS + 8);
        ByteBuf frame = Frames.newRequest(alloc, OP_CODE, capacity);
        frame.writeLong(relativeZxid);
        // The server counts a frame's length without its own 4 bytes.
        int limit = maxFrameBytes + 4;
        boolean full = false;
        boolean empty = true;
        for (int k = 0; k < KINDS; k++) {
            int countAt = frame.writerIndex();
            frame.writeInt(0);
            if (full || k < paths.kind) {
                continue;
            }
            // Room is kept for the counts of the lists after this one.
            int room = limit - 4 * (KINDS - 1 - k);
            int count = 0;
            String path;
            while ((path = paths.next()) != null) {
                int mark = frame.writerIndex();
                Jute.writeString(frame, path);
                if (frame.writerIndex() > room && !empty) {
                    frame.writerIndex(mark);
                    paths.putBack(path);
                    full = true;
                    break;
                }
                count++;
                empty = false;
            }
            frame.setInt(countAt, count);
        }
        Frames.finish(frame);
        return frame;
    }

    /** A cursor over the path lists, kind by kind. */
    private static final class Paths {
        private final List<? extends Collection<String>> kinds;
        private Iterator<String> current;
        private String putBack;
        int kind;
        int left;

        Paths(List<? extends Collection<String>> kinds) {
            this.kinds = kinds;
            this.current = kinds.get(0).iterator();
            for (Collection<String> k : kinds) {
                left += k.size();
            }
        }

        /** The next path of the current kind; null when that kind is done, and the cursor moves to the next kind. */
        String next() {
            if (putBack != null) {
                String p = putBack;
                putBack = null;
                return p;
            }
            if (current.hasNext()) {
                left--;
                return current.next();
            }
            kind++;
            current = kind < KINDS ? kinds.get(kind).iterator() : null;
            return null;
        }

        /** {@code path} did not fit: the next frame starts with it. */
        void putBack(String path) {
            putBack = path;
        }

        boolean done() {
            return kind >= KINDS;
        }
    }
}
