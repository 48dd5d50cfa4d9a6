package dev.zkasync.client.state;


import java.time.Duration;

/**
 * Returned by {@link dev.zkasync.client.KazooClient#startAsync()}: set while the client is connected, as Kazoo's
 * start event. Check {@link dev.zkasync.client.KazooClient#connected()} after waiting.
 */
public interface StartEvent {

    /**
     * Waits until the client is connected, the client gives up for good (authentication failed or
     * stopped), or {@code timeout} passes.
     *
     * @param timeout how long to wait at most
     * @return whether the client is connected
     */
    boolean await(Duration timeout);

    /** {@return whether the client is connected now} */
    boolean isSet();
}
