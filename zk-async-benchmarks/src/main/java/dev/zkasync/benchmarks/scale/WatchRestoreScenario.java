package dev.zkasync.benchmarks.scale;

import dev.zkasync.client.KazooClient;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.client.watch.AddWatchMode;
import dev.zkasync.test.ZooKeeperProcess;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * One client holding a one-shot data watch on every node of the tree and persistent recursive
 * watches on as many other paths (a server counts one watch per connection and path, whatever its
 * kind), through a {@link FrameSizeProxy}; then the server restarts. Measured:
 * the time from the client's reconnection (its connection reaching the server through the proxy) and
 * from the server serving again until the server counts every watch again ({@code wchs}), and the
 * largest frame the client sent meanwhile.
 * Clients: zk-async ({@code SetWatches2}) and the official client (the baseline).
 */
final class WatchRestoreScenario {
    static final String ID = "watch-restore";
    static final List<String> CLIENTS = List.of("zk-async", "official-nio");
    /** The server's default {@code jute.maxbuffer}: a longer frame is refused. */
    static final int JUTE_MAXBUFFER = 0xfffff;
    private static final int WINDOW = 1000;
    private static final Duration RESTORE_TIMEOUT = Duration.ofMinutes(3);

    private final ScaleConfig config;
    private final ZooKeeperProcess server;
    private final ZnodeTree tree;

    WatchRestoreScenario(ScaleConfig config, ZooKeeperProcess server, ZnodeTree tree) {
        this.config = config;
        this.server = server;
        this.tree = tree;
    }

    List<Measurement> run() throws Exception {
        List<Measurement> rows = new ArrayList<>();
        for (String client : CLIENTS) {
            rows.addAll(measure(client));
        }
        return rows;
    }

    private List<Measurement> measure(String client) throws Exception {
        AtomicBoolean lost = new AtomicBoolean();
        AtomicInteger suspensions = new AtomicInteger();
        try (FrameSizeProxy proxy = FrameSizeProxy.start(server.port());
             AutoCloseable zk = watchEverything(client, proxy.connectString(), lost, suspensions)) {
            long expected = ScaleServer.totalWatches(server);
            ScaleHarness.log("watch-restore %-14s %,d watches on the server; restarting it", client, expected);
            proxy.resetLargestFrame();
            int suspensionsBefore = suspensions.get();
            server.stop();
            server.startAgain();
            long serving = System.nanoTime();
            long deadline = serving + RESTORE_TIMEOUT.toNanos();
            long restored;
            while ((restored = ScaleServer.totalWatches(server)) < expected && System.nanoTime() < deadline
                    && !lost.get()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            long done = System.nanoTime();
            if (restored < expected) {
                ScaleHarness.log("watch-restore %-14s not restored; the server's log ends:%n%s", client,
                        server.logTail(60));
            }
            long reconnected = proxy.lastConnectedNanos();
            ScaleHarness.log("watch-restore %-14s %,d of %,d watches back %d ms after the server served again, "
                    + "largest frame %,d B", client, restored, expected, (done - serving) / 1_000_000,
                    proxy.largestFrame());
            return List.of(
                    row(client, "watches", expected, "watches"),
                    row(client, "watches_restored", restored, "watches"),
                    row(client, "restore_from_reconnect_ms",
                            reconnected < serving - TimeUnit.SECONDS.toNanos(60) ? Double.NaN
                                    : (done - reconnected) / 1e6, "ms"),
                    row(client, "restore_from_server_up_ms", (done - serving) / 1e6, "ms"),
                    row(client, "largest_frame", proxy.largestFrame(), "B"),
                    row(client, "frames_over_jute_maxbuffer", proxy.largestFrame() > JUTE_MAXBUFFER ? 1 : 0, "frames"),
                    row(client, "connection_drops_after_restart", suspensions.get() - suspensionsBefore - 1, "drops"),
                    row(client, "session_lost", lost.get() ? 1 : 0, "sessions"));
        }
    }

    /** A connected client with every watch in place; its drops are counted, the loss of its session told. */
    private AutoCloseable watchEverything(String client, String connect, AtomicBoolean lost,
                                          AtomicInteger suspensions) throws Exception {
        Semaphore window = new Semaphore(WINDOW);
        if (client.equals("zk-async")) {
            KazooClient zk = ScaleClients.zkAsync(connect, config.sessionTimeout());
            zk.addListener(state -> {
                if (state == KazooState.SUSPENDED) {
                    suspensions.incrementAndGet();
                } else if (state == KazooState.LOST) {
                    lost.set(true);
                }
            });
            dev.zkasync.client.watch.Watcher watcher = event -> { };
            for (int i = 0; i < tree.size(); i++) {
                window.acquire();
                zk.getAsync(tree.path(i), watcher).rawlink(r -> window.release());
            }
            for (int i = 0; i < config.persistentWatches(); i++) {
                window.acquire();
                zk.addWatchAsync(persistentPath(i), AddWatchMode.PERSISTENT_RECURSIVE, watcher)
                        .rawlink(r -> window.release());
            }
            window.acquire(WINDOW);
            return zk;
        }
        ZooKeeper zk = ScaleClients.official(connect, config.sessionTimeout(), event -> {
            if (event.getType() != Watcher.Event.EventType.None) {
                return;
            }
            if (event.getState() == Watcher.Event.KeeperState.Disconnected) {
                suspensions.incrementAndGet();
            } else if (event.getState() == Watcher.Event.KeeperState.Expired) {
                lost.set(true);
            }
        });
        Watcher watcher = event -> { };
        for (int i = 0; i < tree.size(); i++) {
            window.acquire();
            zk.getData(tree.path(i), watcher, (rc, path, ctx, data, stat) -> window.release(), null);
        }
        for (int i = 0; i < config.persistentWatches(); i++) {
            window.acquire();
            zk.addWatch(persistentPath(i), watcher, org.apache.zookeeper.AddWatchMode.PERSISTENT_RECURSIVE,
                    (rc, path, ctx) -> window.release(), null);
        }
        window.acquire(WINDOW);
        return zk::close;
    }

    private static String persistentPath(int i) {
        return "/zkscale/persistent/p-" + i;
    }

    private static Measurement row(String client, String metric, double value, String unit) {
        return new Measurement(ID, client, metric, value, unit);
    }
}
