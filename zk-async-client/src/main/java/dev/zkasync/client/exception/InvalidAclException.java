package dev.zkasync.client.exception;

/**
 * {@code INVALIDACL} (-114): the ACL is empty or invalid.
 */
public final class InvalidAclException extends ZooKeeperException {

    /**
     * Creates the exception with the standard message.
     *
     * @param path the client path the request named, or null
     */
    public InvalidAclException(String path) {
        this(path, null, null);
    }

    /**
     * Creates the exception with extra detail and a cause.
     *
     * @param path   the client path the request named, or null
     * @param detail extra context for the message, or null; never data or credentials
     * @param cause  the underlying cause, or null
     */
    public InvalidAclException(String path, String detail, Throwable cause) {
        super(ErrorCode.INVALID_ACL, path, detail, cause);
    }
}
