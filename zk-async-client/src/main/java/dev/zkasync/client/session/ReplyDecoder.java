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

    /**
     * Whether an error reply with this code is a successful {@code null} result instead of a failure:
     * NONODE for exists ("absent"), NOWATCHER for a watch removal already done locally.
     */
    default boolean nullOnError(int err) {
        return false;
    }

    /**
     * Whether an error reply still carries a record this decoder reads (a failed multi reports
     * every op's outcome in its body).
     */
    default boolean decodesErrors() {
        return false;
    }
}
