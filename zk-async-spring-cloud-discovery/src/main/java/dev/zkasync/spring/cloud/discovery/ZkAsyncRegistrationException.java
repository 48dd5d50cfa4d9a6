package dev.zkasync.spring.cloud.discovery;

/**
 * Registering, deregistering or updating an instance failed; the cause is the client's exception
 * ({@code ConnectionLossException}, {@code NoAuthException}, ...) or a timeout.
 */
public class ZkAsyncRegistrationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     * @param message what could not be done
     * @param cause why
     */
    public ZkAsyncRegistrationException(String message, Throwable cause) {
        super(message, cause);
    }

}
