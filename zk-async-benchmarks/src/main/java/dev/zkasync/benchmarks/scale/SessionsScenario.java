package dev.zkasync.benchmarks.scale;

import dev.zkasync.client.KazooClient;
import dev.zkasync.client.handler.SequentialVirtualThreadHandler;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.test.ZooKeeperProcess;
import org.apache.zookeeper.ZooKeeper;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Many idle sessions in one JVM: the platform threads, heap and resident memory each costs, then a
 * server restart: how long until every session is connected again (the same session, not a new
 * one), and the server's peak rate of connection requests meanwhile ({@code mntr}'s
 * {@code zk_connection_request_count}, sampled every 100 ms, over any one-second span). zk-async
 * clients share its event-loop group and each has a {@link SequentialVirtualThreadHandler}; the
 * baseline is as many official clients (two platform threads each). One client of the kind is made
 * and closed before the first footprint, so the JVM's one-time costs are not counted per session.
 */
final class SessionsScenario {
    static final String ID = "sessions";
    static final List<String> CLIENTS = List.of("zk-async", "official-nio");
    private static final long SAMPLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final ScaleConfig config;
    private final ZooKeeperProcess server;

    SessionsScenario(ScaleConfig config, ZooKeeperProcess server) {
        this.config = config;
        this.server = server;
    }

    List<Measurement> run() throws Exception {
        List<Measurement> rows = new ArrayList<>();
        for (String client : CLIENTS) {
            rows.addAll(measure(client));
        }
        return rows;
    }

    /** The clients of one kind, seen the same way. */
    private interface Sessions extends AutoCloseable {
        int connected();

        /** Sessions whose id is no longer the one they had at first (expired, replaced or not). */
        int replaced();

        /** Clients that gave up: their session expired and they do not make a new one. */
        int dead();

        @Override
        void close() throws InterruptedException;
    }

