package dev.zkasync.spring.boot.metrics;

import java.util.Locale;
import java.util.function.ToDoubleFunction;

import dev.zkasync.client.KazooClient;
import dev.zkasync.client.state.KeeperState;
import dev.zkasync.client.metrics.ClientStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.util.Assert;

/**
 * {@link MeterBinder} for the connection of a {@link KazooClient}, read from the client's own
 * counters at scrape time (no cost per request):
 *
 * <ul>
 * <li>{@code zookeeper.client.state}: one gauge per session state ({@code state} tag:
 * {@code connecting}, {@code connected}, {@code connected_ro}, {@code expired_session},
 * {@code auth_failed}, {@code closed}), 1 for the current state, 0 for the others;</li>
 * <li>{@code zookeeper.client.requests.inflight} and {@code zookeeper.client.requests.queued}:
 * gauges of requests sent and not answered, and waiting to be sent;</li>
 * <li>counters {@code zookeeper.client.reconnects}, {@code zookeeper.client.session.expirations},
 * {@code zookeeper.client.disconnects}, {@code zookeeper.client.watch.events} (watch events
 * delivered), {@code zookeeper.client.bytes.sent} and {@code zookeeper.client.bytes.received}.</li>
 * </ul>
 */
public class KazooClientMetrics implements MeterBinder {

    private final KazooClient client;

    private final Iterable<Tag> tags;

    /**
     * Creates a binder.
     * @param client the client
     * @param tags tags for every meter, for example the client's name
     */
    public KazooClientMetrics(KazooClient client, Iterable<Tag> tags) {
        Assert.notNull(client, "'client' must not be null");
        Assert.notNull(tags, "'tags' must not be null");
        this.client = client;
        this.tags = tags;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (KeeperState state : KeeperState.values()) {
            Gauge.builder("zookeeper.client.state", this.client, (c) -> (c.clientState() == state) ? 1 : 0)
                .tags(this.tags)
                .tag("state", state.name().toLowerCase(Locale.ROOT))
                .description("Whether the client's session is in this state (1) or not (0)")
                .register(registry);
        }
        gauge(registry, "zookeeper.client.requests.inflight", "Requests sent and not yet answered",
                ClientStats::inFlightRequests);
        gauge(registry, "zookeeper.client.requests.queued", "Requests waiting to be sent",
                ClientStats::queuedRequests);
        counter(registry, "zookeeper.client.reconnects", BaseUnits.CONNECTIONS,
                "Connections established after the first one", ClientStats::reconnects);
        counter(registry, "zookeeper.client.session.expirations", BaseUnits.SESSIONS,
                "Sessions the server reported expired", ClientStats::sessionExpirations);
        counter(registry, "zookeeper.client.disconnects", BaseUnits.CONNECTIONS,
                "Connections lost after a session was established on them", ClientStats::disconnects);
        counter(registry, "zookeeper.client.watch.events", BaseUnits.EVENTS, "Watch events delivered to watchers",
                ClientStats::watchEventsDelivered);
        counter(registry, "zookeeper.client.bytes.sent", BaseUnits.BYTES, "Bytes written to the servers",
                ClientStats::bytesSent);
        counter(registry, "zookeeper.client.bytes.received", BaseUnits.BYTES, "Bytes read from the servers",
                ClientStats::bytesReceived);
        counter(registry, "zookeeper.client.read.pauses", BaseUnits.EVENTS,
                "Times reading paused so that replies could be read together", ClientStats::readPauses);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<ClientStats> value) {
        Gauge.builder(name, this.client, (c) -> value.applyAsDouble(c.stats()))
            .tags(this.tags)
            .baseUnit("requests")
            .description(description)
            .register(registry);
    }

    private void counter(MeterRegistry registry, String name, String baseUnit, String description,
            ToDoubleFunction<ClientStats> value) {
        FunctionCounter.builder(name, this.client, (c) -> value.applyAsDouble(c.stats()))
            .tags(this.tags)
            .baseUnit(baseUnit)
            .description(description)
            .register(registry);
    }

    /**
     * Tags naming a client.
     * @param name the client's name, for example its bean name
     * @return {@code name=<name>}
     */
    public static Tags nameTag(String name) {
        return Tags.of("name", name);
    }

}
