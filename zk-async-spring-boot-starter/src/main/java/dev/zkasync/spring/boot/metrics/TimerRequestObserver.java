package dev.zkasync.spring.boot.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.zkasync.client.metrics.RequestObserver;
import dev.zkasync.spring.boot.observation.DefaultZooKeeperClientObservationConvention;
import dev.zkasync.spring.boot.observation.ZooKeeperClientObservationContext;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A {@link RequestObserver} that records every request straight into a Micrometer {@link Timer},
 * as Lettuce's command latency recorder does: no {@code Observation}, no trace span, no
 * {@code .active} long-task timer, and no allocation per request beyond the boxed start time. The
 * timer has the name and tags that Boot's meter handler gives the
 * {@code zookeeper.client.operations} observation ({@code zookeeper.operation}, {@code outcome},
 * {@code zookeeper.result.code}, {@code error}), so dashboards read the same either way.
 *
 * <p>The keys come from {@link DefaultZooKeeperClientObservationConvention}, so this timer and
 * the default observation's timer cannot drift apart. Timers are looked up once per operation and
 * result code and then reused: both come from small fixed sets. Meter filters of the registry
 * (Boot's {@code management.metrics.enable.*} and {@code management.metrics.distribution.*}) apply
 * as to any timer.
 */
public class TimerRequestObserver implements RequestObserver {

    /**
     * The timer's name, the same as the observation's.
     */
    public static final String NAME = DefaultZooKeeperClientObservationConvention.NAME;

    /** Names the timer's keys as the observations' default convention does, so the two agree. */
    private static final DefaultZooKeeperClientObservationConvention KEYS =
            DefaultZooKeeperClientObservationConvention.INSTANCE;

    private static final String NO_ERROR = "none";

    private final MeterRegistry registry;

    private final Clock clock;

    private final Tags tags;

    /** Timers by operation, then by result code (or result code and exception for failures). */
    private final Map<String, Map<String, Timer>> timers = new ConcurrentHashMap<>();

    /**
     * Creates an observer that tags its timers with the operation and outcome only.
     * @param registry the registry to record into
     */
    public TimerRequestObserver(MeterRegistry registry) {
        this(registry, Tags.empty());
    }

    /**
     * Creates an observer.
     * @param registry the registry to record into
     * @param tags extra tags for every timer, for example the client's name
     */
    public TimerRequestObserver(MeterRegistry registry, Iterable<Tag> tags) {
        Assert.notNull(registry, "'registry' must not be null");
        Assert.notNull(tags, "'tags' must not be null");
        this.registry = registry;
        this.clock = registry.config().clock();
        this.tags = Tags.of(tags);
    }

    @Override
    public Object started(String operation, @Nullable String path) {
        return this.clock.monotonicTime();
    }

    @Override
    public void completed(@Nullable Object context, String operation, String resultCode, @Nullable Throwable error) {
        if (context instanceof Long startedAt) {
            timer(operation, resultCode, error).record(this.clock.monotonicTime() - startedAt, TimeUnit.NANOSECONDS);
        }
    }

    private Timer timer(String operation, String resultCode, @Nullable Throwable error) {
        Map<String, Timer> byOutcome = this.timers.get(operation);
        if (byOutcome == null) {
            byOutcome = this.timers.computeIfAbsent(operation, (key) -> new ConcurrentHashMap<>());
        }
        // Failures are rare; only they pay for a composite key.
        String errorName = (error != null) ? error.getClass().getSimpleName() : NO_ERROR;
        String key = (error != null) ? resultCode + ' ' + errorName : resultCode;
        Timer timer = byOutcome.get(key);
        if (timer == null) {
            timer = byOutcome.computeIfAbsent(key, (k) -> register(operation, resultCode, errorName));
        }
        return timer;
    }

    private Timer register(String operation, String resultCode, String errorName) {
        ZooKeeperClientObservationContext request = new ZooKeeperClientObservationContext(operation, null);
        request.setResultCode(resultCode);
        Tags keys = this.tags;
        for (KeyValue key : KEYS.getLowCardinalityKeyValues(request)) {
            keys = keys.and(key.getKey(), key.getValue());
        }
        // "error" is the tag Micrometer's meter handler adds to an observation's timer.
        return Timer.builder(NAME)
            .description("Requests to ZooKeeper, from queueing to the decoded reply")
            .tags(keys)
            .tag("error", errorName)
            .register(this.registry);
    }

}
