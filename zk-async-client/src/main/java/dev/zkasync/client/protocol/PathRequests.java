package dev.zkasync.client.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Frames of the request records most operations share the shape of: a path alone
 * ({@code {ustring path}}), then a watch flag ({@code {ustring path; boolean watch}}) or an int
 * ({@code {ustring path; int n}}). Each operation type names its record and picks its shape here.
 */
final class PathRequests {
    private PathRequests() {
    }

    /** A frame whose record is the path alone. */
    static ByteBuf path(ByteBufAllocator alloc, int opCode, String serverPath) {
        ByteBuf frame = Frames.newRequest(alloc, opCode, serverPath.length() * 3 + 4);
        Jute.writeString(frame, serverPath);
        return frame;
    }

    /** A frame whose record is the path and a watch flag. */
    static ByteBuf pathAndWatch(ByteBufAllocator alloc, int opCode, String serverPath, boolean watch) {
        ByteBuf frame = Frames.newRequest(alloc, opCode, serverPath.length() * 3 + 8);
        Jute.writeString(frame, serverPath);
        Jute.writeBoolean(frame, watch);
        return frame;
    }

    /** A frame whose record is the path and an int (a version, a mode, a watcher type). */
    static ByteBuf pathAndInt(ByteBufAllocator alloc, int opCode, String serverPath, int value) {
        ByteBuf frame = Frames.newRequest(alloc, opCode, serverPath.length() * 3 + 8);
        Jute.writeString(frame, serverPath);
        frame.writeInt(value);
        return frame;
    }
}
