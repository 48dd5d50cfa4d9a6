package dev.zkasync.spring.boot.config;

import java.time.Duration;
import java.util.List;

import dev.zkasync.client.state.KeeperState;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.config.ConfigDataException;

/**
 * Thrown at startup when {@code spring.config.import=zk-async:} (not {@code optional:}) could not
 * read its nodes: no connection to ZooKeeper within {@code zk.async.startup.timeout}, or the
 * initial read failed.
 */
public class ZkAsyncConfigDataException extends ConfigDataException {

    private static final long serialVersionUID = 1L;

    /** The servers the client tried, as a connect string. */
    private final String hosts;

    private final transient List<String> paths;

    /** How long the client was given to connect. */
    private final Duration timeout;

    /** The client's state when it gave up. */
    private final KeeperState state;

    /**
     * Creates an exception.
     * @param hosts the servers the client tried, as a connect string
     * @param paths the nodes the import was to read
     * @param timeout how long it tried
     * @param state the client's state when it gave up
     * @param cause the failure of the initial read, or {@code null} when there was no connection
     */
    public ZkAsyncConfigDataException(String hosts, List<String> paths, Duration timeout, KeeperState state,
            @Nullable Throwable cause) {
        super(message(hosts, paths, timeout, state, cause), cause);
        this.hosts = hosts;
        this.paths = List.copyOf(paths);
        this.timeout = timeout;
        this.state = state;
    }

    private static String message(String hosts, List<String> paths, Duration timeout, KeeperState state,
            @Nullable Throwable cause) {
        if (cause != null) {
            return "Could not read the configuration " + paths + " from ZooKeeper at " + hosts + ": " + cause;
        }
        if (state == KeeperState.AUTH_FAILED) {
            return "ZooKeeper at " + hosts + " refused the client's credentials, so the configuration " + paths
                    + " could not be read";
        }
        return "Could not connect to ZooKeeper at " + hosts + " within " + timeout + " (client state " + state
                + ") to read the configuration " + paths;
    }

    /**
     * The servers the client tried.
     * @return the connect string, with the chroot
     */
    public String getHosts() {
        return this.hosts;
    }

    /**
     * The nodes the import was to read.
     * @return the paths, relative to the chroot
     */
    public List<String> getPaths() {
        return this.paths;
    }

    /**
     * How long the client tried.
     * @return {@code zk.async.startup.timeout}
     */
    public Duration getTimeout() {
        return this.timeout;
    }

    /**
     * The client's state when it gave up.
     * @return the state
     */
    public KeeperState getState() {
        return this.state;
    }

}
