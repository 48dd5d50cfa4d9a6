package dev.zkasync.client.protocol;

import io.netty.buffer.ByteBuf;

/**
 * The server's answer to a ConnectRequest. A {@code timeOut} of zero or less means the session
 * has expired (or its password was wrong).
 */
public record ConnectResponse(int protocolVersion, int timeOut, long sessionId, byte[] password, boolean readOnly) {

    /** Decodes the first frame of a connection. Pre-3.4 servers omit the trailing read-only byte. */
    public static ConnectResponse decode(ByteBuf in) {
        int protocolVersion = Jute.readInt(in);
        int timeOut = Jute.readInt(in);
        long sessionId = Jute.readLong(in);
        byte[] password = Jute.readBuffer(in);
        boolean readOnly = in.isReadable() && in.readByte() != 0;
        return new ConnectResponse(protocolVersion, timeOut, sessionId, password, readOnly);
    }

    public boolean expired() {
        return timeOut <= 0;
    }

    @Override
    public String toString() {
        return "ConnectResponse[timeOut=" + timeOut + ", sessionId=0x" + Long.toHexString(sessionId)
                + ", readOnly=" + readOnly + "]";
    }
}
