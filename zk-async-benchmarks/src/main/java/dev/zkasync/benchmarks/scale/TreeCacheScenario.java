package dev.zkasync.benchmarks.scale;

import dev.zkasync.benchmarks.harness.ProcessMeter;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.recipe.CuratorCache;
import dev.zkasync.client.recipe.TreeCache;
import dev.zkasync.client.recipe.TreeEvent;
import org.HdrHistogram.Histogram;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.retry.ExponentialBackoffRetry;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * A cache of a whole tree ({@link ZnodeTree}): the time from start to the initialized event, the
 * heap it holds per cached node, then the lag of its listener behind a writer's acknowledged setData
 * at a steady rate. Clients: zk-async's {@link CuratorCache} ({@code zk-async}, one persistent
 * recursive watch), zk-async's {@link TreeCache} ({@code zk-async-treecache}, one-shot watches per
 * node) and Curator's {@code CuratorCache} ({@code curator}, the baseline).
 *
 * <p>Every write carries its sequence number in its first 8 bytes, so the listener's event is
 * matched to the write's acknowledgement; writes whose event never comes (two writes to one node
 * read once by the cache) are counted as missed, not as lag.
 */
final class TreeCacheScenario {
    static final String ID = "tree-cache";
    /** Curator first: a zk-async cache just closed cannot then leave anything in the baseline's heap figure. */
    static final List<String> CLIENTS = List.of("curator", "zk-async", "zk-async-treecache");
    private static final Duration INIT_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration QUIET = Duration.ofSeconds(2);

    private final ScaleConfig config;
    private final String connect;
    private final ZnodeTree tree;
    /** The server JVM's pid, for its CPU during the load; -1 when unknown. */
    private final long serverPid;

    TreeCacheScenario(ScaleConfig config, String connect, ZnodeTree tree, long serverPid) {
        this.config = config;
        this.connect = connect;
        this.tree = tree;
        this.serverPid = serverPid;
    }

    List<Measurement> run() throws Exception {
        List<Measurement> rows = new ArrayList<>();
        try (KazooClient writer = ScaleClients.zkAsync(connect, config.sessionTimeout())) {
            for (String client : CLIENTS) {
                rows.addAll(measure(client, writer));
            }
        }
        return rows;
    }

    private List<Measurement> measure(String client, KazooClient writer) throws Exception {
        int writes = (int) Math.max(1, config.updateRate() * config.updateFor().toMillis() / 1000);
        AtomicLongArray eventNanos = new AtomicLongArray(writes + 1);
        CountDownLatch initialized = new CountDownLatch(1);
        Consumer<byte[]> onUpdate = data -> {
            long seq = data != null && data.length >= 8 ? ByteBuffer.wrap(data).getLong() : 0;
            if (seq > 0 && seq <= writes) {
                eventNanos.compareAndSet((int) seq, 0, System.nanoTime());
            }
        };
        ProcessMeter steal = new ProcessMeter(serverPid);
        Footprint before = Footprint.now();
        ProcessMeter.Snapshot s0 = steal.snapshot();
        long start = System.nanoTime();
        List<Measurement> rows;
        try (Opened cache = open(client, onUpdate, initialized::countDown)) {
            if (!initialized.await(INIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(client + " cache not initialized within " + INIT_TIMEOUT);
            }
            long loadNanos = System.nanoTime() - start;
            int cached = cache.size().getAsInt(); // a complete load holds every node of the tree
            ProcessMeter.Snapshot s1 = steal.snapshot();
            Footprint held = Footprint.now().minus(before);
            double serverCpuMs = s0.serverCpuNanos() < 0 ? Double.NaN : (s1.serverCpuNanos() - s0.serverCpuNanos()) / 1e6;
            double clientCpuMs = (s1.cpuNanos() - s0.cpuNanos()) / 1e6;
            ScaleHarness.log("tree-cache %-18s loaded in %d ms, %d B/node; CPU: server %.0f ms, client %.0f ms, "
                    + "other %.2f cores, stolen %.2f cores; %,d of %,d nodes", client, loadNanos / 1_000_000, held.heap() / tree.size(),
                    serverCpuMs, clientCpuMs, otherCores(s0, s1), stolenCores(s0, s1), cached, tree.size());

            AtomicLongArray ackNanos = write(writer, writes);
            awaitEvents(eventNanos, writes);
            ProcessMeter.Snapshot s2 = steal.snapshot();
            ScaleHarness.log("tree-cache %-18s %,d updates, events of %,d in", client, writes, received(eventNanos));
            Histogram lag = new Histogram(3);
            int missed = 0;
            for (int seq = 1; seq <= writes; seq++) {
                long at = eventNanos.get(seq);
                if (at == 0 || ackNanos.get(seq) == 0) {
                    missed++;
                } else {
                    // An event may be handled before the writer's own callback ran: no lag, not negative lag.
                    lag.recordValue(Math.max(0, at - ackNanos.get(seq)));
                }
            }
            rows = new ArrayList<>(List.of(
                    row(client, "load_ms", loadNanos / 1e6, "ms"),
                    row(client, "cached_nodes_at_load", cached, "nodes"),
                    row(client, "heap_per_node", (double) held.heap() / tree.size(), "B"),
                    row(client, "lag_p50_us", lag.getValueAtPercentile(50) / 1e3, "µs"),
                    row(client, "lag_p99_us", lag.getValueAtPercentile(99) / 1e3, "µs"),
                    row(client, "lag_max_us", lag.getMaxValue() / 1e3, "µs"),
                    row(client, "updates", writes, "writes"),
                    row(client, "updates_missed", missed, "writes"),
                    row(client, "server_cpu_load_ms", serverCpuMs, "ms"),
                    row(client, "client_cpu_load_ms", clientCpuMs, "ms"),
                    row(client, "other_cores_load", otherCores(s0, s1), "cores"),
                    row(client, "stolen_cores_load", stolenCores(s0, s1), "cores"),
                    row(client, "stolen_cores_updates", stolenCores(s1, s2), "cores")));
        }
        // What the closed cache and client still hold: they should hold nothing.
        long kept = Footprint.now().minus(before).heap();
        rows.add(row(client, "heap_kept_after_close_per_node", (double) kept / tree.size(), "B"));
        return rows;
    }

    /** Writes {@code writes} setData at the configured rate to random nodes; returns when all are acked. */
    private AtomicLongArray write(KazooClient writer, int writes) {
        AtomicLongArray ackNanos = new AtomicLongArray(writes + 1);
        AtomicInteger acked = new AtomicInteger();
        SplittableRandom random = new SplittableRandom(7);
        long intervalNanos = 1_000_000_000L / config.updateRate();
        long begin = System.nanoTime();
        for (int seq = 1; seq <= writes; seq++) {
            long due = begin + (seq - 1) * intervalNanos;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            byte[] data = new byte[ZnodeTree.DATA_BYTES];
            ByteBuffer.wrap(data).putLong(seq);
            int index = seq;
            writer.setAsync(tree.path(random.nextInt(tree.size())), data).rawlink(r -> {
                if (r.successful()) {
                    ackNanos.set(index, System.nanoTime());
                }
                acked.incrementAndGet();
            });
        }
        long deadline = System.nanoTime() + EVENT_TIMEOUT.toNanos();
        while (acked.get() < writes && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return ackNanos;
    }

    /** An open cache: its node count, and how to close it and its client. */
    private record Opened(IntSupplier size, AutoCloseable closer) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            closer.close();
        }
    }

