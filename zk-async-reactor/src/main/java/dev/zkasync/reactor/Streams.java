package dev.zkasync.reactor;

import java.util.function.Consumer;

import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.handler.Handler;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The two kinds of stream and how they reach their subscriber: produced on the client's handler,
 * buffered (bounded) or conflated, then delivered through the handler, so a subscriber that
 * requests from another thread still gets its signals there.
 */
final class Streams {

    private final Scheduler handlerScheduler;
    private final int bufferSize;

    Streams(Handler handler, int bufferSize) {
        this.handlerScheduler = Schedulers.fromExecutor(handler::dispatch);
        this.bufferSize = bufferSize;
    }

    int bufferSize() {
        return bufferSize;
    }

    /**
     * A stream of which every element matters: at most {@link #bufferSize} wait (and one on its way
     * through the handler), then it fails at once with {@link EventOverflowException}.
     */
    <T> Flux<T> events(String name, EventSource<T> source) {
        return Flux.<T>create(sink -> source.start(sink, new BoundedBuffer<>(sink, name, bufferSize)::next),
                FluxSink.OverflowStrategy.ERROR)
            .publishOn(handlerScheduler, false, 1);
    }

    /** A stream of latest values: one waits in the sink, one on its way through the handler. */
    <T> Flux<T> conflated(Consumer<FluxSink<T>> source) {
        return Flux.create(source, FluxSink.OverflowStrategy.LATEST).publishOn(handlerScheduler, false, 1);
    }

    /** What a subscription to an event stream starts; its events go to {@code next}, which bounds them. */
    @FunctionalInterface
    interface EventSource<T> {
        void start(FluxSink<T> sink, Consumer<T> next);
    }

    /**
     * Ties a watch recipe to its sink: a failed first read is the error, the recipe's end after a
     * first read is the completion, and the subscription's end closes the recipe.
     */
    static void follow(AsyncResult<Void> initialized, AsyncResult<Void> ended, Runnable close, FluxSink<?> sink) {
        sink.onDispose(close::run);
        initialized.rawlink(r -> {
            if (!r.successful()) {
                sink.error(r.exception());
            }
        });
        ended.rawlink(e -> initialized.rawlink(r -> {
            if (r.successful()) {
                sink.complete();
            }
        }));
    }
}
