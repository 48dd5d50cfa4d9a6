package dev.zkasync.client.protocol;

import dev.zkasync.client.exception.ErrorCode;
import dev.zkasync.client.exception.ZooKeeperException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * checkWatches (opcode 17): {@code CheckWatchesRequest {ustring path; int type}}, the type a
 * WatcherType's wire value; answered by the header alone, NOWATCHER when the session has no such
 * watch.
 */
public final class CheckWatches {
    /** The request type. */
    public static final int OP_CODE = OpCode.CHECK_WATCHES;

    /** Success has no value. */
    public static final ReplyDecoder<Void> DECODER = (body, chroot) -> null;

    /**
     * For the persistent watcher types, with checkWatches or a removeWatches the client has nothing
     * to remove locally for: servers before 3.9 know no such type and answer MARSHALLINGERROR, which
     * says the server lacks the feature.
     */
    public static final ReplyDecoder<Void> PERSISTENT_TYPE = new ReplyDecoder<>() {
        @Override
        public Void decode(ByteBuf body, String chroot) {
            return null;
        }

        @Override
        public ZooKeeperException failure(int err, String path) {
            return err == ErrorCode.MARSHALLING_ERROR.intValue()
                    ? ZooKeeperException.of(ErrorCode.UNIMPLEMENTED.intValue(), path,
                            "the server knows no persistent watcher type (ZooKeeper 3.9+)")
                    : ZooKeeperException.of(err, path);
        }
    };

    private CheckWatches() {
    }

    /**
     * A request frame asking whether the session has a watch of {@code watcherType} (a WatcherType's
     * wire value) on the node at {@code serverPath} (chroot applied); the caller owns it, the session
     * sets its xid and length.
     */
    public static ByteBuf encode(ByteBufAllocator alloc, String serverPath, int watcherType) {
        return PathRequests.pathAndInt(alloc, OP_CODE, serverPath, watcherType);
    }
}
