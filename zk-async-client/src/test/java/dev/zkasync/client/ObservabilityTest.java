package dev.zkasync.client;

import dev.zkasync.client.acl.Acls;
import dev.zkasync.client.data.Stat;
import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.watch.AddWatchMode;
import dev.zkasync.client.watch.WatchCounts;
import dev.zkasync.client.watch.WatchedEvent;

import dev.zkasync.client.exception.NoNodeException;
import dev.zkasync.client.metrics.ClientStats;
import dev.zkasync.client.metrics.RequestObserver;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The request observer and the connection counters, against a real server. */
class ObservabilityTest extends RealServerTest {

    /** Records what it sees; {@code started} hands back the caller's thread name as the context. */
    static final class Recorder implements RequestObserver {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public Object started(String operation, String path) {
            events.add("start " + operation + " " + path);
            return Thread.currentThread().getName();
        }

        @Override
        public void completed(Object context, String operation, String resultCode, Throwable error) {
            events.add("done " + operation + " " + resultCode + (error == null ? "" : " " + error.getClass().getSimpleName())
                    + " started-on=" + context);
        }
    }

    @Test
    void everyRequestIsObservedWithItsResultCodeBeforeItsCallbackRuns() throws Exception {
        Recorder recorder = new Recorder();
        KazooClient c = started(builder().requestObserver(recorder));
        recorder.events.clear();
        c.create("/n", null);
        BlockingQueue<Integer> seenAtCallback = new LinkedBlockingQueue<>();
        c.getAsync("/missing").rawlink(r -> seenAtCallback.add(recorder.events.size()));
        int eventsAtCallback = seenAtCallback.poll(10, TimeUnit.SECONDS);

        String caller = Thread.currentThread().getName();
        assertThat(recorder.events).startsWith(
                "start create /n", "done create OK started-on=" + caller,
                "start get /missing", "done get NONODE NoNodeException started-on=" + caller);
        assertThat(eventsAtCallback).as("the observer saw the reply before the callback ran").isEqualTo(4);
    }

    @Test
    void operationsAreNamedAsTheApiCallsThemWhateverRequestTypeCarriesThem() {
        Recorder recorder = new Recorder();
        KazooClient c = started(builder().requestObserver(recorder));
        recorder.events.clear();
        c.create("/plain", null);
        c.createWithStat("/withStat", null, CreateOptions.DEFAULT);
        c.create("/box", null, CreateOptions.DEFAULT.container());
        c.exists("/plain");
        c.get("/plain");
        c.getChildren("/");
        c.getChildrenWithStat("/", null);
        c.getAcls("/plain");
        c.set("/plain", bytes("v"));
        c.setAcls("/plain", Acls.OPEN_ACL_UNSAFE, -1);
        c.sync("/plain");
        c.transaction().create("/tx", null).commit();
        c.multiRead(List.of(ReadOp.getData("/plain")));
        c.getAllChildrenNumber("/");
        c.getEphemerals("/");
        c.whoAmI();
        c.addAuth("digest", "u:p");
        c.delete("/plain");
        assertThat(recorder.events.stream().filter(e -> e.startsWith("done ")).map(e -> e.split(" ")[1]))
                .containsExactly("create", "create", "create", "exists", "get", "get_children", "get_children",
                        "get_acls", "set", "set_acls", "sync", "transaction", "multi_read", "get_all_children_number",
                        "get_ephemerals", "who_am_i", "add_auth", "delete");
    }

    @Test
    void watchCountsAreByKindAndFollowTheWatches() throws Exception {
        KazooClient c = client();
        c.create("/w", null);
        assertThat(c.watchCounts()).isEqualTo(WatchCounts.NONE);
        BlockingQueue<WatchedEvent> events = new LinkedBlockingQueue<>();
        c.get("/w", events::add);
        c.get("/w", e -> { });
        c.exists("/absent", events::add);
        c.getChildren("/w", events::add);
        c.addWatch("/w", AddWatchMode.PERSISTENT, e -> { });
        c.addWatch("/", AddWatchMode.PERSISTENT_RECURSIVE, e -> { });
        assertThat(c.watchCounts()).isEqualTo(new WatchCounts(2, 1, 1, 1, 1));
        assertThat(c.watchCounts().total()).isEqualTo(6);
        c.set("/w", bytes("x"));
        assertThat(events.poll(10, TimeUnit.SECONDS)).isNotNull();
        await(Duration.ofSeconds(5), "the data watches fired", () -> c.watchCounts().data() == 0);
        assertThat(c.watchCounts()).isEqualTo(new WatchCounts(0, 1, 1, 1, 1));
    }

    @Test
    void failuresOnAStoppedClientAreObservedToo() {
        Recorder recorder = new Recorder();
        KazooClient c = track(builder().requestObserver(recorder).build());
        AsyncResult<Stat> r = c.existsAsync("/");
        assertThat(r.exception()).isNotInstanceOf(NoNodeException.class);
        assertThat(recorder.events).containsExactly("start exists /",
                "done exists SESSIONEXPIRED ConnectionClosedException started-on=" + Thread.currentThread().getName());
    }

    @Test
    void countersMoveWithTraffic() throws Exception {
        KazooClient c = client();
        ClientStats stats = c.stats();
        long sentBefore = stats.bytesSent();
        long receivedBefore = stats.bytesReceived();
        c.create("/w", null);
        BlockingQueue<WatchedEvent> events = new LinkedBlockingQueue<>();
        c.get("/w", events::add);
        c.set("/w", bytes("x"));
        assertThat(events.poll(10, TimeUnit.SECONDS)).isNotNull();
        await(Duration.ofSeconds(5), "the watch counted", () -> stats.watchEventsDelivered() == 1);
        assertThat(stats.bytesSent()).isGreaterThan(sentBefore);
        assertThat(stats.bytesReceived()).isGreaterThan(receivedBefore);
        assertThat(stats.inFlightRequests()).isZero();
        assertThat(stats.queuedRequests()).isZero();
        assertThat(stats.sessionExpirations()).isZero();
    }
}
