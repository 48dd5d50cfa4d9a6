package dev.zkasync.client.state;


/**
 * Told of every {@link KazooState} change, in order, on the client's handler (never on the I/O
 * thread), so it may call the client synchronously.
 */
@FunctionalInterface
public interface KazooStateListener {
    /**
     * Called on the client's handler when the state changes.
     *
     * @param state the new state
     */
    void stateChanged(KazooState state);
}
