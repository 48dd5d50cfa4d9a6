package dev.zkasync.client.exception;

/**
 * The client's own deadline for a request passed (the builder's {@code requestTimeout}, or the
 * timeout given to the call): the request was either never sent, or sent without a reply in time,
 * so it may or may not have been applied. The server said nothing; a server's {@code REQUESTTIMEOUT}
 * reply is a plain {@link RequestTimeoutException}.
 *
 * <p>It is a {@link RequestTimeoutException} (its {@link #code()} is {@link ErrorCode#REQUEST_TIMEOUT})
 * so that existing handlers of that type keep working. The message reads
 * {@code "deadline passed for /a/b: no reply from 127.0.0.1:2181 within its deadline"}.
 */
public final class RequestDeadlineException extends RequestTimeoutException {

    /**
     * Creates the exception.
     *
     * @param path   the client path the request named, or null
     * @param detail what was still outstanding when the deadline passed; never data or credentials
     */
    public RequestDeadlineException(String path, String detail) {
        super(path, null, message("deadline passed", path, detail));
    }
}
