package dev.zkasync.spring.boot.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * Thrown on startup when a {@code zk.async.*} property has a value the client cannot use; the
 * starter's failure analyzer turns it into a description and an action.
 */
public class ZkAsyncPropertyException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The property, for example {@code zk.async.hosts}. */
    private final String property;

    /** The value it has, or null when there is none to show. */
    private final @Nullable String value;

    /** Why the value cannot be used. */
    private final String reason;

    /** What to write instead. */
    private final String action;

    /**
     * Creates an exception.
     * @param property the property, for example {@code zk.async.hosts}
     * @param value the value it has (printed; never pass a secret), or null when there is none to show
     * @param reason why the value cannot be used
     * @param action what to write instead
     * @param cause the client's or parser's error, or null
     */
    public ZkAsyncPropertyException(String property, @Nullable String value, String reason, String action,
            @Nullable Throwable cause) {
        super(((value != null) ? "Invalid value '" + value + "' for " : "Invalid ") + property + ": " + reason, cause);
        this.property = property;
        this.value = value;
        this.reason = reason;
        this.action = action;
    }

    /**
     * The property with the bad value.
     * @return the property name
     */
    public String getProperty() {
        return this.property;
    }

    /**
     * The value the property has.
     * @return the value, or null when it is missing
     */
    public @Nullable String getValue() {
        return this.value;
    }

    /**
     * Why the value cannot be used.
     * @return the reason
     */
    public String getReason() {
        return this.reason;
    }

    /**
     * What to write instead.
     * @return the action
     */
    public String getAction() {
        return this.action;
    }

}
