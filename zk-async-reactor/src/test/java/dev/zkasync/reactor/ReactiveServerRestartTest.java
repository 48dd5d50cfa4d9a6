package dev.zkasync.reactor;

import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.zkasync.client.KazooClient;
import dev.zkasync.client.data.NodeData;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.client.watch.AddWatchMode;
import dev.zkasync.client.watch.EventType;
import dev.zkasync.test.ZooKeeperExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** The streams across a restart of the server (one of this class's own): the session survives it. */
class ReactiveServerRestartTest extends ReactiveTestSupport {
    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.perClass();

    @Override
    ZooKeeperExtension zk() {
        return zk;
    }

    @AfterEach
    void serverBack() {
        zk.server().startAgain();
    }

    private static void awaitState(BlockingQueue<KazooState> states, KazooState wanted) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        KazooState s;
        do {
            s = states.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(s).as("waiting for " + wanted).isNotNull();
        } while (s != wanted);
    }

    @Test
    void aWatchStreamRidesOutARestartAndMissesNoChangeMadeAfterTheReconnect() throws Exception {
        KazooClient c = client();
        KazooClient writer = client();
        ReactiveKazooClient rx = ReactiveKazooClient.of(c);
        c.create("/w", bytes("0"));
        BlockingQueue<KazooState> states = new LinkedBlockingQueue<>();
        Disposable stateStream = rx.states().subscribe(states::add);
        int changes = 50;

        try {
            StepVerifier.create(rx.watch("/w", AddWatchMode.PERSISTENT_RECURSIVE))
                .then(() -> c.set("/w", bytes("before")))
                .expectNextMatches(e -> e.type() == EventType.CHANGED)
                .then(() -> restart(states))
                .then(() -> {
                    for (int i = 0; i < changes; i++) {
                        writer.create("/w/n" + i, null);
                    }
                })
                .thenConsumeWhile(e -> e.type() == EventType.CREATED && !e.path().equals("/w/n" + (changes - 1)),
                        e -> assertThat(e.path()).startsWith("/w/n"))
                .expectNextMatches(e -> e.path().equals("/w/n" + (changes - 1)))
                .thenCancel()
                .verify(WAIT);
        } finally {
            stateStream.dispose();
        }
    }

    @Test
    void everyChangeAfterTheReconnectArrivesInOrder() throws Exception {
        KazooClient c = client();
        KazooClient writer = client();
        ReactiveKazooClient rx = ReactiveKazooClient.of(c);
        c.create("/o", bytes("0"));
        BlockingQueue<KazooState> states = new LinkedBlockingQueue<>();
        Disposable stateStream = rx.states().subscribe(states::add);
        BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
        Disposable watch = rx.watch("/o", AddWatchMode.PERSISTENT).subscribe(seen::add, seen::add, () -> seen.add("done"));
        c.sync("/o"); // the add went before this on the same session
        try {
            restart(states);
            for (int i = 1; i <= 20; i++) {
                writer.set("/o", bytes(Integer.toString(i)));
            }
            for (int i = 1; i <= 20; i++) {
                Object next = seen.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(next).as("change " + i).isInstanceOf(dev.zkasync.client.watch.WatchedEvent.class);
                assertThat(((dev.zkasync.client.watch.WatchedEvent) next).type()).isEqualTo(EventType.CHANGED);
            }
            assertThat(c.get("/o").stat().version()).isEqualTo(20);
            assertThat(seen).as("nothing more, no error, no completion").isEmpty();
        } finally {
            watch.dispose();
            stateStream.dispose();
        }
    }

    @Test
    void dataAndStatesFollowTheRestart() throws Exception {
        KazooClient c = client();
        KazooClient writer = client();
        ReactiveKazooClient rx = ReactiveKazooClient.of(c);
        c.create("/cfg", bytes("1"));
        BlockingQueue<KazooState> states = new LinkedBlockingQueue<>();
        Disposable stateStream = rx.states().subscribe(states::add);
        try {
            StepVerifier.create(rx.data("/cfg").map(v -> v.map(NodeData::data).map(ReactiveTestSupport::string)))
                .expectNext(Optional.of("1"))
                .then(() -> {
                    zk.server().stop();
                    awaitQuietly(states, KazooState.SUSPENDED);
                    zk.server().startAgain();
                    awaitQuietly(states, KazooState.CONNECTED);
                    writer.set("/cfg", bytes("2"));
                })
                .expectNext(Optional.of("2"))
                .thenCancel()
                .verify(WAIT);
        } finally {
            stateStream.dispose();
        }
    }

    private static void restart(BlockingQueue<KazooState> states) {
        zk.server().stop();
        awaitQuietly(states, KazooState.SUSPENDED);
        zk.server().startAgain();
        awaitQuietly(states, KazooState.CONNECTED);
    }

    private static void awaitQuietly(BlockingQueue<KazooState> states, KazooState wanted) {
        try {
            awaitState(states, wanted);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
