package dev.zkasync.client.exception;

/**
 * A client setting is invalid, such as a malformed connect string or an out-of-range builder
 * value. Thrown when the client is built, never by a running operation.
 */
public class ConfigurationException extends KazooException {

    /**
     * Creates the exception.
     *
     * @param message which setting is wrong and why
     */
    public ConfigurationException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message which setting is wrong and why
     * @param cause   the underlying cause, or null
     */
    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
