package dev.zkasync.spring.boot.config;

import dev.zkasync.client.metrics.RequestObserver;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The request observer of the client that {@code spring.config.import=zk-async:} builds before the
 * application context exists: it sees nothing until the context binds the observer its
 * instrumentation calls for, and from then on hands every request to that one. It is bound at most
 * once, so a request always completes with the observer that started it.
 */
final class DeferredRequestObserver implements RequestObserver {

    /** Returned for requests started before the binding, whose completion is then ignored too. */
    private static final Object UNOBSERVED = new Object();

    private volatile @Nullable RequestObserver target;

    /**
     * Binds the observer, unless one is bound already.
     * @return whether this call bound it
     */
    synchronized boolean bind(RequestObserver observer) {
        Assert.notNull(observer, "'observer' must not be null");
        if (this.target != null) {
            return false;
        }
        this.target = observer;
        return true;
    }

    @Override
    public @Nullable Object started(String operation, @Nullable String path) {
        RequestObserver observer = this.target;
        return (observer != null) ? observer.started(operation, path) : UNOBSERVED;
    }

    @Override
    public void completed(@Nullable Object context, String operation, String resultCode, @Nullable Throwable error) {
        RequestObserver observer = this.target;
        if (context != UNOBSERVED && observer != null) {
            observer.completed(context, operation, resultCode, error);
        }
    }

}
