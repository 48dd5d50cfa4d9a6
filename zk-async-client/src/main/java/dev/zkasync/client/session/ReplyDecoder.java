package dev.zkasync.client.session;

import io.netty.buffer.ByteBuf;

/**
 * Turns the record of a successful reply into the operation's value. Decoders are stateless
 * singletons: the chroot comes in as an argument so nothing is captured per request.
 *
 * @param <T> the value type
 */
@FunctionalInterface
public interface ReplyDecoder<T> {

    T decode(ByteBuf body, String chroot);

    /** Whether a NONODE reply means "absent" ({@code null}) rather than a failure, as for exists. */
    default boolean noNodeIsNull() {
        return false;
    }
}
