package dev.zkasync.client.recipe;

import dev.zkasync.client.exception.KazooException;

/**
 * A lock, semaphore or similar recipe was not obtained within the given time; Kazoo's
 * {@code LockTimeout}. Nothing is left behind: the contender node has been (or is being) removed.
 */
public class LockTimeoutException extends KazooException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with {@code message}.
     *
     * @param message what timed out, and after how long
     */
    public LockTimeoutException(String message) {
        super(message);
    }
}
