package dev.zkasync.client.watch;


/**
 * A watch callback. One-shot watches fire once; the same watcher registered twice on the same node
 * and kind fires once. Runs on the client's handler, never on the I/O thread.
 */
@FunctionalInterface
public interface Watcher {
    /**
     * Called on the client's handler when the watch fires.
     *
     * @param event what happened
     */
    void process(WatchedEvent event);
}
