package dev.zkasync.client.protocol;

import dev.zkasync.client.exception.ErrorCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * removeWatches (opcode 18): {@code RemoveWatchesRequest {ustring path; int type}}, the type a
 * WatcherType's wire value; answered by the header alone, NOWATCHER when the server holds no such
 * watch for the session.
 */
public final class RemoveWatches {
    /** The request type. */
    public static final int OP_CODE = OpCode.REMOVE_WATCHES;

    /** Success has no value; NOWATCHER is a failure. */
    public static final ReplyDecoder<Void> DECODER = (body, chroot) -> null;

    /**
     * For a removal already done in the client: the server may have dropped the watch itself (it
     * fired, or the connection that held it was replaced), so NOWATCHER is success too.
     */
    public static final ReplyDecoder<Void> AFTER_LOCAL_REMOVAL = nullOn(ErrorCode.NO_WATCHER);

    /**
     * For a persistent watch already removed in the client. Servers before 3.9 know no persistent
     * WatcherType and answer MARSHALLINGERROR; they keep the watch until the session ends, and the
     * client, holding no watcher for it, drops its events. NOWATCHER is success as above.
     */
    public static final ReplyDecoder<Void> AFTER_LOCAL_PERSISTENT_REMOVAL =
            nullOn(ErrorCode.NO_WATCHER, ErrorCode.MARSHALLING_ERROR);

    private RemoveWatches() {
    }

    /** A decoder for a reply without a record that also takes these error codes as success. */
    private static ReplyDecoder<Void> nullOn(ErrorCode... codes) {
        return new ReplyDecoder<>() {
            @Override
            public Void decode(ByteBuf body, String chroot) {
                return null;
            }

            @Override
            public boolean nullOnError(int err) {
                for (ErrorCode code : codes) {
                    if (code.intValue() == err) {
                        return true;
                    }
                }
                return false;
            }
        };
    }

    /**
     * A request frame removing the session's watches of {@code watcherType} (a WatcherType's wire
     * value) on the node at {@code serverPath} (chroot applied); the caller owns it, the session sets
     * its xid and length.
     */
    public static ByteBuf encode(ByteBufAllocator alloc, String serverPath, int watcherType) {
        return PathRequests.pathAndInt(alloc, OP_CODE, serverPath, watcherType);
    }
}
