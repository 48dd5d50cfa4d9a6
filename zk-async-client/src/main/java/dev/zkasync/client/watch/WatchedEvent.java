package dev.zkasync.client.watch;

import dev.zkasync.client.state.KeeperState;

/**
 * A watch firing.
 *
 * @param type  what happened
 * @param state the client's state when the event was delivered
 * @param path  the node, relative to the client's chroot; {@code null} for {@link EventType#NONE}
 * @param zxid  the transaction that fired the watch (ZooKeeper 3.9+), or -1 when unknown
 */
public record WatchedEvent(EventType type, KeeperState state, String path, long zxid) {
    /** The zxid of events that no transaction caused. */
    public static final long NO_ZXID = -1;
}
