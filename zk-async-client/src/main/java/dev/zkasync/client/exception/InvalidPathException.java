package dev.zkasync.client.exception;



/**
 * A path breaks ZooKeeper's rules, found before the request was sent. The message names the path
 * (unprintable characters escaped as {@code \}{@code uXXXX}) and the rule, for example
 * {@code Invalid path "/a//b": empty node name at index 3}.
 *
 * @see dev.zkasync.client.path.ZkPaths#validate(String)
 */
public final class InvalidPathException extends BadArgumentsException {

    /** Why the path is invalid. */
    private final String reason;

    /**
     * Creates the exception.
     *
     * @param path   the offending path, or null
     * @param reason the rule it breaks
     */
    public InvalidPathException(String path, String reason) {
        super(null, path, "Invalid path " + quote(path) + ": " + reason);
        this.reason = reason;
    }

    private static String quote(String path) {
        return path == null ? "null" : '"' + PrintablePath.of(path) + '"';
    }

    /**
     * Returns the rule the path breaks, without the path.
     *
     * @return the reason, such as {@code "empty node name at index 3"}
     */
    public String reason() {
        return reason;
    }
}
