package dev.zkasync.benchmarks.clients;

import dev.zkasync.client.metrics.RequestObserver;
import dev.zkasync.spring.boot.metrics.TimerRequestObserver;
import dev.zkasync.spring.boot.observation.ObservationRequestObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;

/**
 * "Metrics on" for the benchmark, as the Spring Boot starter installs it, recording into a
 * {@link SimpleMeterRegistry} (no Spring context is started): either its {@link TimerRequestObserver}
 * (a timer per request, the starter's default when the application does not trace), or its
 * {@link ObservationRequestObserver} (a Micrometer {@code Observation} per request) with Micrometer's
 * {@link DefaultMeterObservationHandler}, which adds the {@code .active} LongTaskTimer as Boot
 * registers it by default. So its cost is the cost a Boot application pays.
 */
public final class MicrometerRequestObserver implements RequestObserver, AutoCloseable {
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final RequestObserver observer;

    /** @param observation an observation per request instead of a timer */
    public MicrometerRequestObserver(boolean observation) {
        if (observation) {
            ObservationRegistry observations = ObservationRegistry.create();
            observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
            this.observer = new ObservationRequestObserver(observations);
        } else {
            this.observer = new TimerRequestObserver(meters);
        }
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
