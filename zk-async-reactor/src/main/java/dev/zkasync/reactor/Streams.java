package dev.zkasync.reactor;

import java.util.function.Consumer;

import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.handler.Handler;
import reactor.core.Exceptions;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The two kinds of stream and how they reach their subscriber: produced on the client's handler,
 * buffered (bounded) or conflated, then delivered on the handler again, so a subscriber that
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
     * through the handler), then it fails at once, ahead of the events it could not deliver.
     */
    <T> Flux<T> events(String name, Consumer<FluxSink<T>> source) {
        return Flux.create(source, FluxSink.OverflowStrategy.BUFFER)
            .onBackpressureBuffer(bufferSize, BufferOverflowStrategy.ERROR)
            .onErrorMap(Exceptions::isOverflow, e -> new EventOverflowException(name, bufferSize))
            .publishOn(handlerScheduler, false, 1);
    }

    /** A stream of latest values: one waits in the sink, one on its way through the handler. */
    <T> Flux<T> conflated(Consumer<FluxSink<T>> source) {
        return Flux.create(source, FluxSink.OverflowStrategy.LATEST).publishOn(handlerScheduler, false, 1);
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
