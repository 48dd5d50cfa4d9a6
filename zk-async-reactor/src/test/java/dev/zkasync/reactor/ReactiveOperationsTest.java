package dev.zkasync.reactor;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.zkasync.client.CreateOptions;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.ReadOp;
import dev.zkasync.client.data.NodeData;
import dev.zkasync.client.exception.BadVersionException;
import dev.zkasync.client.exception.InvalidPathException;
import dev.zkasync.client.exception.NoNodeException;
import dev.zkasync.client.exception.NodeExistsException;
import dev.zkasync.client.exception.NotEmptyException;
import dev.zkasync.client.exception.RequestQueueFullException;
import dev.zkasync.test.ZooKeeperExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** Every operation as a Mono on a real server: values, typed errors, laziness, cancellation, threads. */
class ReactiveOperationsTest extends ReactiveTestSupport {
    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.perClass();

    @Override
    ZooKeeperExtension zk() {
        return zk;
    }

    @AfterEach
    void serverBack() {
        zk.server().resume();
        zk.server().startAgain(); // a test that stopped the server must not break the next one
    }

    @Test
    void eachOperationGivesItsValue() {
        KazooClient c = client();
        ReactiveKazooClient rx = ReactiveKazooClient.of(c);

        StepVerifier.create(rx.create("/a", bytes("1"))).expectNext("/a").verifyComplete();
        StepVerifier.create(rx.create("/b/c", bytes("x"), CreateOptions.DEFAULT.makepath())).expectNext("/b/c").verifyComplete();
        StepVerifier.create(rx.createWithStat("/d", null, CreateOptions.DEFAULT))
            .assertNext(n -> assertThat(n.path()).isEqualTo("/d")).verifyComplete();
        StepVerifier.create(rx.ensurePath("/e/f")).expectNext("/e/f").verifyComplete();
        StepVerifier.create(rx.exists("/a")).assertNext(s -> assertThat(s.version()).isZero()).verifyComplete();
        StepVerifier.create(rx.exists("/missing")).verifyComplete();
        StepVerifier.create(rx.get("/a")).assertNext(d -> assertThat(string(d.data())).isEqualTo("1")).verifyComplete();
        StepVerifier.create(rx.set("/a", bytes("2"))).assertNext(s -> assertThat(s.version()).isEqualTo(1)).verifyComplete();
        StepVerifier.create(rx.set("/a", bytes("3"), 1)).assertNext(s -> assertThat(s.version()).isEqualTo(2)).verifyComplete();
        StepVerifier.create(rx.getChildren("/b")).expectNext(List.of("c")).verifyComplete();
        StepVerifier.create(rx.getChildrenWithStat("/b"))
            .assertNext(n -> assertThat(n.stat().numChildren()).isEqualTo(1)).verifyComplete();
        StepVerifier.create(rx.getAcls("/a")).assertNext(a -> assertThat(a.acls()).isNotEmpty()).verifyComplete();
        StepVerifier.create(rx.getAcls("/a").flatMap(a -> rx.setAcls("/a", a.acls(), a.stat().aversion())))
            .assertNext(s -> assertThat(s.aversion()).isEqualTo(1)).verifyComplete();
        StepVerifier.create(rx.sync("/a")).expectNext("/a").verifyComplete();
        StepVerifier.create(rx.getAllChildrenNumber("/b")).expectNext(1).verifyComplete();
        StepVerifier.create(rx.multiRead(List.of(ReadOp.getData("/a"), ReadOp.exists("/missing"))))
            .assertNext(r -> {
                assertThat(string(((NodeData) r.get(0)).data())).isEqualTo("3");
                assertThat(r.get(1)).isNull();
            }).verifyComplete();
        StepVerifier.create(rx.inTransaction(tx -> tx.create("/t1", bytes("t")).create("/t2", bytes("t"))))
            .assertNext(r -> assertThat(r).containsExactly("/t1", "/t2")).verifyComplete();
        StepVerifier.create(rx.create("/eph", null, CreateOptions.DEFAULT.ephemeral()).then(rx.getEphemerals("/")))
            .assertNext(e -> assertThat(e).contains("/eph")).verifyComplete();
        StepVerifier.create(rx.whoAmI()).assertNext(ids -> assertThat(ids).isNotEmpty()).verifyComplete();
        StepVerifier.create(rx.addAuth("digest", "user:secret")).expectNext(true).verifyComplete();
        StepVerifier.create(rx.command("ruok")).expectNext("imok").verifyComplete();
        StepVerifier.create(rx.getConfig()).expectNextCount(1).verifyComplete();
        StepVerifier.create(rx.delete("/t1")).verifyComplete();
        StepVerifier.create(rx.delete("/t2", 0)).verifyComplete();
        StepVerifier.create(rx.delete("/b", -1, true)).verifyComplete();
        assertThat(c.exists("/b")).isNull();
    }

    @Test
    void errorsAreTheTypedExceptionsOfAsyncResult() {
        ReactiveKazooClient rx = ReactiveKazooClient.of(client());
        rx.create("/n", bytes("1")).block(WAIT);
        rx.create("/n/child", null).block(WAIT);

        StepVerifier.create(rx.get("/missing")).expectError(NoNodeException.class).verify(WAIT);
        StepVerifier.create(rx.create("/n", null)).expectError(NodeExistsException.class).verify(WAIT);
        StepVerifier.create(rx.set("/n", null, 7)).expectError(BadVersionException.class).verify(WAIT);
        StepVerifier.create(rx.delete("/n")).expectError(NotEmptyException.class).verify(WAIT);
        StepVerifier.create(rx.get("no-slash")).expectError(InvalidPathException.class).verify(WAIT);
        StepVerifier.create(rx.inTransaction(tx -> {
            throw new IllegalStateException("body failed");
        })).expectErrorMessage("body failed").verify(WAIT);
        // As commitAsync (and Kazoo): a failed transaction is a value, each operation's outcome.
        StepVerifier.create(rx.inTransaction(tx -> tx.create("/x", null).create("/n", null)))
            .assertNext(r -> assertThat(r.get(1)).isInstanceOf(NodeExistsException.class)).verifyComplete();
    }

