package dev.zkasync.client.handler;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link DirectHandler} without a server: where and in which order tasks run, and the blocking guard. */
class DirectHandlerTest {
    private final DirectHandler handler = new DirectHandler();

    @Test
    void runsTasksAtOnceOnTheDispatchingThread() throws Exception {
        CompletableFuture<Thread> ranOn = new CompletableFuture<>();
        Thread dispatcher = Thread.ofPlatform().start(() -> handler.dispatch(() -> ranOn.complete(Thread.currentThread())));
        dispatcher.join();
        assertThat(ranOn.getNow(null)).isSameAs(dispatcher);
    }

    @Test
    void aTaskDispatchedFromATaskRunsAfterItNotInsideIt() {
        List<String> order = new ArrayList<>();
        DirectHandler other = new DirectHandler();
        handler.dispatch(() -> {
            order.add("outer begins");
            handler.dispatch(() -> order.add("first nested"));
            other.dispatch(() -> order.add("nested of another handler"));
            handler.dispatch(() -> order.add("second nested"));
            order.add("outer ends");
        });
        assertThat(order).containsExactly("outer begins", "outer ends", "first nested", "nested of another handler",
                "second nested");
    }

    @Test
    void knowsWhenTheCallerIsInsideOneOfItsTasks() {
        DirectHandler other = new DirectHandler();
        List<Boolean> seen = new ArrayList<>();
        assertThat(handler.inHandlerThread()).isFalse();
        handler.dispatch(() -> {
            seen.add(handler.inHandlerThread());
            seen.add(other.inHandlerThread());
        });
        assertThat(seen).containsExactly(true, false);
        assertThat(handler.inHandlerThread()).isFalse();
    }

    @Test
    void aThrowingTaskDoesNotReachTheDispatcherAndLaterTasksRun() {
        List<String> order = new ArrayList<>();
        handler.dispatch(() -> {
            handler.dispatch(() -> order.add("after the failure"));
            throw new IllegalStateException("callback failure");
        });
        handler.dispatch(() -> {
            throw new AssertionError("an Error too");
        });
        handler.dispatch(() -> order.add("next dispatch"));
        assertThat(order).containsExactly("after the failure", "next dispatch");
        assertThat(handler.inHandlerThread()).isFalse();
    }

    @Test
    void waitingOnAPendingResultInsideATaskFailsAtOnce() {
        DefaultAsyncResult<String> pending = new DefaultAsyncResult<>(handler);
        DefaultAsyncResult<String> done = new DefaultAsyncResult<>(new SequentialThreadingHandler());
        done.set("ready");
        List<Object> outcomes = new ArrayList<>();
        handler.dispatch(() -> {
            outcomes.add(done.get()); // complete: no wait, allowed
            outcomes.add(pending.await(Duration.ZERO)); // a poll, not a wait
            outcomes.add(failure(pending::get));
            outcomes.add(failure(() -> pending.get(Duration.ofSeconds(30))));
            outcomes.add(failure(() -> pending.get(30, TimeUnit.SECONDS)));
            outcomes.add(failure(() -> pending.await(Duration.ofSeconds(30))));
        });
        assertThat(outcomes).hasSize(6);
        assertThat(outcomes.subList(0, 2)).containsExactly("ready", false);
        for (Object o : outcomes.subList(2, 6)) {
            assertThat(o).isInstanceOf(IllegalStateException.class);
            assertThat(((Throwable) o).getMessage()).contains("direct_handler").contains("AsyncResult.");
        }
        // Outside a direct task the same result may be waited on.
        pending.set("later");
        assertThat(pending.get()).isEqualTo("later");
    }

    @Test
    void theGuardAppliesToResultsOfAnyHandlerInsideADirectTask() {
        DefaultAsyncResult<String> ofAnother = new DefaultAsyncResult<>(new SequentialThreadingHandler());
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        handler.dispatch(() -> thrown.complete(failure(ofAnother::get)));
        assertThat(thrown.getNow(null)).isInstanceOf(IllegalStateException.class).hasMessageContaining("direct_handler");
        DirectHandler.requireBlockingAllowed("a wait outside any task"); // no exception out here
    }

    @Test
    void callbacksOfAResultRunOnTheThreadThatCompletesIt() throws Exception {
        DefaultAsyncResult<String> result = new DefaultAsyncResult<>(handler);
        CompletableFuture<String> seen = new CompletableFuture<>();
        result.rawlink(r -> seen.complete(r.get() + " on " + Thread.currentThread().getName()));
        CompletableFuture<String> stage = result.thenApply(v -> v + " on " + Thread.currentThread().getName())
                .toCompletableFuture();
        Thread.ofPlatform().name("completer").start(() -> result.set("v")).join();
        assertThat(seen.getNow(null)).isEqualTo("v on completer");
        assertThat(stage.getNow(null)).isEqualTo("v on completer");
    }

    @Test
    void validatesItsThreshold() {
        assertThat(handler.slowCallbackThreshold()).isEqualTo(Duration.ofMillis(DirectHandler.DEFAULT_SLOW_CALLBACK_MILLIS));
        assertThat(new DirectHandler(Duration.ZERO).slowCallbackThreshold()).isZero();
        assertThatThrownBy(() -> new DirectHandler(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slowCallbackThreshold");
        assertThatThrownBy(() -> new DirectHandler(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void hasNoThreadToStartOrStopAndSpawnsDaemonThreads() throws Exception {
        assertThat(handler.running()).isFalse();
        handler.start();
        assertThat(handler.running()).isTrue();
        handler.stop();
        assertThat(handler.running()).isFalse();
        List<String> ran = new ArrayList<>();
        handler.dispatch(() -> ran.add("after stop")); // nothing is lost: it runs here
        assertThat(ran).containsExactly("after stop");
        CompletableFuture<Boolean> daemon = new CompletableFuture<>();
        Thread t = handler.spawn(() -> daemon.complete(Thread.currentThread().isDaemon()));
        t.join();
        assertThat(daemon.getNow(null)).isTrue();
        assertThat(handler.name()).isEqualTo("direct_handler").isEqualTo(handler.toString());
    }

    private static Throwable failure(Runnable r) {
        try {
            r.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }
}
