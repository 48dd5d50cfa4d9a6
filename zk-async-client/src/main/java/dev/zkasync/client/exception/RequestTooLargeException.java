package dev.zkasync.client.exception;


import java.util.Locale;

/**
 * A request is larger than the server accepts (its {@code jute.maxbuffer}), found before it was
 * sent; sending it would only make the server drop the connection.
 */
public final class RequestTooLargeException extends BadArgumentsException {

    /** The request's encoded size in bytes. */
    private final int size;
    /** The largest request sent, in bytes. */
    private final int limit;
    /** The length of the request's data in bytes. */
    private final int dataLength;

    /**
     * Creates the exception.
     *
     * @param path       the client path of the request, or null
     * @param size       the serialized size of the request in bytes
     * @param limit      the largest size allowed
     * @param dataLength the length of the request's data in bytes, or -1 if it has none
     */
    public RequestTooLargeException(String path, int size, int limit, int dataLength) {
        super(null, path, message(path, size, limit, dataLength));
        this.size = size;
        this.limit = limit;
        this.dataLength = dataLength;
    }

    private static String message(String path, int size, int limit, int dataLength) {
        String target = path == null ? "request" : "request for " + PrintablePath.of(path);
        String msg = String.format(Locale.ROOT,
                "%s is %,d bytes, over the %,d-byte limit (the server's jute.maxbuffer)", target, size, limit);
        return dataLength < 0 ? msg : msg + String.format(Locale.ROOT, "; its data is %,d bytes", dataLength);
    }

    /**
     * Returns the serialized size of the request in bytes.
     *
     * @return the serialized size of the request in bytes
     */
    public int size() {
        return size;
    }

    /**
     * Returns the largest request size allowed, in bytes.
     *
     * @return the largest request size allowed, in bytes
     */
    public int limit() {
        return limit;
    }

    /**
     * Returns the length of the request's data in bytes, or -1 if it has none.
     *
     * @return the length of the request's data in bytes, or -1 if it has none
     */
    public int dataLength() {
        return dataLength;
    }
}
