package dev.zkasync.spring.boot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * {@link ObservationConvention} for ZooKeeper requests. Declare a bean of this type to replace
 * {@link DefaultZooKeeperClientObservationConvention} in the auto-configured client.
 */
public interface ZooKeeperClientObservationConvention
        extends ObservationConvention<ZooKeeperClientObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof ZooKeeperClientObservationContext;
    }

}
