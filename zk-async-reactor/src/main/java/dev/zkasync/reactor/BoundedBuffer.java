package dev.zkasync.reactor;

import java.util.ArrayDeque;

import reactor.core.publisher.FluxSink;

/**
 * Holds the events of a stream for a subscriber without demand, up to a bound; past it, the stream
 * fails at once with {@link EventOverflowException} (Reactor's own bounded buffers deliver their
 * overflow error only after the events they hold, which a stalled subscriber never takes).
 * The sink must not buffer itself ({@code OverflowStrategy.ERROR}): every {@code next} it gets is
 * covered by demand, checked under this object's lock.
 */
final class BoundedBuffer<T> {
    private final FluxSink<T> sink;
    private final String name;
    private final int capacity;
    private final ArrayDeque<T> queue = new ArrayDeque<>();
    private boolean failed;

    BoundedBuffer(FluxSink<T> sink, String name, int capacity) {
        this.sink = sink;
        this.name = name;
        this.capacity = capacity;
        sink.onRequest(n -> drain());
    }

    synchronized void next(T event) {
        if (failed) {
            return;
        }
        if (queue.isEmpty() && sink.requestedFromDownstream() > 0) {
            sink.next(event);
        } else if (queue.size() < capacity) {
            queue.add(event);
        } else {
            failed = true;
            queue.clear();
            sink.error(new EventOverflowException(name, capacity));
        }
    }

    private synchronized void drain() {
        while (!queue.isEmpty() && sink.requestedFromDownstream() > 0) {
            sink.next(queue.poll());
        }
    }
}
