package dev.zkasync.client.reliability;

import dev.zkasync.test.FaultProxy;

import java.time.Duration;
import java.util.Random;

/**
 * One fault of a soak: what it is, how long it lasts and how strong it is, drawn from the soak's
 * seeded random sequence so that a seed replays the same faults in the same order.
 *
 * @param index    the episode's place in the run, from 0
 * @param kind     the fault
 * @param duration how long it lasts before the proxy is healed
 * @param strength the latency in ms, or the bandwidth cap in bytes per second; 0 for other kinds
 */
record FaultEpisode(int index, Kind kind, Duration duration, long strength) {

    /** The faults a soak draws from. */
    enum Kind {
        /** Every chunk delayed, both ways. */
        LATENCY,
        /** Each connection's throughput capped, both ways. */
        BANDWIDTH,
        /** No byte forwarded; sockets stay open. */
        STALL,
        /** Every connection reset. */
        CUT,
        /** Every connection reset, and new ones refused while the fault lasts. */
        REFUSE,
        /** The client reads end-of-stream; what it sends still reaches the server. */
        HALF_CLOSE_TO_CLIENT,
        /** The server reads end-of-stream; what it sends still reaches the client. */
        HALF_CLOSE_TO_SERVER,
        /** Everything dropped, both ways. */
        BLACKHOLE,
        /** The client's bytes dropped; the server's still arrive. */
        BLACKHOLE_TO_SERVER,
        /** The server's bytes dropped; the client's still arrive. */
        BLACKHOLE_TO_CLIENT
    }

    /** One episode in this many is long: past the request timeout, so deadlines and dead-connection detection are hit. */
    private static final int ONE_LONG_IN = 100;

    /** The next episode of the sequence {@code random} draws. */
    static FaultEpisode next(int index, Random random, Duration longEpisode) {
        Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
        boolean isLong = random.nextInt(ONE_LONG_IN) == 0;
        Duration duration = isLong
                ? longEpisode.plusMillis(random.nextInt((int) longEpisode.toMillis() / 2 + 1))
                : Duration.ofMillis(10 + random.nextInt(50));
        long strength = switch (kind) {
            case LATENCY -> 1 + random.nextInt(30);
            case BANDWIDTH -> 2_000 + random.nextInt(62_000);
            default -> 0;
        };
        return new FaultEpisode(index, kind, duration, strength);
    }

    /** Turns the fault on. */
    void apply(FaultProxy proxy) {
        switch (kind) {
            case LATENCY -> proxy.latency(Duration.ofMillis(strength));
            case BANDWIDTH -> proxy.capBandwidth(strength);
            case STALL -> proxy.stall();
            case CUT -> proxy.dropConnections();
            case REFUSE -> {
                proxy.refuseNewConnections(true);
                proxy.dropConnections();
            }
            case HALF_CLOSE_TO_CLIENT -> proxy.halfClose(FaultProxy.Direction.TO_CLIENT);
            case HALF_CLOSE_TO_SERVER -> proxy.halfClose(FaultProxy.Direction.TO_SERVER);
            case BLACKHOLE -> proxy.blackhole(true);
            case BLACKHOLE_TO_SERVER -> proxy.blackhole(FaultProxy.Direction.TO_SERVER, true);
            case BLACKHOLE_TO_CLIENT -> proxy.blackhole(FaultProxy.Direction.TO_CLIENT, true);
        }
    }

    @Override
    public String toString() {
        return "episode " + index + ": " + kind + " for " + duration.toMillis() + " ms"
                + (strength == 0 ? "" : kind == Kind.LATENCY ? ", " + strength + " ms per chunk" : ", " + strength + " B/s");
    }
}
