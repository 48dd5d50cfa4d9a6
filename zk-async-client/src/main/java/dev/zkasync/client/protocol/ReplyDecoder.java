package dev.zkasync.client.protocol;

import dev.zkasync.client.exception.ZooKeeperException;
import io.netty.buffer.ByteBuf;

/**
 * Turns the record of a successful reply into the operation's value. Each operation type of this
 * package holds its decoders as stateless singletons: the chroot comes in as an argument so nothing
 * is captured per request. The session calls them on its event loop, after the ReplyHeader.
 *
 * @param <T> the value type
 */
@FunctionalInterface
public interface ReplyDecoder<T> {

    /**
     * Reads the reply record.
     *
     * @param body   the frame after its ReplyHeader; bytes left unread go with the frame
     * @param chroot the session's chroot ({@code ""} for none), to strip from server paths
     * @return the operation's value
     * @throws MalformedFrameException if the record does not fit the frame
     */
    T decode(ByteBuf body, String chroot);

    /**
     * Whether an error reply with this code is a successful {@code null} result instead of a failure:
     * NONODE for exists ("absent"), NOWATCHER for a watch removal already done locally.
     */
    default boolean nullOnError(int err) {
        return false;
    }

    /**
     * The failure for an error reply this decoder does not turn into a value: the code's exception,
     * unless the operation knows what the code means for it.
     *
     * @param err  the reply's error code
     * @param path the client path of the request, or null
     * @return the exception to fail the request with
     */
    default ZooKeeperException failure(int err, String path) {
        return ZooKeeperException.of(err, path);
    }

    /**
     * Whether an error reply still carries a record this decoder reads (a failed multi reports
     * every op's outcome in its body).
     */
    default boolean decodesErrors() {
        return false;
    }
}
