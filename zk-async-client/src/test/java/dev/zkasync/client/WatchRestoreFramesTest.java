package dev.zkasync.client;

import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.client.watch.AddWatchMode;
import dev.zkasync.client.watch.EventType;
import dev.zkasync.client.watch.Watcher;
import dev.zkasync.test.FaultProxy;
import dev.zkasync.test.ZooKeeperProcess;
import dev.zkasync.test.ZooKeeperServerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many watches re-armed after a reconnect, against a server whose {@code jute.maxbuffer} is the
 * client's SetWatches2 frame bound: a longer frame would make it close the connection.
 */
class WatchRestoreFramesTest extends RealServerTest {
    /** The client's SetWatches2 frame bound (the session's), here also the server's limit. */
    private static final int FRAME_BOUND = 128 * 1024;
    /** Paths of about 220 bytes: the one-shot watches take five frames or so. */
    private static final String STEM = "/restore/" + "w".repeat(200) + "-";
    private static final int ONE_SHOT = 3_000;
    private static final int PERSISTENT = 300;

    private static ZooKeeperProcess server;

    @BeforeAll
    static void startServer() {
        server = ZooKeeperProcess.start(ZooKeeperServerOptions.builder()
                .systemProperty("jute.maxbuffer", Integer.toString(FRAME_BOUND))
                .build());
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void manyWatchesGoBackInFramesTheServerTakesAndEachFiresOnce() throws Exception {
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", server.port())) {
            Watches w = watchMany(proxy);
            proxy.dropConnections();
            assertThat(w.states.poll(20, TimeUnit.SECONDS)).isEqualTo(KazooState.SUSPENDED);
            assertThat(w.states.poll(20, TimeUnit.SECONDS)).isEqualTo(KazooState.CONNECTED);
            await(Duration.ofSeconds(20), "the server counting every watch again", () -> serverWatches() == w.onServer);
            assertThat(proxy.totalConnectionsAccepted()).as("the server never closed the new connection").isEqualTo(2);
            createAllAndExpectOneEventEach(w);
            assertThat(w.states).as("no drop meanwhile").isEmpty();
        }
    }

    @Test
    void aConnectionLostInTheMiddleOfARestoreRestoresEverythingOnTheNext() throws Exception {
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", server.port())) {
            Watches w = watchMany(proxy);
            // Slow enough that the frames reach the server one by one over a few seconds.
            proxy.capBandwidth(150_000);
            proxy.dropConnections();
            assertThat(w.states.poll(20, TimeUnit.SECONDS)).isEqualTo(KazooState.SUSPENDED);
            await(Duration.ofSeconds(20), "a restore under way", () -> {
                long n = serverWatches();
                return n > 0 && n < w.onServer;
            });
            proxy.dropConnections();
            proxy.uncapBandwidth();
            assertThat(w.states.poll(20, TimeUnit.SECONDS)).isEqualTo(KazooState.CONNECTED);
            await(Duration.ofSeconds(20), "the server counting every watch again", () -> serverWatches() == w.onServer);
            createAllAndExpectOneEventEach(w);
            assertThat(w.states).as("no drop meanwhile").isEmpty();
        }
    }

    @Test
    void aRestoreTheServerRefusesIsNeverAnnouncedAsConnected() throws Exception {
        // Frames of up to 128 KiB against a server that takes 64 KiB: it closes every new connection
        // on the first SetWatches2, at times while the client is still writing the others.
        try (ZooKeeperProcess small = ZooKeeperProcess.start(ZooKeeperServerOptions.builder()
                .systemProperty("jute.maxbuffer", Integer.toString(FRAME_BOUND / 2))
                .build());
             FaultProxy proxy = FaultProxy.start("127.0.0.1", small.port())) {
            KazooClient c = started(builder(proxy.connectString()));
            List<AsyncResult<?>> results = new ArrayList<>();
            for (int i = 0; i < ONE_SHOT; i++) {
                results.add(c.existsAsync(STEM + i, e -> { }));
            }
            for (AsyncResult<?> r : results) {
                r.get();
            }
            BlockingQueue<KazooState> states = new LinkedBlockingQueue<>();
            c.addListener(states::add);
            proxy.dropConnections();
            assertThat(states.poll(20, TimeUnit.SECONDS)).isEqualTo(KazooState.SUSPENDED);
            await(Duration.ofSeconds(30), "three restores refused", () -> proxy.totalConnectionsAccepted() >= 4);
            assertThat(states).as("not CONNECTED while the watches are not back").isEmpty();
            assertThat(c.state()).isEqualTo(KazooState.SUSPENDED);
        }
    }

    /** The watches of one client: one-shot exist watches and persistent recursive ones. */
    private record Watches(KazooClient client, Map<String, AtomicInteger> created, AtomicInteger events,
                           BlockingQueue<KazooState> states, long onServer) {
    }

    private Watches watchMany(FaultProxy proxy) throws Exception {
        KazooClient c = started(builder(proxy.connectString()));
        c.ensurePath("/restore");
        Map<String, AtomicInteger> created = new ConcurrentHashMap<>();
        AtomicInteger events = new AtomicInteger();
        Watcher oneShot = e -> {
            events.incrementAndGet();
            if (e.type() == EventType.CREATED) {
                created.computeIfAbsent(e.path(), p -> new AtomicInteger()).incrementAndGet();
            }
        };
        Watcher persistent = e -> { };
        List<AsyncResult<?>> results = new ArrayList<>();
        for (int i = 0; i < ONE_SHOT; i++) {
            results.add(c.existsAsync(STEM + i, oneShot));
        }
        for (int i = 0; i < PERSISTENT; i++) {
            results.add(c.addWatchAsync(STEM + "p-" + i, AddWatchMode.PERSISTENT_RECURSIVE, persistent));
        }
        for (AsyncResult<?> r : results) {
            r.get();
        }
        long before = serverWatches();
        assertThat(before).isGreaterThanOrEqualTo(ONE_SHOT + PERSISTENT);
        BlockingQueue<KazooState> states = new LinkedBlockingQueue<>();
        c.addListener(states::add);
        return new Watches(c, created, events, states, before);
    }

    /** Creates every one-shot watch's node from another client: each fires exactly one CREATED, nothing else. */
    private void createAllAndExpectOneEventEach(Watches w) throws Exception {
        KazooClient other = started(builder(server.connectString()));
        List<AsyncResult<String>> creates = new ArrayList<>();
        for (int i = 0; i < ONE_SHOT; i++) {
            creates.add(other.createAsync(STEM + i, null));
        }
        for (AsyncResult<String> r : creates) {
            r.get();
        }
        await(Duration.ofSeconds(30), "a CREATED event for every watched path", () -> w.created.size() == ONE_SHOT);
        assertThat(w.created.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        assertThat(w.events.get()).as("one event per one-shot watch, nothing else").isEqualTo(ONE_SHOT);
        // The next test starts from an empty tree.
        other.delete("/restore", -1, true);
    }

    /** The server's {@code Total watches} ({@code wchs}); -1 when it does not answer. */
    private static long serverWatches() {
        String wchs = server.fourLetterWord("wchs");
        int at = wchs.indexOf("Total watches:");
        return at < 0 ? -1 : Long.parseLong(wchs.substring(at + "Total watches:".length()).strip());
    }
}
