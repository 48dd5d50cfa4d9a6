package dev.zkasync.client.exception;

/**
 * {@code NOWATCHER} (-121): the watch to remove is not registered.
 */
public final class NoWatcherException extends ZooKeeperException {

    /**
     * Creates the exception with the standard message.
     *
     * @param path the client path the request named, or null
     */
    public NoWatcherException(String path) {
        this(path, null, null);
    }

    /**
     * Creates the exception with extra detail and a cause.
     *
     * @param path   the client path the request named, or null
     * @param detail extra context for the message, or null; never data or credentials
     * @param cause  the underlying cause, or null
     */
    public NoWatcherException(String path, String detail, Throwable cause) {
        super(ErrorCode.NO_WATCHER, path, detail, cause);
    }
}
