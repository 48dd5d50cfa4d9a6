package dev.zkasync.spring.boot.metrics;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.zkasync.client.exception.ConnectionClosedException;
import dev.zkasync.client.exception.NoNodeException;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TimerRequestObserver} on its own, with a clock the test moves: the time from
 * start to completion is what is recorded, under the tags of the outcome. Against a real server
 * it is covered by {@code ZkAsyncObservationAutoConfigurationTests}.
 */
class TimerRequestObserverTests {

    private final MockClock clock = new MockClock();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, this.clock);

    private final TimerRequestObserver observer = new TimerRequestObserver(this.registry, Tags.of("name", "zk"));

    @AfterEach
    void closeRegistry() {
        this.registry.close();
    }

    @Test
    void recordsTheTimeFromStartToCompletion() {
        Object started = this.observer.started("get", "/a");
        this.clock.add(Duration.ofMillis(7));
        this.observer.completed(started, "get", "OK", null);
        Timer timer = this.registry.get(TimerRequestObserver.NAME)
            .tags("name", "zk", "zookeeper.operation", "get", "outcome", "SUCCESS", "zookeeper.result.code", "OK",
                    "error", "none")
            .timer();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(7);
    }

    @Test
    void failuresAreTaggedWithTheirCodeAndException() {
        this.observer.completed(this.observer.started("get", "/x"), "get", "NONODE",
                new NoNodeException("/x"));
        this.observer.completed(this.observer.started("exists", "/y"), "exists", "SESSIONEXPIRED",
                new ConnectionClosedException("closed"));
        assertThat(this.registry.get(TimerRequestObserver.NAME)
            .tags("zookeeper.operation", "get", "outcome", "ERROR", "zookeeper.result.code", "NONODE", "error",
                    "NoNodeException")
            .timer()
            .count()).isEqualTo(1);
        assertThat(this.registry.get(TimerRequestObserver.NAME)
            .tags("zookeeper.operation", "exists", "outcome", "ERROR", "error", "ConnectionClosedException")
            .timer()
            .count()).isEqualTo(1);
    }

    @Test
    void oneTimerPerOperationAndOutcomeIsReused() {
        for (int i = 0; i < 100; i++) {
            this.observer.completed(this.observer.started("set", "/n" + i), "set", "OK", null);
            this.observer.completed(this.observer.started("set", "/n" + i), "set", "BADVERSION",
                    new NoNodeException("/n" + i));
        }
        assertThat(this.registry.find(TimerRequestObserver.NAME).timers()).hasSize(2)
            .allSatisfy((timer) -> assertThat(timer.count()).isEqualTo(100));
    }

    @Test
    void aCompletionWithoutItsStartRecordsNothing() {
        this.observer.completed(null, "create", "OK", null);
        assertThat(this.registry.find(TimerRequestObserver.NAME).timers()).isEmpty();
    }

}
