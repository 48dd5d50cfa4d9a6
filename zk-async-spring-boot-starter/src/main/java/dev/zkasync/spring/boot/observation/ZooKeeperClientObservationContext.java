package dev.zkasync.spring.boot.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What an observation of one ZooKeeper request knows: the operation and path from the start, the
 * result code once the reply came.
 */
public class ZooKeeperClientObservationContext extends Observation.Context {

    private final String operation;

    private final @Nullable String path;

    private volatile @Nullable String resultCode;

    /**
     * Creates a context.
     * @param operation the API operation, for example {@code get}
     * @param path the request's path relative to the chroot, or {@code null}
     */
    public ZooKeeperClientObservationContext(String operation, @Nullable String path) {
        this.operation = operation;
        this.path = path;
    }

    /**
     * The request type.
     * @return for example {@code create} or {@code get}
     */
    public String getOperation() {
        return this.operation;
    }

    /**
     * The request's path.
     * @return the path relative to the chroot, or {@code null} for requests without one
     */
    public @Nullable String getPath() {
        return this.path;
    }

    /**
     * The result code.
     * @return {@code OK}, a ZooKeeper error code name or {@code CLIENT_ERROR}; {@code null} before
     * the request completed
     */
    public @Nullable String getResultCode() {
        return this.resultCode;
    }

    /**
     * Sets the result code.
     * @param resultCode the result code
     */
    public void setResultCode(@Nullable String resultCode) {
        this.resultCode = resultCode;
    }

}