    private Opened open(String client, Consumer<byte[]> onUpdate, Runnable onInitialized) {
        if (client.equals("curator")) {
            CuratorFramework curator = CuratorFrameworkFactory.newClient(connect,
                    (int) config.sessionTimeout().toMillis(), 15_000, new ExponentialBackoffRetry(100, 3));
            curator.start();
            org.apache.curator.framework.recipes.cache.CuratorCache cache =
                    org.apache.curator.framework.recipes.cache.CuratorCache.build(curator, tree.root());
            cache.listenable().addListener(CuratorCacheListener.builder()
                    .forInitialized(onInitialized)
                    .forChanges((old, node) -> onUpdate.accept(node.getData()))
                    .build());
            cache.start();
            return new Opened(cache::size, () -> {
                cache.close();
                curator.close();
            });
        }
        KazooClient zk = ScaleClients.zkAsync(connect, config.sessionTimeout());
        Consumer<TreeEvent> listener = event -> {
            if (event.type() == TreeEvent.Type.INITIALIZED) {
                onInitialized.run();
            } else if (event.type() == TreeEvent.Type.NODE_UPDATED) {
                onUpdate.accept(event.node().data());
            }
        };
        if (client.equals("zk-async")) {
            CuratorCache cache = new CuratorCache(zk, tree.root());
            cache.listen(listener);
            cache.start();
            return new Opened(cache::size, () -> {
                cache.close();
                zk.close();
            });
        }
        TreeCache cache = new TreeCache(zk, tree.root());
        cache.listen(listener);
        cache.start();
        return new Opened(cache::size, () -> {
            cache.close();
            zk.close();
        });
    }

    /**
     * Waits until every write's event is in, or none came for {@link #QUIET}: two writes to one node
     * close together may reach the cache as one read, and the earlier one's event never comes.
     */
    private static void awaitEvents(AtomicLongArray eventNanos, int writes) {
        long deadline = System.nanoTime() + EVENT_TIMEOUT.toNanos();
        int seen = received(eventNanos);
        long progressed = System.nanoTime();
        while (seen < writes && System.nanoTime() < deadline && System.nanoTime() - progressed < QUIET.toNanos()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            int now = received(eventNanos);
            if (now > seen) {
                seen = now;
                progressed = System.nanoTime();
            }
        }
    }

    private static int received(AtomicLongArray eventNanos) {
        int n = 0;
        for (int i = 1; i < eventNanos.length(); i++) {
            if (eventNanos.get(i) != 0) {
                n++;
            }
        }
        return n;
    }

    static double stolenCores(ProcessMeter.Snapshot a, ProcessMeter.Snapshot b) {
        return a.stolenNanos() < 0 ? Double.NaN : (double) (b.stolenNanos() - a.stolenNanos()) / (b.nanos() - a.nanos());
    }

    /** The machine's busy CPU beside this JVM's and the server's, in cores. */
    static double otherCores(ProcessMeter.Snapshot a, ProcessMeter.Snapshot b) {
        if (a.machineCpuNanos() < 0 || a.serverCpuNanos() < 0) {
            return Double.NaN;
        }
        long ours = b.cpuNanos() - a.cpuNanos() + b.serverCpuNanos() - a.serverCpuNanos();
        return Math.max(0, b.machineCpuNanos() - a.machineCpuNanos() - ours) / (double) (b.nanos() - a.nanos());
    }

    private static Measurement row(String client, String metric, double value, String unit) {
        return new Measurement(ID, client, metric, value, unit);
    }
}
