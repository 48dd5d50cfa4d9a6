package dev.zkasync.client.session;

/** Which one-shot watch a read registers once its reply arrives. */
public enum WatchKind {
    /** getData, or exists on an existing node. */
    DATA,
    /** exists: a data watch when the node exists, an exist watch when it does not. */
    EXISTS,
    /** getChildren. */
    CHILD,
    /** addWatch PERSISTENT. */
    PERSISTENT,
    /** addWatch PERSISTENT_RECURSIVE. */
    PERSISTENT_RECURSIVE
}