    private List<Measurement> measure(String client) throws Exception {
        int n = config.sessions();
        // One client first, closed: what the first costs the JVM once (classes, Netty's statics) is not
        // per session, and without it the figure would depend on whether other scenarios ran before.
        int threads = Thread.activeCount();
        try (Sessions warmUp = client.equals("zk-async") ? zkAsync(1) : official(1)) {
            warmUp.connected();
        }
        // Its threads (zk-async's event loops, shut down with the last client) end before the count.
        long threadsGone = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Thread.activeCount() > threads && System.nanoTime() < threadsGone) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        Footprint before = Footprint.now();
        long connectStart = System.nanoTime();
        try (Sessions sessions = client.equals("zk-async") ? zkAsync(n) : official(n)) {
            long connectNanos = System.nanoTime() - connectStart;
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1)); // idle: what just connected settles
            Footprint each = Footprint.now().minus(before);
            ScaleHarness.log("sessions %-14s %,d connected in %d ms: %+d threads, %+,d B heap, %+,d B RSS", client,
                    n, connectNanos / 1_000_000, each.threads(), each.heap(), each.rss());

            server.stop();
            server.startAgain();
            long serving = System.nanoTime();
            long deadline = serving + config.sessionTimeout().toNanos() * 2;
            List<long[]> samples = new ArrayList<>();
            samples.add(new long[] {serving, 0});
            long allBack = -1;
            while (System.nanoTime() < deadline) {
                long count = ScaleServer.monitor(server, "zk_connection_request_count");
                if (count >= 0) {
                    samples.add(new long[] {System.nanoTime(), count});
                }
                int connected = sessions.connected();
                if (connected == n) {
                    allBack = System.nanoTime();
                    break;
                }
                if (connected + sessions.dead() == n) {
                    break;
                }
                LockSupport.parkNanos(SAMPLE_NANOS);
            }
            // A last sample, so that a storm over before the first answered one still counts.
            for (int tries = 0; tries < 20; tries++) {
                long count = ScaleServer.monitor(server, "zk_connection_request_count");
                if (count >= 0) {
                    samples.add(new long[] {System.nanoTime(), count});
                    break;
                }
                LockSupport.parkNanos(SAMPLE_NANOS);
            }
            int back = sessions.connected();
            int replaced = sessions.replaced();
            ScaleHarness.log("sessions %-14s %,d of %,d back (%d new sessions) %s after the server served again",
                    client, back, n, replaced, allBack < 0 ? "not all" : (allBack - serving) / 1_000_000 + " ms");
            return List.of(
                    row(client, "sessions", n, "sessions"),
                    row(client, "connect_all_ms", connectNanos / 1e6, "ms"),
                    row(client, "threads_per_session", (double) each.threads() / n, "threads"),
                    row(client, "heap_per_session", (double) each.heap() / n, "B"),
                    row(client, "rss_per_session", each.rss() < 0 ? Double.NaN : (double) each.rss() / n, "B"),
                    row(client, "all_back_ms", allBack < 0 ? Double.NaN : (allBack - serving) / 1e6, "ms"),
                    row(client, "sessions_back", back, "sessions"),
                    row(client, "sessions_replaced", replaced, "sessions"),
                    row(client, "session_timeout_ms", config.sessionTimeout().toMillis(), "ms"),
                    row(client, "peak_connect_requests_per_s", peakPerSecond(samples), "1/s"));
        }
    }

    /** The largest count increase over any span of about one second, per second. */
    static double peakPerSecond(List<long[]> samples) {
        double peak = 0;
        int from = 0;
        for (int to = 1; to < samples.size(); to++) {
            while (from < to - 1 && samples.get(to)[0] - samples.get(from + 1)[0] >= 1_000_000_000L) {
                from++;
            }
            long span = Math.max(samples.get(to)[0] - samples.get(from)[0], 1_000_000_000L);
            peak = Math.max(peak, (samples.get(to)[1] - samples.get(from)[1]) * 1e9 / span);
        }
        return peak;
    }

    private Sessions zkAsync(int n) {
        List<KazooClient> clients = new ArrayList<>(n);
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            KazooClient zk = ScaleClients.zkAsync(server.connectString(), config.sessionTimeout(),
                    new SequentialVirtualThreadHandler());
            clients.add(zk);
            ids[i] = zk.clientId().sessionId();
        }
        return new Sessions() {
            @Override
            public int connected() {
                return (int) clients.stream().filter(c -> c.state() == KazooState.CONNECTED).count();
            }

            @Override
            public int replaced() {
                int r = 0;
                for (int i = 0; i < n; i++) {
                    if (clients.get(i).clientId() == null || clients.get(i).clientId().sessionId() != ids[i]) {
                        r++;
                    }
                }
                return r;
            }

            @Override
            public int dead() {
                return (int) clients.stream().filter(c -> c.isClosed()).count();
            }

            @Override
            public void close() throws InterruptedException {
                closeAll(clients.stream().<Runnable>map(c -> c::close).toList());
            }
        };
    }

    private Sessions official(int n) throws Exception {
        List<ZooKeeper> clients = new ArrayList<>(n);
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ZooKeeper zk = ScaleClients.official(server.connectString(), config.sessionTimeout(), null);
            clients.add(zk);
            ids[i] = zk.getSessionId();
        }
        return new Sessions() {
            @Override
            public int connected() {
                return (int) clients.stream().filter(c -> c.getState() == ZooKeeper.States.CONNECTED).count();
            }

            @Override
            public int replaced() {
                int r = 0;
                for (int i = 0; i < n; i++) {
                    if (clients.get(i).getSessionId() != ids[i] || !clients.get(i).getState().isAlive()) {
                        r++;
                    }
                }
                return r;
            }

            @Override
            public int dead() {
                return (int) clients.stream().filter(c -> !c.getState().isAlive()).count();
            }

            @Override
            public void close() throws InterruptedException {
                closeAll(clients.stream().<Runnable>map(c -> () -> {
                    try {
                        c.close();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }).toList());
            }
        };
    }

    /** Closes in parallel: the official client waits for its close reply, one after another would take minutes. */
    private static void closeAll(List<Runnable> closes) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        closes.forEach(pool::execute);
        pool.shutdown();
        if (!pool.awaitTermination(2, TimeUnit.MINUTES)) {
            pool.shutdownNow();
            ScaleHarness.log("sessions: clients still closing after 2 minutes");
        }
    }

    private static Measurement row(String client, String metric, double value, String unit) {
        return new Measurement(ID, client, metric, value, unit);
    }
}
