package dev.zkasync.client.watch;

/**
 * How many watchers a client holds, by kind: one per watcher registered on a path, so several
 * watchers on one path count several times though the server keeps one watch for them.
 *
 * @param data                watchers of {@code get} (and {@code exists} on a node that exists)
 * @param exist               watchers of {@code exists} on a node that does not exist
 * @param child               watchers of {@code getChildren}
 * @param persistent          persistent watchers ({@code addWatch} PERSISTENT)
 * @param persistentRecursive persistent recursive watchers ({@code addWatch} PERSISTENT_RECURSIVE)
 */
public record WatchCounts(int data, int exist, int child, int persistent, int persistentRecursive) {

    /** No watchers. */
    public static final WatchCounts NONE = new WatchCounts(0, 0, 0, 0, 0);

    /** {@return all watchers, of every kind} */
    public int total() {
        return data + exist + child + persistent + persistentRecursive;
    }
}
