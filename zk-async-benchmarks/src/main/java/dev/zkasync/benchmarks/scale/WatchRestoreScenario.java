package dev.zkasync.benchmarks.scale;

import dev.zkasync.benchmarks.harness.ProcessMeter;
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
 * largest frame the client sent meanwhile, how many it sent and when the last one reached the server's
 * socket, and the CPU of the restore: the server's (the floor no client goes under),
 * the client JVM's, and the rest of the machine's.
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
            ProcessMeter meter = new ProcessMeter(server.pid());
            ProcessMeter.Snapshot atReconnect = null;
            long restored;
            while ((restored = ScaleServer.totalWatches(server)) < expected && System.nanoTime() < deadline
                    && !lost.get()) {
                if (atReconnect == null && proxy.lastConnectedNanos() > serving) {
                    atReconnect = meter.snapshot();
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            long done = System.nanoTime();
            ProcessMeter.Snapshot atDone = meter.snapshot();
            if (atReconnect == null) {
                atReconnect = atDone;
            }
            if (restored < expected) {
                ScaleHarness.log("watch-restore %-14s not restored; the server's log ends:%n%s", client,
                        server.logTail(60));
            }
            long reconnected = proxy.lastConnectedNanos();
            boolean sawReconnect = reconnected >= serving - TimeUnit.SECONDS.toNanos(60);
            long lastFrame = proxy.lastFrameNanos();
            Window window = new Window(atReconnect, atDone);
            ScaleHarness.log("watch-restore %-14s %,d of %,d watches back %d ms after the server served again, "
                    + "largest frame %,d B, %d frames; server CPU %.0f ms (%.2f cores), other %.2f cores, "
                    + "stolen %.2f cores", client, restored, expected, (done - serving) / 1_000_000,
                    proxy.largestFrame(), proxy.frames(), window.serverCpuMillis(), window.serverCores(),
                    window.otherCores(), window.stolenCores());
            return List.of(
                    row(client, "watches", expected, "watches"),
                    row(client, "watches_restored", restored, "watches"),
                    row(client, "restore_from_reconnect_ms", sawReconnect ? (done - reconnected) / 1e6 : Double.NaN,
                            "ms"),
                    row(client, "restore_from_server_up_ms", (done - serving) / 1e6, "ms"),
                    row(client, "last_frame_from_reconnect_ms",
                            sawReconnect && lastFrame > reconnected ? (lastFrame - reconnected) / 1e6 : Double.NaN, "ms"),
                    row(client, "frames_after_restart", proxy.frames(), "frames"),
                    row(client, "largest_frame", proxy.largestFrame(), "B"),
                    row(client, "frames_over_jute_maxbuffer", proxy.largestFrame() > JUTE_MAXBUFFER ? 1 : 0, "frames"),
                    row(client, "server_cpu_restore_ms", window.serverCpuMillis(), "ms"),
                    row(client, "server_cpu_per_watch_us", window.serverCpuMillis() * 1000 / expected, "µs"),
                    row(client, "server_cores_restore", window.serverCores(), "cores"),
                    row(client, "client_cores_restore", window.clientCores(), "cores"),
                    row(client, "other_cores_restore", window.otherCores(), "cores"),
                    row(client, "stolen_cores_restore", window.stolenCores(), "cores"),
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

    /**
     * The CPU of the restore, from the first poll that saw the reconnection to the poll that saw every
     * watch: the server's (its JVM; the four-letter words that poll it included), this JVM's (the
     * client, the proxy, the polling), the rest of the machine's, and what the hypervisor stole.
     */
    private record Window(ProcessMeter.Snapshot from, ProcessMeter.Snapshot to) {
        double wallNanos() {
            return to.nanos() - from.nanos();
        }

        double serverCpuMillis() {
            return from.serverCpuNanos() < 0 ? Double.NaN : (to.serverCpuNanos() - from.serverCpuNanos()) / 1e6;
        }

        double serverCores() {
            return serverCpuMillis() * 1e6 / wallNanos();
        }

        double clientCores() {
            return (to.cpuNanos() - from.cpuNanos()) / wallNanos();
        }

        double otherCores() {
            if (from.machineCpuNanos() < 0 || from.serverCpuNanos() < 0) {
                return Double.NaN;
            }
            long machine = to.machineCpuNanos() - from.machineCpuNanos();
            long ours = to.cpuNanos() - from.cpuNanos() + to.serverCpuNanos() - from.serverCpuNanos();
            return Math.max(0, machine - ours) / wallNanos();
        }

        double stolenCores() {
            return from.stolenNanos() < 0 ? Double.NaN : (to.stolenNanos() - from.stolenNanos()) / wallNanos();
        }
    }

    private static String persistentPath(int i) {
        return "/zkscale/persistent/p-" + i;
    }

    private static Measurement row(String client, String metric, double value, String unit) {
        return new Measurement(ID, client, metric, value, unit);
    }
}
