package dev.zkasync.client;

import dev.zkasync.client.data.Stat;
import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.handler.DirectHandler;
import dev.zkasync.client.recipe.DataWatch;
import dev.zkasync.client.recipe.KazooRecipes;
import dev.zkasync.client.recipe.Lock;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.client.watch.EventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link DirectHandler} against a real server: user code on the I/O thread, and its guard rails. */
class DirectHandlerServerTest extends RealServerTest {
    private PrintStream originalErr;
    private ByteArrayOutputStream captured;

    DirectHandlerServerTest() {
        handlerKind = HandlerKind.DIRECT;
    }

    @AfterEach
    void restoreErr() {
        if (originalErr != null) {
            System.setErr(originalErr);
        }
    }

    @Test
    void callbacksWatchesAndListenersRunOnTheIoThreadInOrder() throws Exception {
        KazooClient c = track(builder().build());
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        c.addListener(state -> seen.add("state " + state + " on " + thread()));
        c.start(Duration.ofSeconds(30));
        String connected = seen.poll(10, TimeUnit.SECONDS);
        assertThat(connected).startsWith("state CONNECTED on zk-async-io");
        String io = connected.substring(connected.indexOf(" on ") + 4);
        c.ensurePath("/");
        c.create("/n", bytes("1"));
        c.get("/n", event -> seen.add("watch " + event.type() + " on " + thread()));
        // Submitted and linked from the I/O thread (inside a watch), so no reply can be in before its
        // link: linked from this thread, a fast reply would run its callback here instead.
        c.exists("/go", go -> {
            c.setAsync("/n", bytes("2")).rawlink(r -> seen.add("set reply on " + thread()));
            c.getAsync("/n").rawlink(r -> seen.add("get reply " + string(r.get().data()) + " on " + thread()));
        });
        c.create("/go");
        // One session, one event loop: the same thread, in the order of the wire.
        assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("watch " + EventType.CHANGED + " on " + io);
        assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("set reply on " + io);
        assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("get reply 2 on " + io);
    }

    @Test
    void aPipelineOfChainedRequestsRunsOnTheIoThreadWithoutWaiting() throws Exception {
        KazooClient c = client();
        c.create("/counter", bytes("0"));
        CompletableFuture<Integer> done = new CompletableFuture<>();
        // Started inside a watch, on the I/O thread: linked from the test's thread, a reply already
        // in would run its callback here, and the whole chain with it.
        c.exists("/go", event -> chain(c, 0, 500, done));
        c.create("/go");
        assertThat(done.get(60, TimeUnit.SECONDS)).isEqualTo(500);
        assertThat(string(c.get("/counter").data())).isEqualTo("500");
    }

    private static void chain(KazooClient c, int i, int last, CompletableFuture<Integer> done) {
        if (i == last) {
            done.complete(i);
            return;
        }
        c.setAsync("/counter", bytes(Integer.toString(i + 1))).rawlink(r -> {
            if (!r.successful()) {
                done.completeExceptionally(r.exception());
            } else if (!thread().startsWith("zk-async-io")) {
                // Linked on the I/O thread, the reply can only be read after: the callback runs there.
                done.completeExceptionally(new AssertionError("ran on " + thread()));
            } else {
                chain(c, i + 1, last, done);
            }
        });
    }

