package dev.zkasync.client;

import org.junit.jupiter.api.Tag;
import dev.zkasync.client.data.NodeData;
import dev.zkasync.client.data.Stat;
import dev.zkasync.client.handler.AsyncResult;

import dev.zkasync.client.exception.ConnectionLossException;
import dev.zkasync.client.exception.NoAuthException;
import dev.zkasync.client.exception.NoNodeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Kazoo's "Asynchronous Usage" page, in Java, against a real server, under every handler. */
@Tag("server-matrix")
@ParameterizedClass
@EnumSource(HandlerKind.class)
class AsyncApiTest extends RealServerTest {

    @Test
    void theReadmeQuickStartRunsAsWritten() throws Exception {
        KazooClient seed = client();
        seed.create("/some");
        seed.create("/some/node");
        seed.create("/some/node/child");

        KazooClient zk = track(builder().build());
        zk.startAsync().await(Duration.ofSeconds(30));
        if (!zk.connected()) {
            zk.stop();
            throw new IllegalStateException("Unable to connect.");
        }
        BlockingQueue<List<String>> got = new LinkedBlockingQueue<>();
        AsyncResult<List<String>> async = zk.getChildrenAsync("/some/node");
        async.rawlink(result -> {
            try {
                List<String> children = result.get();
                got.add(children);
            } catch (ConnectionLossException | NoAuthException e) {
                throw new IllegalStateException("Can not connect.", e);
            }
        });
        assertThat(got.poll(10, TimeUnit.SECONDS)).containsExactly("child");
    }

    @Test
    void callbacksRunOnTheHandlerInCompletionOrder() throws Exception {
        KazooClient c = client();
        c.create("/n");
        BlockingQueue<String> order = new LinkedBlockingQueue<>();
        List<AsyncResult<Stat>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int n = i;
            AsyncResult<Stat> r = c.existsAsync("/n");
            r.rawlink(x -> order.add(n + " " + Thread.currentThread().getName()
                    + (Thread.currentThread().isVirtual() ? " virtual" : "")));
            results.add(r);
        }
        for (int i = 0; i < 200; i++) {
            String line = order.poll(10, TimeUnit.SECONDS);
            assertThat(line).startsWith(i + " " + handlerKind.threadPrefix());
            assertThat(line.endsWith(" virtual")).isEqualTo(handlerKind == HandlerKind.VIRTUAL);
        }
    }

    @Test
    void aCallbackMayBlockOnAnotherResult() throws Exception {
        requireBlockingCallbacks("the callback waits for another reply");
        KazooClient c = client();
        c.create("/a", bytes("A"));
        c.create("/b", bytes("B"));
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        c.getAsync("/a").rawlink(r -> got.add(string(r.get().data()) + string(c.get("/b").data())));
        assertThat(got.poll(10, TimeUnit.SECONDS)).isEqualTo("AB");
    }

    @Test
    void aRequestFromACallbackIsSentEvenWhileThatCallbackBlocksOnSomethingElse() throws Exception {
        // Requests made in callbacks are sent when the handler's burst ends; a callback that then
        // blocks on something other than a result must not hold its request back for good.
        requireBlockingCallbacks("the callback waits on a latch");
        KazooClient c = client();
        KazooClient observer = client();
        c.create("/start");
        java.util.concurrent.CountDownLatch seenByAnother = new java.util.concurrent.CountDownLatch(1);
        // The other client's watch (on its own handler) sees the creation and lets the callback go.
        assertThat(observer.exists("/made-in-callback", event -> seenByAnother.countDown())).isNull();
        BlockingQueue<Boolean> got = new LinkedBlockingQueue<>();
        c.existsAsync("/start").rawlink(r -> {
            c.createAsync("/made-in-callback", new byte[0]);
            try {
                got.add(seenByAnother.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(got.poll(10, TimeUnit.SECONDS)).as("the node was created while its callback was blocked").isTrue();
    }

    @Test
    void manyChainsOfCallbacksEachIssuingTheNextRequestAllFinish() throws Exception {
        // 200 chains keep well over 64 requests on the wire, so requests made in callbacks wait for
        // the loop's next read instead of waking it; as the chains end, fewer are in flight and the
        // last ones must still go out. Every chain has to reach its end.
        KazooClient c = client();
        c.create("/n", bytes("v"));
        int chains = 200;
        int steps = 25;
        java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(chains);
        java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
        for (int i = 0; i < chains; i++) {
            new Object() {
                int left = steps;

                void next() {
                    c.getAsync("/n").rawlink(r -> {
                        if (!r.successful()) {
                            failures.incrementAndGet();
                        }
                        if (--left == 0) {
                            finished.countDown();
                        } else {
                            next();
                        }
                    });
                }
            }.next();
        }
        assertThat(finished.await(60, TimeUnit.SECONDS)).as("every chain finished").isTrue();
        assertThat(failures).hasValue(0);
        assertThat(c.stats().inFlightRequests()).isZero();
    }

    @Test
    void completionStagesRunOffTheIoThread() throws Exception {
        KazooClient c = client();
        c.create("/n", bytes("v"));
        CompletableFuture<String> thread = c.getAsync("/n")
                .thenApply(d -> string(d.data()) + " " + Thread.currentThread().getName())
                .toCompletableFuture();
        assertThat(thread.get(10, TimeUnit.SECONDS)).startsWith("v ");
        if (handlerKind != HandlerKind.DIRECT) { // where it runs them on the I/O thread, on purpose
            assertThat(thread.get()).doesNotContain("zk-async-io");
        }
        CompletableFuture<Throwable> failure = c.getAsync("/missing")
                .handle((v, e) -> e).toCompletableFuture();
        assertThat(failure.get(10, TimeUnit.SECONDS)).isInstanceOf(NoNodeException.class);
    }

    @Test
    void resultStatesAndTimedWaits() {
        KazooClient c = client();
        AsyncResult<NodeData> missing = c.getAsync("/missing");
        assertThat(missing.await(Duration.ofSeconds(10))).isTrue();
        assertThat(missing.ready()).isTrue();
        assertThat(missing.successful()).isFalse();
        assertThat(missing.value()).isNull();
        assertThat(missing.exception()).isInstanceOf(NoNodeException.class);
        assertThatThrownBy(missing::get).isInstanceOf(NoNodeException.class);
        assertThatThrownBy(missing::getNow).isInstanceOf(NoNodeException.class);

        AsyncResult<Stat> root = c.existsAsync("/");
        assertThat(root.get(Duration.ofSeconds(10))).isNotNull();
        assertThat(root.getNow()).isNotNull();
        assertThat(root.successful()).isTrue();
        assertThat(root.isDone()).isTrue();
    }

    @Test
    void manyConcurrentCallersShareOneSession() throws Exception {
        KazooClient c = client();
        c.create("/counter");
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 50; t++) {
            int id = t;
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 20; i++) {
                    c.create("/counter/t" + id + "-" + i, null);
                }
            }));
        }
        for (Thread t : threads) {
            t.join(30_000);
        }
        assertThat(c.getChildren("/counter")).hasSize(1000);
    }
}
