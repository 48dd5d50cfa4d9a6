package dev.zkasync.client.protocol;

import io.netty.buffer.ByteBuf;

/**
 * {@code MultiHeader {int type; boolean done; int err}}: it stands before every operation of a
 * MultiOperationRecord and every result of a MultiResponse, and one with {@code done} set ends both.
 */
final class MultiHeader {
    /** What {@link #readType} returns for the header that ends the list. */
    static final int DONE = Integer.MIN_VALUE;

    private MultiHeader() {
    }

    /** The header of one operation of a request; its record follows. */
    static void write(ByteBuf out, int type) {
        out.writeInt(type);
        Jute.writeBoolean(out, false);
        out.writeInt(-1);
    }

    /** The header that ends a request. */
    static void writeEnd(ByteBuf out) {
        out.writeInt(-1);
        Jute.writeBoolean(out, true);
        out.writeInt(-1);
    }

    /** Reads a result's header: its type (an opcode, or -1 for an error result), or {@link #DONE}. */
    static int readType(ByteBuf body) {
        int type = Jute.readInt(body);
        boolean done = Jute.readBoolean(body);
        Jute.readInt(body); // err: an error result's record repeats it
        return done ? DONE : type;
    }
}
