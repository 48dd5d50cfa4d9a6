package dev.zkasync.client.exception;

/**
 * {@code BADARGUMENTS} (-8): the request's arguments are invalid. Client-side checks throw the
 * subclasses {@link InvalidPathException} and {@link RequestTooLargeException}.
 */
public class BadArgumentsException extends ZooKeeperException {

    /**
     * Creates the exception with the standard message.
     *
     * @param path the client path the request named, or null
     */
    public BadArgumentsException(String path) {
        this(path, null, null);
    }

    /**
     * Creates the exception with extra detail and a cause.
     *
     * @param path   the client path the request named, or null
     * @param detail extra context for the message, or null; never data or credentials
     * @param cause  the underlying cause, or null
     */
    public BadArgumentsException(String path, String detail, Throwable cause) {
        super(ErrorCode.BAD_ARGUMENTS, path, detail, cause);
    }

    // For client-side subclasses that word the whole message themselves; the argument order
    // differs from the public constructor so that null arguments do not make calls ambiguous.
    BadArgumentsException(Throwable cause, String path, String message) {
        super(ErrorCode.BAD_ARGUMENTS, ErrorCode.BAD_ARGUMENTS.intValue(), path, cause, message);
    }
}
