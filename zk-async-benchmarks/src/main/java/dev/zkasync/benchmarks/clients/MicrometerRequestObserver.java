package dev.zkasync.benchmarks.clients;

import dev.zkasync.client.metrics.RequestObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * "Metrics on" for the benchmark: one Micrometer {@link Observation} per request, named
 * {@code zookeeper.client.operations}, with the low-cardinality keys {@code operation},
 * {@code outcome} and {@code result.code} and the path as a high-cardinality key, recorded by
 * Micrometer's {@link DefaultMeterObservationHandler} (a Timer plus a LongTaskTimer
 * {@code .active}) into a {@link SimpleMeterRegistry}.
 *
 * <p>This mirrors what the Spring Boot starter installs (Boot registers the same default handler
 * with the long-task timer on), so its cost is the cost a Boot application pays. It lives here so
 * the benchmarks need no Spring.
 */
public final class MicrometerRequestObserver implements RequestObserver, AutoCloseable {
    static final String NAME = "zookeeper.client.operations";

    private final MeterRegistry meters;
    private final ObservationRegistry observations;

    public MicrometerRequestObserver() {
        this.meters = new SimpleMeterRegistry();
        this.observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
    }

    public MeterRegistry meters() {
        return meters;
    }

    @Override
    public Object started(String operation, String path) {
        Observation observation = Observation.createNotStarted(NAME, observations)
                .lowCardinalityKeyValue("operation", operation);
        if (path != null) {
            observation.highCardinalityKeyValue("path", path);
        }
        return observation.start();
    }

    @Override
    public void completed(Object context, String operation, String resultCode, Throwable error) {
        if (!(context instanceof Observation observation)) {
            return;
        }
        observation.lowCardinalityKeyValue("outcome", error == null ? "SUCCESS" : "FAILURE");
        observation.lowCardinalityKeyValue("result.code", resultCode);
        if (error != null) {
            observation.error(error);
        }
        observation.stop();
    }

    @Override
    public void close() {
        meters.close();
    }
}
