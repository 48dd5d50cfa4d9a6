package dev.zkasync.client.exception;

/**
 * A blocking wait was interrupted.
 *
 * <p>Creating this exception does not touch the thread's interrupt flag. Catching
 * {@link InterruptedException} clears the flag, so code that converts one into this exception
 * must first re-assert it with {@code Thread.currentThread().interrupt()}, letting callers further
 * up still see the interrupt.
 */
public class KazooInterruptedException extends KazooException {

    /**
     * Creates the exception.
     *
     * @param message what was being waited for
     */
    public KazooInterruptedException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what was being waited for
     * @param cause   the interrupt that ended the wait
     */
    public KazooInterruptedException(String message, InterruptedException cause) {
        super(message, cause);
    }
}
