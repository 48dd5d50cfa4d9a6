package dev.zkasync.benchmarks.clients;

import dev.zkasync.client.metrics.RequestObserver;
import dev.zkasync.spring.boot.observation.ObservationRequestObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;

/**
 * "Metrics on" for the benchmark: the Spring Boot starter's own {@link ObservationRequestObserver}
 * (one Micrometer {@code Observation} {@code zookeeper.client.operations} per request, keys from its
 * default convention), with Micrometer's {@link DefaultMeterObservationHandler} (a Timer plus the
 * {@code .active} LongTaskTimer, as Boot registers it by default) recording into a
 * {@link SimpleMeterRegistry}. So its cost is the cost a Boot application pays; no Spring context
 * is started. Without the LongTaskTimer it is what Boot registers with
 * {@code management.metrics.observations.ignored-meters=long-task-timer}.
 */
public final class MicrometerRequestObserver implements RequestObserver, AutoCloseable {
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final ObservationRequestObserver observer;

    /** @param longTaskTimer whether the handler keeps the {@code .active} LongTaskTimer (Boot's default) */
    public MicrometerRequestObserver(boolean longTaskTimer) {
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(longTaskTimer
                ? new DefaultMeterObservationHandler(meters)
                : new DefaultMeterObservationHandler(meters, DefaultMeterObservationHandler.IgnoredMeters.LONG_TASK_TIMER));
        this.observer = new ObservationRequestObserver(observations);
    }

    public MeterRegistry meters() {
        return meters;
    }

    @Override
    public Object started(String operation, String path) {
        return observer.started(operation, path);
    }

    @Override
    public void completed(Object context, String operation, String resultCode, Throwable error) {
        observer.completed(context, operation, resultCode, error);
    }

    @Override
    public void close() {
        meters.close();
    }
}
