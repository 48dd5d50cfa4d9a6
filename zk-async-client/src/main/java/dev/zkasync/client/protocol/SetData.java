package dev.zkasync.client.protocol;

import dev.zkasync.client.data.Stat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * setData (opcode 5): {@code SetDataRequest {ustring path; buffer data; int version}}, answered by
 * {@code SetDataResponse {Stat stat}}.
 */
public final class SetData {
    /** The request type. */
    public static final int OP_CODE = OpCode.SET_DATA;

    /** The node's new stat. */
    public static final ReplyDecoder<Stat> DECODER = (body, chroot) -> Jute.readStat(body);

    private SetData() {
    }

    /**
     * A request frame, xid and length still to be set.
     *
     * @param alloc      where the frame comes from
     * @param serverPath the node, chroot applied
     * @param data       the new data, or null
     * @param version    the version the node must have, -1 for any
     * @return the frame, owned by the caller
     */
    public static ByteBuf encode(ByteBufAllocator alloc, String serverPath, byte[] data, int version) {
        int dataLength = data == null ? 0 : data.length;
        ByteBuf frame = Frames.newRequest(alloc, OP_CODE, serverPath.length() * 3 + dataLength + 12);
        writeRequest(frame, serverPath, data, version);
        return frame;
    }

    /** Writes a SetDataRequest record alone (as an operation of a multi). */
    public static void writeRequest(ByteBuf out, String serverPath, byte[] data, int version) {
        Jute.writeString(out, serverPath);
        Jute.writeBuffer(out, data);
        out.writeInt(version);
    }
}
