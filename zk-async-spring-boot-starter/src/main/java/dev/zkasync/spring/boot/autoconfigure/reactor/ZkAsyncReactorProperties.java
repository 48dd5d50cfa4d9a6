package dev.zkasync.spring.boot.autoconfigure.reactor;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of the auto-configured {@code ReactiveKazooClient} ({@code zk.async.reactor.*}). */
@ConfigurationProperties("zk.async.reactor")
public class ZkAsyncReactorProperties {

    /** Creates the properties with their defaults; Spring binds them. */
    public ZkAsyncReactorProperties() {
    }

    /**
     * How many undelivered events a state, watch or tree cache stream holds for a subscriber that
     * does not keep up; past that the stream fails with EventOverflowException. At least 1.
     */
    private int eventBufferSize = 1024;

    /**
     * {@return how many undelivered events a state, watch or tree cache stream holds for a subscriber that does
     * not keep up; past that the stream fails with EventOverflowException. At least 1}
     */
    public int getEventBufferSize() {
        return this.eventBufferSize;
    }

    /**
     * Sets the {@code eventBufferSize} property.
     *
     * @param eventBufferSize the new value; see {@link #getEventBufferSize()}
     */
    public void setEventBufferSize(int eventBufferSize) {
        if (eventBufferSize < 1) {
            throw new IllegalArgumentException("Invalid zk.async.reactor.event-buffer-size " + eventBufferSize
                    + ": a stream must hold at least 1 event");
        }
        this.eventBufferSize = eventBufferSize;
    }

}
