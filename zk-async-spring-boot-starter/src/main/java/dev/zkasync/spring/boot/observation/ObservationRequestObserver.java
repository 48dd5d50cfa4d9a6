package dev.zkasync.spring.boot.observation;

import dev.zkasync.client.metrics.RequestObserver;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A {@link RequestObserver} that makes every request a Micrometer {@link Observation}
 * ({@link ZooKeeperClientObservation#OPERATION}). The observation starts on the caller's thread
 * before the request is queued, so it is a child of the caller's current observation, and stops
 * when the reply is decoded, before any callback runs. It never opens a scope: the stop happens on
 * the client's I/O thread, where no thread-local state may be touched.
 *
 * <p>Plug it into a client with {@code KazooClient.builder().requestObserver(...)}; the Spring Boot
 * auto-configuration does this when an {@link ObservationRegistry} bean exists.
 */
public class ObservationRequestObserver implements RequestObserver {

    private final ObservationRegistry registry;

    private final @Nullable ZooKeeperClientObservationConvention convention;

    /**
     * Creates an observer with the default convention.
     * @param registry the registry
     */
    public ObservationRequestObserver(ObservationRegistry registry) {
        this(registry, null);
    }

    /**
     * Creates an observer.
     * @param registry the registry
     * @param convention a convention replacing the default one, or {@code null}
     */
    public ObservationRequestObserver(ObservationRegistry registry,
            @Nullable ZooKeeperClientObservationConvention convention) {
        Assert.notNull(registry, "'registry' must not be null");
        this.registry = registry;
        this.convention = convention;
    }

    @Override
    public Object started(String operation, @Nullable String path) {
        return ZooKeeperClientObservation.OPERATION
            .observation(this.convention, DefaultZooKeeperClientObservationConvention.INSTANCE,
                    () -> new ZooKeeperClientObservationContext(operation, path), this.registry)
            .start();
    }

    @Override
    public void completed(@Nullable Object context, String operation, String resultCode, @Nullable Throwable error) {
        if (!(context instanceof Observation observation) || observation.isNoop()) {
            return;
        }
        if (observation.getContext() instanceof ZooKeeperClientObservationContext zookeeper) {
            zookeeper.setResultCode(resultCode);
        }
        if (error != null) {
            observation.error(error);
        }
        observation.stop();
    }

}
