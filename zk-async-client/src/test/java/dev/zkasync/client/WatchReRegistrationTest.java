package dev.zkasync.client;

import org.junit.jupiter.api.Tag;
import dev.zkasync.client.data.Stat;
import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.client.watch.EventType;
import dev.zkasync.client.watch.Watcher;
import dev.zkasync.test.FaultProxy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Re-arming more watches after a reconnect than one SetWatches2 request may carry, against a real server. */
@Tag("server-matrix")
class WatchReRegistrationTest extends RealServerTest {

    @Test
    void watchesTooManyForOneRequestAreAllReArmedAndEachFiresOnce() throws Exception {
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", zk.server().port())) {
            KazooClient c = started(builder(proxy.connectString(zk.chroot())));
            KazooClient other = client();
            // 1,200 paths of a thousand characters: more than the server takes in one frame (its
            // jute.maxbuffer, 1 MiB by default), so the watches must go back in several requests.
            String stem = "/" + "w".repeat(1000) + "-";
            int count = 1200;
            Set<String> fired = ConcurrentHashMap.newKeySet();
            AtomicInteger events = new AtomicInteger();
            Watcher watcher = e -> {
                if (e.type() == EventType.CREATED) {
                    fired.add(e.path());
                }
                events.incrementAndGet();
            };
            List<AsyncResult<Stat>> watched = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                watched.add(c.existsAsync(stem + i, watcher));
            }
            for (AsyncResult<Stat> r : watched) {
                assertThat(r.get()).isNull();
            }
            BlockingQueue<KazooState> states = new LinkedBlockingQueue<>();
            c.addListener(states::add);

            proxy.dropConnections();
            assertThat(states.poll(20, TimeUnit.SECONDS)).isEqualTo(KazooState.SUSPENDED);
            assertThat(states.poll(20, TimeUnit.SECONDS)).isEqualTo(KazooState.CONNECTED);

            List<AsyncResult<String>> created = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                created.add(other.createAsync(stem + i, null));
            }
            for (AsyncResult<String> r : created) {
                r.get();
            }
            await(Duration.ofSeconds(30), "a CREATED event for every watched path", () -> fired.size() == count);
            assertThat(fired).contains(stem + 0, stem + (count - 1));
            assertThat(events.get()).as("one event per watch, nothing else").isEqualTo(count);
        }
    }
}
