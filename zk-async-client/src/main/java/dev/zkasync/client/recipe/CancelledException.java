package dev.zkasync.client.recipe;

import dev.zkasync.client.exception.KazooException;

/** A recipe's pending operation was cancelled ({@code cancel()} or {@code close()}); Kazoo's {@code CancelledError}. */
public class CancelledException extends KazooException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with {@code message}.
     *
     * @param message what was cancelled
     */
    public CancelledException(String message) {
        super(message);
    }
}
