package dev.zkasync.spring.boot.autoconfigure.observation;

import java.util.function.Supplier;

import dev.zkasync.client.KazooClientBuilder;
import dev.zkasync.client.metrics.RequestObserver;
import dev.zkasync.spring.boot.autoconfigure.KazooClientBuilderCustomizer;
import org.jspecify.annotations.Nullable;

/**
 * Gives a client the request observer that the context's instrumentation calls for, if any. The
 * observer is also what {@link ConfigDataClientInstrumentation} binds to the client of
 * {@code spring.config.import=zk-async:}, which no customizer reaches.
 */
final class RequestObserverCustomizer implements KazooClientBuilderCustomizer {

    private final Supplier<@Nullable RequestObserver> observer;

    RequestObserverCustomizer(Supplier<@Nullable RequestObserver> observer) {
        this.observer = observer;
    }

    /** A new observer for one client, or {@code null} when this kind of instrumentation is not wanted. */
    @Nullable RequestObserver observer() {
        return this.observer.get();
    }

    @Override
    public void customize(KazooClientBuilder builder) {
        RequestObserver observer = observer();
        if (observer != null) {
            builder.requestObserver(observer);
        }
    }

}
