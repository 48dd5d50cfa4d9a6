package dev.zkasync.client.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The first request of every connection: it opens a new session or resumes one. Unlike every
 * other request it has no RequestHeader; the server answers with a {@link ConnectResponse}, or,
 * when it refuses the session, with a bare ReplyHeader (see {@link #isRefusal}).
 */
public final class ConnectRequest {
    /** Bytes of a bare ReplyHeader {@code {int xid; long zxid; int err}}, a refusal's whole frame. */
    private static final int REPLY_HEADER_BYTES = 16;
    /** Offset of the error code in a bare ReplyHeader. */
    private static final int REPLY_HEADER_ERR_OFFSET = 12;

    private ConnectRequest() {
    }

    /**
     * A ConnectRequest frame.
     *
     * @param alloc         where the frame's buffer comes from
     * @param lastZxidSeen  the newest zxid this client has seen, so the server can refuse to go back in time
     * @param timeoutMillis the session timeout to ask for
     * @param sessionId     the session to resume, or 0 for a new one
     * @param password      the session's password (16 zero bytes for a new session)
     * @param readOnly      whether a read-only server may accept the session
     * @return the finished frame, length field included
     */
    public static ByteBuf request(ByteBufAllocator alloc, long lastZxidSeen, int timeoutMillis, long sessionId,
                                  byte[] password, boolean readOnly) {
        ByteBuf frame = alloc.buffer(64);
        frame.writeInt(0);
        frame.writeInt(0); // protocolVersion
        frame.writeLong(lastZxidSeen);
        frame.writeInt(timeoutMillis);
        frame.writeLong(sessionId);
        Jute.writeBuffer(frame, password);
        Jute.writeBoolean(frame, readOnly);
        Frames.finish(frame);
        return frame;
    }

    /** Whether the first frame of a connection is a bare ReplyHeader: the server refused to open the session. */
    public static boolean isRefusal(ByteBuf frame) {
        return frame.readableBytes() == REPLY_HEADER_BYTES;
    }

    /** The error code of a refusal; consumes the frame. */
    public static int refusalCode(ByteBuf frame) {
        frame.skipBytes(REPLY_HEADER_ERR_OFFSET);
        return frame.readInt();
    }
}