    @Test
    void recipesWorkThroughTheirAsyncFormsOnTheIoThread() throws Exception {
        KazooClient c = client();
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        new DataWatch(c, "/watched", (data, stat, event) -> seen.add(string(data) + " on " + thread()));
        // The first call may run on this thread (its read can be answered before the watch links to
        // it); the event's call runs on the I/O thread.
        assertThat(seen.poll(10, TimeUnit.SECONDS)).startsWith("null on ");
        c.create("/watched", bytes("v1"));
        assertThat(seen.poll(10, TimeUnit.SECONDS)).startsWith("v1 on zk-async-io");
        Lock lock = KazooRecipes.of(c).lock("/lock", "me");
        CompletableFuture<Boolean> acquired = new CompletableFuture<>();
        c.exists("/go", event -> lock.acquireAsync().rawlink(a -> acquired.complete(a.get())));
        c.create("/go");
        assertThat(acquired.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(lock.isAcquired()).isTrue();
        assertThat(lock.releaseAsync().get(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void everyBlockingCallInsideACallbackFailsAtOnceNamingTheHandler() throws Exception {
        KazooClient c = client();
        c.create("/a", bytes("A"));
        KazooRecipes recipes = KazooRecipes.of(c);
        Map<String, Supplier<Object>> calls = new java.util.LinkedHashMap<>();
        calls.put("sync method", () -> c.get("/a"));
        calls.put("get()", () -> c.getAsync("/a").get());
        calls.put("get(timeout)", () -> c.getAsync("/a").get(Duration.ofSeconds(15)));
        calls.put("await(timeout)", () -> c.getAsync("/a").await(Duration.ofSeconds(15)));
        calls.put("blocking recipe form", () -> recipes.lock("/lock", "me").acquire());
        Map<String, Throwable> failures = new ConcurrentHashMap<>();
        Map<String, Long> millis = new ConcurrentHashMap<>();
        AsyncResult<Stat> complete = c.existsAsync("/a");
        complete.get();
        CompletableFuture<String> ownResult = new CompletableFuture<>();
        CompletableFuture<Void> finished = new CompletableFuture<>();
        // A watch event runs on the I/O thread, where no reply can come in while the callback runs.
        c.exists("/trigger", event -> {
            ownResult.complete(complete.get() == null ? "missing" : "exists"); // complete: no wait
            for (Map.Entry<String, Supplier<Object>> call : calls.entrySet()) {
                long start = System.nanoTime();
                try {
                    call.getValue().get();
                } catch (Throwable e) {
                    failures.put(call.getKey(), e);
                }
                millis.put(call.getKey(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            }
            finished.complete(null);
        });
        c.create("/trigger");
        finished.get(30, TimeUnit.SECONDS);
        assertThat(ownResult.get()).isEqualTo("exists");
        assertThat(failures).containsOnlyKeys(calls.keySet());
        for (Map.Entry<String, Throwable> f : failures.entrySet()) {
            assertThat(f.getValue()).as(f.getKey()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("direct_handler");
            assertThat(millis.get(f.getKey())).as(f.getKey() + " failed at once").isLessThan(5_000);
        }
        // The I/O thread was never held: the client goes on working.
        assertThat(string(c.get("/a").data())).isEqualTo("A");
    }

    @Test
    void aSlowCallbackIsReportedWithItsDuration() throws Exception {
        KazooClient c = started(builder().handler(new DirectHandler(Duration.ofMillis(50))));
        c.create("/slow");
        captureErr();
        CompletableFuture<Void> ran = new CompletableFuture<>();
        // A watch event: it always arrives on the I/O thread, never on the caller's.
        c.exists("/slow", event -> {
            sleep(150);
            ran.complete(null);
        });
        c.delete("/slow");
        ran.get(10, TimeUnit.SECONDS);
        await(Duration.ofSeconds(10), "the slow-callback warning", () -> err().contains("a callback ran for"));
        String line = err().lines().filter(l -> l.contains("a callback ran for")).findFirst().orElseThrow();
        assertThat(line).contains("WARN").contains("direct_handler").contains("zk-async-io").contains("threshold 50 ms");
        long reported = Long.parseLong(line.replaceAll(".*a callback ran for (\\d+) ms.*", "$1"));
        assertThat(reported).isGreaterThanOrEqualTo(150);
    }

    @Test
    void aFastCallbackIsNotReported() throws Exception {
        KazooClient c = client();
        captureErr();
        List<AsyncResult<Stat>> results = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            results.add(c.existsAsync("/"));
            results.get(i).rawlink(r -> { });
        }
        for (AsyncResult<Stat> r : results) {
            r.get();
        }
        c.get("/"); // one more round trip: every callback above has returned
        assertThat(err()).doesNotContain("a callback ran for");
    }

    @Test
    void aThrowingCallbackIsReportedAndTheIoThreadGoesOn() throws Exception {
        KazooClient c = client();
        BlockingQueue<KazooState> states = new LinkedBlockingQueue<>();
        c.addListener(states::add);
        captureErr();
        CompletableFuture<String> after = new CompletableFuture<>();
        // Watch events: on the I/O thread, the first one throwing, the next one still called.
        c.exists("/boom", event -> {
            throw new IllegalArgumentException("boom from a callback");
        });
        c.exists("/after", event -> after.complete(thread()));
        c.create("/boom");
        c.create("/after");
        assertThat(after.get(10, TimeUnit.SECONDS)).startsWith("zk-async-io");
        await(Duration.ofSeconds(10), "the error report", () -> err().contains("boom from a callback"));
        assertThat(err()).contains("ERROR").contains("callback threw");
        // Still connected, still answering.
        assertThat(c.connected()).isTrue();
        assertThat(states).doesNotContain(KazooState.SUSPENDED, KazooState.LOST);
        assertThat(c.exists("/")).isNotNull();
    }

    private void captureErr() {
        originalErr = System.err;
        captured = new ByteArrayOutputStream();
        PrintStream tee = new PrintStream(new java.io.OutputStream() {
            @Override
            public synchronized void write(int b) {
                captured.write(b);
                originalErr.write(b);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                captured.write(b, off, len);
                originalErr.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8);
        System.setErr(tee);
    }

    private String err() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static String thread() {
        return Thread.currentThread().getName();
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
