package dev.zkasync.client.session;

import dev.zkasync.client.handler.DefaultAsyncResult;
import dev.zkasync.client.watch.Watcher;
import dev.zkasync.client.exception.ZooKeeperException;
import dev.zkasync.client.metrics.RequestObserver;
import dev.zkasync.client.protocol.ReplyDecoder;
import io.netty.buffer.ByteBuf;

/**
 * One request from the caller's encoding to its reply: the frame (owned until written), how to
 * decode the reply, the result to complete, its deadline and the watch it registers. Mutable
 * fields are touched only on the session's event loop once submitted.
 *
 * @param <T> the value type
 */
public final class Operation<T> {
    /** The API operation's name, as metrics tag it: one name whatever opcode carries it. */
    final String operation;
    final int opCode;
    final String path;
    final String serverPath;
    final ReplyDecoder<T> decoder;
    final DefaultAsyncResult<T> result;
    final WatchKind watchKind;
    final Watcher watcher;
    final long deadlineNanos;

    /** Extra state some operations carry (the credential of an auth request). */
    Object attachment;
    ByteBuf frame;
    int xid;
    /** The caller stopped waiting (deadline passed); its reply is read and dropped. */
    boolean abandoned;
    private RequestObserver observer;
    private Object observed;

    /**
     * @param operation     the name of the API operation ({@code create}, {@code get}...) for observers
     * @param opCode        the request type
     * @param path          the path as the user gave it, for error messages (may be null)
     * @param serverPath    the chrooted path, for watches (may be null)
     * @param frame         the encoded request frame from {@link dev.zkasync.client.protocol.Frames#newRequest}
     * @param decoder       how to read a successful reply
     * @param result        completed with the value or the error; null for the session's own requests
     * @param watchKind     the watch to register on success, or null
     * @param watcher       the watch callback, or null
     * @param deadlineNanos {@link System#nanoTime()} after which the request fails with REQUESTTIMEOUT
     */
    public Operation(String operation, int opCode, String path, String serverPath, ByteBuf frame,
                     ReplyDecoder<T> decoder, DefaultAsyncResult<T> result, WatchKind watchKind, Watcher watcher, long deadlineNanos) {
        this.operation = operation;
        this.opCode = opCode;
        this.path = path;
        this.serverPath = serverPath;
        this.frame = frame;
        this.decoder = decoder;
        this.result = result;
        this.watchKind = watchKind;
        this.watcher = watcher;
        this.deadlineNanos = deadlineNanos;
    }

    /** Attaches extra state; returns this. */
    public Operation<T> attach(Object value) {
        this.attachment = value;
        return this;
    }

    boolean internal() {
        return result == null;
    }

    /** Completes the result with a value (and tells the observer first). */
    void succeed(T value) {
        if (observer != null) {
            observer.completed(observed, operation, "OK", null);
        }
        result.set(value);
    }

    void fail(Throwable error) {
        releaseFrame();
        if (result != null) {
            if (observer != null) {
                observer.completed(observed, operation, resultCode(error), error);
            }
            result.setException(error);
        }
    }

    void observe(RequestObserver by) {
        observer = by;
        observed = by.started(operation, path);
    }

    private static String resultCode(Throwable error) {
        return error instanceof ZooKeeperException z ? z.code().wireName() : "CLIENT_ERROR";
    }

    void releaseFrame() {
        if (frame != null) {
            frame.release();
            frame = null;
        }
    }
}
