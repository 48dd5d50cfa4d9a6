package dev.zkasync.test;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.BooleanSupplier;

/**
 * Writes one direction's chunks as the proxy's latency and bandwidth cap say: each chunk waits the
 * latency, then goes out in slices no faster than the cap. One per pump, used by its thread only.
 */
final class ChunkPacer {

    /** A capped stream is sent in slices of a twentieth of a second's worth of bytes. */
    private static final long SLICES_PER_SECOND = 20;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final ProxyControls controls;
    private final BooleanSupplier connectionClosed;
    /** When the next capped slice may go out; in the past while the stream is within its cap. */
    private long nextSliceNanos = System.nanoTime();

    ChunkPacer(ProxyControls controls, BooleanSupplier connectionClosed) {
        this.controls = controls;
        this.connectionClosed = connectionClosed;
    }

    /**
     * Writes {@code buffer[0, length)} to {@code out}, late and slow as configured.
     *
     * @return false if the proxy or the connection closed while waiting; nothing more was written
     */
    boolean write(byte[] buffer, int length, OutputStream out) throws IOException, InterruptedException {
        long readAt = System.nanoTime();
        if (controls.latencyNanos() > 0
                && !controls.awaitUntil(() -> readAt + controls.latencyNanos(), connectionClosed)) {
            return false;
        }
        int offset = 0;
        while (offset < length) {
            int slice = length - offset;
            long rate = controls.bytesPerSecond();
            if (rate > 0) {
                slice = (int) Math.min(slice, Math.max(1, rate / SLICES_PER_SECOND));
                long now = System.nanoTime();
                long sliceAt = nextSliceNanos;
                if (sliceAt - now > 0 && !controls.awaitUntil(() -> sliceAt, connectionClosed)) {
                    return false;
                }
                nextSliceNanos = Math.max(now, nextSliceNanos) + slice * NANOS_PER_SECOND / rate;
            }
            out.write(buffer, offset, slice);
            offset += slice;
        }
        out.flush();
        return true;
    }
}
