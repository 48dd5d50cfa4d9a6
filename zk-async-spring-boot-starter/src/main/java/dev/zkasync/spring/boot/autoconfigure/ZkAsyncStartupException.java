package dev.zkasync.spring.boot.autoconfigure;

import java.time.Duration;

import dev.zkasync.client.state.KeeperState;
import org.jspecify.annotations.Nullable;

/**
 * Thrown on startup when {@code zk.async.startup.fail-fast} is on and the client did not connect
 * within {@code zk.async.startup.timeout}.
 */
public class ZkAsyncStartupException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** The servers the client tried, as a connect string. */
    private final String hosts;

    /** How long the client was given to connect. */
    private final Duration timeout;

    /** The client's state when it gave up. */
    private final KeeperState state;

    /**
     * Creates an exception.
     * @param hosts the servers the client tried, as a connect string
     * @param timeout how long it tried
     * @param state the client's state when it gave up
     */
    public ZkAsyncStartupException(String hosts, Duration timeout, KeeperState state) {
        this(hosts, timeout, state, null);
    }

    /**
     * Creates an exception that says why the last connection attempt failed.
     * @param hosts the servers the client tried, as a connect string
     * @param timeout how long it tried
     * @param state the client's state when it gave up
     * @param lastFailure why the last attempt failed (for example a TLS refusal), or null
     */
    public ZkAsyncStartupException(String hosts, Duration timeout, KeeperState state, @Nullable String lastFailure) {
        super(message(hosts, timeout, state) + ((lastFailure != null) ? "; last failure: " + lastFailure : ""));
        this.hosts = hosts;
        this.timeout = timeout;
        this.state = state;
    }

    private static String message(String hosts, Duration timeout, KeeperState state) {
        if (state == KeeperState.AUTH_FAILED) {
            return "ZooKeeper at " + hosts + " refused the client's credentials (zk.async.sasl.*, zk.async.auth)";
        }
        return "Could not connect to ZooKeeper at " + hosts + " within " + timeout + " (client state " + state + ")";
    }

    /**
     * The servers the client tried.
     * @return the connect string
     */
    public String getHosts() {
        return this.hosts;
    }

    /**
     * How long the client tried.
     * @return the startup timeout
     */
    public Duration getTimeout() {
        return this.timeout;
    }

    /**
     * The client's state when it gave up.
     * @return the state, {@code AUTH_FAILED} when the server refused the credentials
     */
    public KeeperState getState() {
        return this.state;
    }

}
