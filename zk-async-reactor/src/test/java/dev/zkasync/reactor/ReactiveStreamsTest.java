package dev.zkasync.reactor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.zkasync.client.KazooClient;
import dev.zkasync.client.data.NodeData;
import dev.zkasync.client.exception.NoNodeException;
import dev.zkasync.client.exception.NoWatcherException;
import dev.zkasync.client.recipe.TreeEvent;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.client.watch.AddWatchMode;
import dev.zkasync.client.watch.EventType;
import dev.zkasync.client.watch.WatchedEvent;
import dev.zkasync.client.watch.WatcherType;
import dev.zkasync.test.ZooKeeperExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The streams on a real server: contents, ends, threads, backpressure, many subscribers. */
class ReactiveStreamsTest extends ReactiveTestSupport {
    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.shared();

    @Override
    ZooKeeperExtension zk() {
        return zk;
    }

    private static boolean changed(WatchedEvent e, String path) {
        return e.type() == EventType.CHANGED && e.path().equals(path);
    }

    private static String value(Optional<NodeData> v) {
        return v.map(d -> string(d.data())).orElse(null);
    }

    @Test
    void statesStartWithTheStateNowAndFollowTheClient() {
        KazooClient c = client();
        ReactiveKazooClient rx = ReactiveKazooClient.of(c);
        List<Boolean> onHandler = new CopyOnWriteArrayList<>();

        StepVerifier.create(rx.states().doOnNext(s -> onHandler.add(c.handler().inHandlerThread())))
            .expectNext(KazooState.CONNECTED)
            .then(() -> assertThat(onHandler).containsExactly(true))
            .then(c::stop) // the handler stops with the client: LOST comes on a thread of its own
            .expectNext(KazooState.LOST)
            .thenCancel()
            .verify(WAIT);
    }

    @Test
    void aPersistentWatchStreamsEveryEventAndIsRemovedFromTheServerWithItsLastSubscriber() throws Exception {
        KazooClient c = client();
        ReactiveKazooClient rx = ReactiveKazooClient.of(c);
        c.create("/w", bytes("0"));
        Flux<WatchedEvent> watch = rx.watch("/w", AddWatchMode.PERSISTENT_RECURSIVE);
        List<Boolean> onHandler = new CopyOnWriteArrayList<>();

        Disposable other = watch.subscribe();
        StepVerifier.create(watch.doOnNext(e -> onHandler.add(c.handler().inHandlerThread())))
            .then(() -> {
                c.set("/w", bytes("1"));
                c.create("/w/child", null);
                c.delete("/w/child");
            })
            .expectNextMatches(e -> changed(e, "/w"))
            .expectNextMatches(e -> e.type() == EventType.CREATED && e.path().equals("/w/child"))
            .expectNextMatches(e -> e.type() == EventType.DELETED && e.path().equals("/w/child"))
            .thenCancel()
            .verify(WAIT);
        assertThat(onHandler).hasSize(3).containsOnly(true);

        c.checkWatches("/w", WatcherType.PERSISTENT_RECURSIVE); // the other subscriber still has it
        other.dispose();
        await("the server's watch is gone", () -> {
            try {
                c.checkWatches("/w", WatcherType.PERSISTENT_RECURSIVE);
                return false;
            } catch (NoWatcherException e) {
                return true;
            }
        });
    }

