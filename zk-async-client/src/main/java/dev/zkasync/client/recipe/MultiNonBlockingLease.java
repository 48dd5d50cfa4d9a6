package dev.zkasync.client.recipe;

import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.handler.DefaultAsyncResult;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.path.ZkPaths;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Kazoo's {@code MultiNonBlockingLease}: one of {@code count} leases, {@code path/0} to
 * {@code path/<count-1>}, each a {@link NonBlockingLease}; the first one obtained wins.
 *
 * <pre>{@code
 * if (new MultiNonBlockingLease(client, 3, "/leases/crawlers", Duration.ofMinutes(10), "host-1").obtained()) {
 *     crawl();   // at most 3 crawlers at a time
 * }
 * }</pre>
 */
public final class MultiNonBlockingLease {
    private final boolean obtained;

    /**
     * Tries the leases now (blocking), with the system UTC clock.
     *
     * @param client the client the recipe uses; the caller starts and stops it
     * @param count how many leases exist
     * @param path the leases' parent node
     * @param duration how long an obtained lease lasts
     * @param identifier the holder identity written into the lease
     */
    public MultiNonBlockingLease(KazooClient client, int count, String path, Duration duration, String identifier) {
        this(client, count, path, duration, identifier, Clock.systemUTC());
    }

    /**
     * Tries the leases now (blocking); {@code clock} gives "now".
     *
     * @param client the client the recipe uses; the caller starts and stops it
     * @param count how many leases exist
     * @param path the leases' parent node
     * @param duration how long an obtained lease lasts
     * @param identifier the holder identity written into the lease
     * @param clock the time source
     */
    public MultiNonBlockingLease(KazooClient client, int count, String path, Duration duration, String identifier,
                                 Clock clock) {
        Recipes.requireNotHandlerThread(client, "new MultiNonBlockingLease()");
        this.obtained = obtainAsync(client, count, path, duration, identifier, clock).get();
    }

    /** {@return whether one of the leases was obtained} */
    public boolean obtained() {
        return obtained;
    }

    /**
     * Tries {@code path/0}, {@code path/1}, ... in turn without blocking; true once one is obtained.
     *
     * @param client the client the recipe uses; the caller starts and stops it
     * @param count how many leases exist
     * @param path the leases' parent node
     * @param duration how long an obtained lease lasts
     * @param identifier the holder identity written into the lease
     * @param clock the time source
     * @return whether one of the leases was obtained
     */
    public static AsyncResult<Boolean> obtainAsync(KazooClient client, int count, String path, Duration duration,
                                                   String identifier, Clock clock) {
        Objects.requireNonNull(client, "client");
        ZkPaths.validate(path);
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, not " + count);
        }
        String id = identifier != null ? identifier : Recipes.defaultIdentifier();
        DefaultAsyncResult<Boolean> out = Recipes.newResult(client);
        attempt(client, count, path, duration, id, clock, 0, out);
        return out;
    }

    private static void attempt(KazooClient client, int count, String path, Duration duration, String id, Clock clock,
                                int index, DefaultAsyncResult<Boolean> out) {
        if (index >= count) {
            out.set(false);
            return;
        }
        Recipes.onDone(NonBlockingLease.obtainAsync(client, Recipes.join(path, Integer.toString(index)), duration, id,
                clock), (ok, e) -> {
            if (Boolean.TRUE.equals(ok)) {
                out.set(true);
            } else {
                attempt(client, count, path, duration, id, clock, index + 1, out);
            }
        });
    }
}
