package dev.zkasync.spring.boot.config;

import java.util.Set;

import org.springframework.context.ApplicationEvent;

/**
 * Published when properties imported with {@code spring.config.import=zk-async:} changed in
 * ZooKeeper. The {@code Environment} already returns the new values when it is published. It
 * runs on the ZooKeeper client's handler thread, one event at a time.
 */
public class ZkAsyncConfigChangedEvent extends ApplicationEvent {

    private static final long serialVersionUID = 1L;

    private final transient Set<String> keys;

    /**
     * Creates an event.
     * @param source the {@link ZkAsyncConfigData} that saw the change
     * @param keys the keys added, removed or given another value
     */
    public ZkAsyncConfigChangedEvent(Object source, Set<String> keys) {
        super(source);
        this.keys = Set.copyOf(keys);
    }

    /**
     * The property keys that changed.
     * @return the keys added, removed or given another value
     */
    public Set<String> getKeys() {
        return this.keys;
    }

}
