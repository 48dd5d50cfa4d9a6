package org.springframework.boot.testcontainers.service.connection;

import org.testcontainers.containers.Container;

import org.springframework.boot.origin.Origin;
import org.springframework.core.annotation.MergedAnnotation;

/**
 * Test access to {@link ContainerConnectionSource}'s package-private constructor, so that the
 * zk-async connection details factory can be tested as Boot sees a {@code @ServiceConnection}
 * field, without Docker.
 */
public final class ContainerConnectionSources {

    private ContainerConnectionSources() {
    }

    /**
     * A source like the one Boot makes for {@code @ServiceConnection static C field = container}.
     * @param <C> the container type
     * @param containerType the field's declared type
     * @param imageName the container's image name
     * @param container the container
     * @return the source
     */
    public static <C extends Container<?>> ContainerConnectionSource<C> of(Class<C> containerType, String imageName,
            C container) {
        return new ContainerConnectionSource<>("test", new Origin() {
        }, containerType, imageName, MergedAnnotation.of(ServiceConnection.class), () -> container, null, null);
    }

}