    @Test
    void aWatchThatCannotBeAddedFails() {
        ReactiveKazooClient rx = ReactiveKazooClient.of(client());
        StepVerifier.create(rx.watch("bad path", AddWatchMode.PERSISTENT)).expectError().verify(WAIT);
        assertThatThrownBy(() -> rx.watch("/x", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void dataStreamsTheLatestValueAndDeletionAsAnEmptyElement() {
        KazooClient c = client();
        ReactiveKazooClient rx = ReactiveKazooClient.of(c);
        List<Boolean> onHandler = new CopyOnWriteArrayList<>();

        StepVerifier.create(rx.data("/d").doOnNext(v -> onHandler.add(c.handler().inHandlerThread())))
            .expectNext(Optional.empty())
            .then(() -> c.create("/d", bytes("1")))
            .assertNext(v -> assertThat(value(v)).isEqualTo("1"))
            .then(() -> c.set("/d", bytes("2")))
            .assertNext(v -> assertThat(value(v)).isEqualTo("2"))
            .then(() -> c.delete("/d"))
            .expectNext(Optional.empty())
            .then(() -> c.create("/d", bytes("again")))
            .assertNext(v -> assertThat(value(v)).isEqualTo("again"))
            .thenCancel()
            .verify(WAIT);
        assertThat(onHandler).containsOnly(true);
    }

    @Test
    void aSlowSubscriberOfDataSeesTheNewestValueAndNothingPilesUp() throws Exception {
        KazooClient c = client();
        ReactiveKazooClient rx = ReactiveKazooClient.of(c);
        c.create("/slow", bytes("0"));
        List<String> seen = new CopyOnWriteArrayList<>();
        BaseSubscriber<Optional<NodeData>> slow = new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(org.reactivestreams.Subscription s) {
                request(1);
            }

            @Override
            protected void hookOnNext(Optional<NodeData> v) {
                seen.add(value(v));
            }
        };
        rx.data("/slow").subscribe(slow);
        List<String> fast = new CopyOnWriteArrayList<>();
        Disposable probe = rx.data("/slow").subscribe(v -> fast.add(value(v)));
        try {
            await("the slow subscriber has its first value", () -> seen.size() == 1);
            for (int i = 1; i <= 100; i++) {
                c.set("/slow", bytes(Integer.toString(i)));
            }
            await("an unbounded subscriber saw the last value", () -> fast.contains("100"));

            slow.request(Long.MAX_VALUE);
            await("the slow subscriber saw the last value", () -> seen.contains("100"));
            assertThat(seen.get(0)).isEqualTo("0");
            assertThat(seen).as("conflated: the values in between were skipped").hasSizeLessThan(10);
            assertThat(seen.get(seen.size() - 1)).isEqualTo("100");
        } finally {
            slow.dispose();
            probe.dispose();
        }
    }

    @Test
    void childrenStreamTheListAndCompleteWhenTheNodeIsDeleted() {
        KazooClient c = client();
        ReactiveKazooClient rx = ReactiveKazooClient.of(c);
        c.create("/p");

        StepVerifier.create(rx.children("/p"))
            .expectNext(List.of())
            .then(() -> c.create("/p/a"))
            .expectNext(List.of("a"))
            .then(() -> c.delete("/p", -1, true))
            // The child goes first; whether its empty list is read before the node goes too is a race,
            // and conflation keeps only the newest state: at most an empty list, then the end.
            .thenConsumeWhile(List::isEmpty)
            .expectComplete()
            .verify(WAIT);
        StepVerifier.create(rx.children("/never")).expectError(NoNodeException.class).verify(WAIT);
    }

    @Test
    void treeCacheEventsStreamTheLoadThenEveryChange() {
        KazooClient c = client();
        ReactiveKazooClient rx = ReactiveKazooClient.of(c);
        c.create("/tree/a", bytes("a"), dev.zkasync.client.CreateOptions.DEFAULT.makepath());

        StepVerifier.create(rx.treeCache("/tree").map(TreeEvent::type))
            .expectNext(TreeEvent.Type.NODE_ADDED, TreeEvent.Type.NODE_ADDED, TreeEvent.Type.INITIALIZED)
            .then(() -> c.set("/tree/a", bytes("b")))
            .expectNext(TreeEvent.Type.NODE_UPDATED)
            .then(() -> c.delete("/tree/a"))
            .expectNext(TreeEvent.Type.NODE_REMOVED)
            .thenCancel()
            .verify(WAIT);
    }

    @Test
    void aSubscriberThatFallsBehindAnEventStreamGetsAClearOverflowError() throws Exception {
        KazooClient c = client();
        ReactiveKazooClient rx = ReactiveKazooClient.of(c, 8);
        c.create("/busy", null);

        StepVerifier.create(rx.watch("/busy", AddWatchMode.PERSISTENT), 0)
            .then(() -> {
                for (int i = 0; i < 30; i++) {
                    c.setAsync("/busy", bytes(Integer.toString(i)));
                }
            })
            .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(EventOverflowException.class)
                .hasMessageContaining("watch on /busy").hasMessageContaining("8 events"))
            .verify(WAIT);
        await("the overflowed stream removed its watch", () -> {
            try {
                c.checkWatches("/busy", WatcherType.PERSISTENT);
                return false;
            } catch (NoWatcherException e) {
                return true;
            }
        });
    }

    @Test
    void eventsHeldForASubscriberWithoutDemandComeInOrderOnTheHandlerWhenItRequestsFromAnotherThread() {
        KazooClient c = client();
        ReactiveKazooClient rx = ReactiveKazooClient.of(c, 8);
        c.create("/held", null);
        List<Boolean> onHandler = new CopyOnWriteArrayList<>();

        StepVerifier.create(rx.watch("/held", AddWatchMode.PERSISTENT_RECURSIVE)
                .doOnNext(e -> onHandler.add(c.handler().inHandlerThread())), 0)
            .then(() -> {
                for (int i = 0; i < 6; i++) {
                    c.create("/held/n" + i, null); // six events: within the buffer of eight
                }
            })
            .thenRequest(6) // from the test's thread
            .expectNextMatches(e -> e.path().equals("/held/n0"))
            .expectNextMatches(e -> e.path().equals("/held/n1"))
            .expectNextMatches(e -> e.path().equals("/held/n2"))
            .expectNextMatches(e -> e.path().equals("/held/n3"))
            .expectNextMatches(e -> e.path().equals("/held/n4"))
            .expectNextMatches(e -> e.path().equals("/held/n5"))
            .thenCancel()
            .verify(WAIT);
        assertThat(onHandler).hasSize(6).containsOnly(true);
    }

    @Test
    void aThousandSubscribersOnOnePathEachSeeTheChange() throws Exception {
        KazooClient c = client();
        KazooClient writer = client();
        ReactiveKazooClient rx = ReactiveKazooClient.of(c);
        c.create("/hot", bytes("0"));
        int n = 1000;
        AtomicInteger watchEvents = new AtomicInteger();
        AtomicInteger latest = new AtomicInteger();
        AtomicInteger offHandler = new AtomicInteger();
        List<Disposable> subscriptions = new ArrayList<>();
        Flux<WatchedEvent> watch = rx.watch("/hot", AddWatchMode.PERSISTENT);
        Flux<Optional<NodeData>> data = rx.data("/hot");
        for (int i = 0; i < n; i++) {
            subscriptions.add(watch.subscribe(e -> {
                if (!c.handler().inHandlerThread()) {
                    offHandler.incrementAndGet();
                }
                watchEvents.incrementAndGet();
            }));
            subscriptions.add(data.subscribe(v -> {
                if ("1".equals(value(v))) {
                    latest.incrementAndGet();
                }
            }));
        }
        // The adds went out before this request on the same session, so the server has them all.
        c.sync("/hot");
        writer.set("/hot", bytes("1"));
        await("every watch subscriber saw the change", () -> watchEvents.get() == n);
        await("every data subscriber saw the new value", () -> latest.get() == n);
        assertThat(offHandler).hasValue(0);

        subscriptions.forEach(Disposable::dispose);
        await("the last cancel removed the server's watch", () -> {
            try {
                c.checkWatches("/hot", WatcherType.PERSISTENT);
                return false;
            } catch (NoWatcherException e) {
                return true;
            }
        });
    }
}
