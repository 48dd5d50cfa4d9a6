package dev.zkasync.client.protocol;

import io.netty.buffer.ByteBuf;

/**
 * check (opcode 13): {@code CheckVersionRequest {ustring path; int version}}. The client sends it
 * only inside a multi, where it fails the transaction unless the node has that version; its result
 * there carries no record.
 */
public final class Check {
    /** The request type. */
    public static final int OP_CODE = OpCode.CHECK;

    private Check() {
    }

    /** Writes a CheckVersionRequest record alone (as an operation of a multi). */
    public static void writeRequest(ByteBuf out, String serverPath, int version) {
        Jute.writeString(out, serverPath);
        out.writeInt(version);
    }
}
