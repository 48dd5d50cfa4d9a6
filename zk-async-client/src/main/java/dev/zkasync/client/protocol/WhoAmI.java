package dev.zkasync.client.protocol;

import dev.zkasync.client.data.ClientInfo;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.util.ArrayList;
import java.util.List;

/**
 * whoAmI (opcode 107, ZooKeeper 3.8+): the RequestHeader alone, answered by
 * {@code WhoAmIResponse {vector<ClientInfo {ustring authScheme; ustring user}> clientInfo}}.
 */
public final class WhoAmI {
    /** The request type. */
    public static final int OP_CODE = OpCode.WHO_AM_I;

    /** The identities the server associates with the session. */
    public static final ReplyDecoder<List<ClientInfo>> DECODER = (body, chroot) -> {
        int count = Jute.readInt(body);
        // Two empty strings take 8 bytes: a count the frame cannot hold allocates nothing large.
        List<ClientInfo> infos = new ArrayList<>(Math.max(0, Math.min(count, body.readableBytes() / 8)));
        for (int i = 0; i < count; i++) {
            infos.add(new ClientInfo(Jute.readString(body), Jute.readString(body)));
        }
        return infos;
    };

    private WhoAmI() {
    }

    /** A request frame (a header and no record), xid and length still to be set. */
    public static ByteBuf encode(ByteBufAllocator alloc) {
        return Frames.newRequest(alloc, OP_CODE, 0);
    }
}
