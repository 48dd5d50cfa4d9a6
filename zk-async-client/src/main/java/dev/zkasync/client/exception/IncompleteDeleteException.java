package dev.zkasync.client.exception;

/**
 * A recursive delete stopped part-way: some nodes were deleted, the node it was asked to delete and
 * the nodes below it that were not reached yet are still there. The {@linkplain #getCause() cause}
 * is the first failure (e.g. {@link NoAuthException} on a subtree, {@link ConnectionLossException});
 * nothing was sent after it. Deleting the same path again carries on where it stopped.
 */
public class IncompleteDeleteException extends KazooException {
    /** The node the recursive delete was asked to delete. */
    private final String path;
    /** The node whose request failed first. */
    private final String failedAt;
    /** How many nodes were deleted before the walk stopped. */
    private final long deleted;

    /**
     * Creates the exception.
     *
     * @param path     the node the recursive delete was asked to delete
     * @param failedAt the node whose request failed first
     * @param deleted  how many nodes were deleted before the walk stopped
     * @param cause    the first failure
     */
    public IncompleteDeleteException(String path, String failedAt, long deleted, Throwable cause) {
        super("Recursive delete of " + quoted(path) + " stopped after deleting " + deleted + " node(s): "
                + quoted(path) + " and the nodes below it that were not deleted remain; the first failure was at "
                + quoted(failedAt) + ": " + cause, cause);
        this.path = path;
        this.failedAt = failedAt;
        this.deleted = deleted;
    }

    private static String quoted(String path) {
        return '"' + PrintablePath.of(path) + '"';
    }

    /** {@return the node the recursive delete was asked to delete; it still exists} */
    public String path() {
        return path;
    }

    /** {@return the node whose request failed first} */
    public String failedAt() {
        return failedAt;
    }

    /** {@return how many nodes were deleted before the walk stopped} */
    public long deleted() {
        return deleted;
    }
}