    @Test
    void nothingIsSentUntilSubscriptionAndEachSubscriptionSendsAgain() throws Exception {
        KazooClient c = client();
        ReactiveKazooClient rx = ReactiveKazooClient.of(c);
        Mono<String> create = rx.create("/lazy", null);
        Mono<String> sequential = rx.create("/seq-", null, CreateOptions.DEFAULT.sequence());

        assertThat(c.exists("/lazy")).isNull();
        StepVerifier.create(create).expectNext("/lazy").verifyComplete();
        StepVerifier.create(create).expectError(NodeExistsException.class).verify(WAIT);
        StepVerifier.create(sequential.repeat(2)).expectNextCount(3).verifyComplete();
        assertThat(c.getChildren("/")).filteredOn(n -> n.startsWith("seq-")).hasSize(3);
    }

    @Test
    void signalsArriveOnTheClientsHandlerThread() {
        KazooClient c = client();
        ReactiveKazooClient rx = ReactiveKazooClient.of(c);
        List<Boolean> onHandler = new CopyOnWriteArrayList<>();

        StepVerifier.create(rx.create("/h", null).doOnNext(v -> onHandler.add(c.handler().inHandlerThread())))
            .expectNext("/h").verifyComplete();
        StepVerifier.create(rx.get("/missing").doOnError(e -> onHandler.add(c.handler().inHandlerThread())))
            .expectError(NoNodeException.class).verify(WAIT);
        assertThat(onHandler).containsExactly(true, true);
    }

    @Test
    void cancellingWhileQueuedGivesTheSlotBackAndNothingIsSent() throws Exception {
        KazooClient c = started(builder().maxQueuedRequests(5));
        ReactiveKazooClient rx = ReactiveKazooClient.of(c);
        zk.server().stop(); // requests wait for the reconnect in the queue
        await("the client is suspended", () -> !c.connected());

        for (int round = 0; round < 4; round++) {
            for (int i = 0; i < 5; i++) {
                StepVerifier.create(rx.create("/cancelled-" + round + "-" + i, null)).thenCancel().verify(WAIT);
            }
            await("the cancelled requests left the queue", () -> c.stats().queuedRequests() == 0);
        }
        // The queue is free again: five fit, the sixth is refused at once.
        List<Mono<String>> five = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(rx.create("/kept-" + i, null).cache());
            five.get(i).subscribe(v -> { }, e -> { });
        }
        StepVerifier.create(rx.create("/one-too-many", null)).expectError(RequestQueueFullException.class).verify(WAIT);

        zk.server().startAgain();
        for (Mono<String> m : five) {
            StepVerifier.create(m).expectNextCount(1).verifyComplete();
        }
        assertThat(c.getChildren("/")).noneMatch(n -> n.startsWith("cancelled-")).contains("kept-0", "kept-4");
    }

    @Test
    void cancellingAfterTheRequestWasSentStopsWaitingAndTheConnectionGoesOn() throws Exception {
        KazooClient c = client();
        ReactiveKazooClient rx = ReactiveKazooClient.of(c);
        zk.server().pause(); // the request goes out and no reply comes
        try {
            StepVerifier.create(rx.create("/sent", null))
                .then(() -> awaitQuietly(() -> c.stats().inFlightRequests() > 0))
                .thenCancel()
                .verify(WAIT);
        } finally {
            zk.server().resume();
        }
        await("the reply of the cancelled request came back", () -> c.stats().inFlightRequests() == 0);
        // ZooKeeper cannot withdraw a request it received: the create happened; the client is fine.
        StepVerifier.create(rx.exists("/sent")).expectNextCount(1).verifyComplete();
        StepVerifier.create(rx.get("/sent")).expectNextCount(1).verifyComplete();
    }

    @Test
    void cancellingAfterTheReplyIsHarmless() throws Exception {
        KazooClient c = client();
        ReactiveKazooClient rx = ReactiveKazooClient.of(c);
        AtomicInteger dropped = new AtomicInteger();
        Hooks.onNextDropped(v -> dropped.incrementAndGet());
        Hooks.onErrorDropped(e -> dropped.incrementAndGet());
        try {
            AtomicBoolean replied = new AtomicBoolean();
            // No demand: the reply arrives and waits in the Mono; then the subscriber cancels.
            StepVerifier.create(rx.create("/replied", null).doOnCancel(() -> replied.set(true)), 0)
                .then(() -> awaitQuietly(() -> c.exists("/replied") != null && c.stats().inFlightRequests() == 0))
                .thenCancel()
                .verify(WAIT);
            assertThat(replied).isTrue();
        } finally {
            Hooks.resetOnNextDropped();
            Hooks.resetOnErrorDropped();
        }
        assertThat(dropped).hasValue(0);
        StepVerifier.create(rx.get("/replied")).expectNextCount(1).verifyComplete();
    }

    @Test
    void aBufferSizeBelowOneIsRefused() {
        KazooClient c = KazooClient.builder().hosts("127.0.0.1:1").build();
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReactiveKazooClient.of(c, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eventBufferSize");
            assertThat(ReactiveKazooClient.of(c).eventBufferSize()).isEqualTo(ReactiveKazooClient.DEFAULT_EVENT_BUFFER_SIZE);
        } finally {
            c.close();
        }
    }

    private static void awaitQuietly(java.util.function.BooleanSupplier condition) {
        try {
            await("the condition", condition);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
