package dev.zkasync.reactor;

/**
 * A subscriber of an event stream that cannot be conflated ({@link ReactiveKazooClient#states()},
 * {@link ReactiveKazooClient#watch}, {@link ReactiveKazooClient#treeCache}) fell so far behind
 * that more events waited for it than the stream's buffer holds. The stream ends with this error
 * (and releases its watch) rather than dropping an event silently or buffering without bound.
 */
public class EventOverflowException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** How many events the stream could hold. */
    private final int bufferSize;

    /**
     * Creates the exception.
     *
     * @param stream     what the stream was, for the message (e.g. {@code "watch on /app"})
     * @param bufferSize how many events it could hold
     */
    public EventOverflowException(String stream, int bufferSize) {
        super("The subscriber of the " + stream + " fell behind by more than " + bufferSize
                + " events; the stream ended (request more, or subscribe with a larger eventBufferSize)");
        this.bufferSize = bufferSize;
    }

    /** {@return how many undelivered events the stream could hold} */
    public int bufferSize() {
        return bufferSize;
    }
}
