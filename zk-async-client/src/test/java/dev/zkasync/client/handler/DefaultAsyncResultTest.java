package dev.zkasync.client.handler;

import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.handler.DefaultAsyncResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.zkasync.client.exception.KazooException;
import dev.zkasync.client.exception.KazooInterruptedException;
import dev.zkasync.client.exception.KazooTimeoutException;
import dev.zkasync.client.exception.NoNodeException;
import dev.zkasync.client.handler.Handler;
import dev.zkasync.client.handler.SequentialThreadingHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DefaultAsyncResultTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    /** A minimal handler: one platform thread, a queue, and a record of what ran where. */
    static final class RecordingHandler implements Handler {
        private static final Runnable POISON = () -> { };

        private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
        private final Thread thread = new Thread(this::loop, "recording-handler");
        private volatile boolean running;
        final AtomicInteger dispatched = new AtomicInteger();
        final List<Thread> ranOn = Collections.synchronizedList(new ArrayList<>());

        RecordingHandler() {
            thread.setDaemon(true);
        }

        private void loop() {
            while (true) {
                Runnable task;
                try {
                    task = queue.take();
                } catch (InterruptedException e) {
                    return;
                }
                if (task == POISON) {
                    return;
                }
                ranOn.add(Thread.currentThread());
                try {
                    task.run();
                } catch (RuntimeException e) {
                    // keep going, as every handler must
                }
            }
        }

        Thread thread() {
            return thread;
        }

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public synchronized void start() {
            if (!running) {
                running = true;
                thread.start();
            }
        }

        @Override
        public void stop() {
            running = false;
            queue.add(POISON);
            if (Thread.currentThread() != thread) {
                try {
                    thread.join(WAIT.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public boolean running() {
            return running;
        }

        @Override
        public void dispatch(Runnable task) {
            dispatched.incrementAndGet();
            queue.add(task);
        }

        @Override
        public Thread spawn(Runnable task) {
            Thread t = new Thread(task, "recording-spawn");
            t.start();
            return t;
        }

        @Override
        public boolean inHandlerThread() {
            return Thread.currentThread() == thread;
        }
    }

    enum Kind {
        REAL(SequentialThreadingHandler::new),
        RECORDING(RecordingHandler::new);

        private final Supplier<Handler> factory;

        Kind(Supplier<Handler> factory) {
            this.factory = factory;
        }
    }

    private Handler handler;

    private Handler start(Kind kind) {
        handler = kind.factory.get();
        handler.start();
        return handler;
    }

    @AfterEach
    void stopHandler() {
        if (handler != null) {
            handler.stop();
        }
    }

    /** Waits until every task dispatched so far has run. */
    private static void drain(Handler h) throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(1);
        h.dispatch(latch::countDown);
        assertThat(latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("handler drained").isTrue();
    }

    /** The thread the handler runs tasks on. */
    private static Thread handlerThread(Handler h) throws Exception {
        CompletableFuture<Thread> t = new CompletableFuture<>();
        h.dispatch(() -> t.complete(Thread.currentThread()));
        return t.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code action} on a fresh thread and waits for it; returns that thread. */
    private static Thread onOtherThread(Runnable action) throws InterruptedException {
        Thread t = new Thread(action, "completer");
        t.start();
        t.join(WAIT.toMillis());
        assertThat(t.isAlive()).isFalse();
        return t;
    }

    // ---------------------------------------------------------------- get and state

    @Test
    void getReturnsTheValue() {
        DefaultAsyncResult<String> r = new DefaultAsyncResult<>(start(Kind.REAL));
        assertThat(r.set("v")).isTrue();
        assertThat(r.get()).isEqualTo("v");
        assertThat(r.get(WAIT)).isEqualTo("v");
        assertThat(r.get(1, TimeUnit.SECONDS)).isEqualTo("v");
    }

    @Test
    void getWaitsForACompletionOnAnotherThread() throws Exception {
        DefaultAsyncResult<String> r = new DefaultAsyncResult<>(start(Kind.REAL));
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<String> got = CompletableFuture.supplyAsync(() -> {
            waiting.countDown();
            return r.get(WAIT);
        });
        assertThat(waiting.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        r.set("late");
        assertThat(got.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("late");
    }

    @Test
    void getThrowsTheExactException() {
        DefaultAsyncResult<String> r = new DefaultAsyncResult<>(start(Kind.REAL));
        NoNodeException failure = new NoNodeException("/missing");
        assertThat(r.setException(failure)).isTrue();
        assertThatThrownBy(r::get).isSameAs(failure);
        assertThatThrownBy(() -> r.get(WAIT)).isSameAs(failure);
        assertThatThrownBy(() -> r.get(1, TimeUnit.SECONDS)).isSameAs(failure);
        assertThatThrownBy(r::getNow).isSameAs(failure);
    }

    @Test
    void getRethrowsErrorsAndWrapsCheckedExceptions() {
        DefaultAsyncResult<String> withError = new DefaultAsyncResult<>(start(Kind.REAL));
        AssertionError error = new AssertionError("boom");
        withError.setException(error);
        assertThatThrownBy(withError::get).isSameAs(error);

        DefaultAsyncResult<String> checked = new DefaultAsyncResult<>(handler);
        IOException io = new IOException("io");
        checked.setException(io);
        assertThatThrownBy(checked::get).isInstanceOf(KazooException.class).hasCauseReference(io);
        assertThat(checked.exception()).isSameAs(io);
    }

    @Test
    void setExceptionRejectsNull() {
        DefaultAsyncResult<String> r = new DefaultAsyncResult<>(start(Kind.REAL));
        assertThatThrownBy(() -> r.setException(null)).isInstanceOf(NullPointerException.class);
        assertThat(r.ready()).isFalse();
    }

    @Test
    void timedGetThrowsKazooTimeoutWhenNotReady() {
        DefaultAsyncResult<String> r = new DefaultAsyncResult<>(start(Kind.REAL));
        assertThatThrownBy(() -> r.get(Duration.ofMillis(10))).isInstanceOf(KazooTimeoutException.class);
        assertThatThrownBy(() -> r.get(10, TimeUnit.MILLISECONDS)).isInstanceOf(KazooTimeoutException.class);
        assertThatThrownBy(() -> r.get(Duration.ZERO)).isInstanceOf(KazooTimeoutException.class);
        // The wait timing out does not complete the result.
        assertThat(r.ready()).isFalse();
        r.set("after");
        assertThat(r.get(Duration.ZERO)).isEqualTo("after");
    }

    @Test
    void statePending() {
        DefaultAsyncResult<String> r = new DefaultAsyncResult<>(start(Kind.REAL));
        assertThat(r.ready()).isFalse();
        assertThat(r.isDone()).isFalse();
        assertThat(r.successful()).isFalse();
        assertThat(r.exception()).isNull();
        assertThat(r.value()).isNull();
        assertThat(r.getNow()).isNull();
        assertThat(r.isCancelled()).isFalse();
        assertThat(r.toString()).contains("pending");
    }

    @Test
    void stateSuccessful() {
        DefaultAsyncResult<String> r = new DefaultAsyncResult<>(start(Kind.REAL));
        r.set("v");
        assertThat(r.ready()).isTrue();
        assertThat(r.isDone()).isTrue();
        assertThat(r.successful()).isTrue();
        assertThat(r.exception()).isNull();
        assertThat(r.value()).isEqualTo("v");
        assertThat(r.getNow()).isEqualTo("v");
        assertThat(r.isCancelled()).isFalse();
    }

    @Test
    void stateSuccessfulWithNull() {
        DefaultAsyncResult<String> r = new DefaultAsyncResult<>(start(Kind.REAL));
        assertThat(r.set(null)).isTrue();
        assertThat(r.ready()).isTrue();
        assertThat(r.successful()).isTrue();
        assertThat(r.exception()).isNull();
        assertThat(r.get()).isNull();
    }

    @Test
    void stateFailed() {
        DefaultAsyncResult<String> r = new DefaultAsyncResult<>(start(Kind.REAL));
        NoNodeException failure = new NoNodeException("/x");
        r.setException(failure);
        assertThat(r.ready()).isTrue();
        assertThat(r.isDone()).isTrue();
        assertThat(r.successful()).isFalse();
        assertThat(r.exception()).isSameAs(failure);
        assertThat(r.value()).isNull();
        assertThatThrownBy(r::getNow).isSameAs(failure);
        assertThat(r.isCancelled()).isFalse();
    }

    @Test
    void onlyTheFirstCompletionCounts() {
        DefaultAsyncResult<String> r = new DefaultAsyncResult<>(start(Kind.REAL));
        assertThat(r.set("first")).isTrue();
        assertThat(r.set("second")).isFalse();
        assertThat(r.setException(new NoNodeException("/x"))).isFalse();
        assertThat(r.cancel(true)).isFalse();
        assertThat(r.get()).isEqualTo("first");

        DefaultAsyncResult<String> f = new DefaultAsyncResult<>(handler);
        NoNodeException failure = new NoNodeException("/x");
        assertThat(f.setException(failure)).isTrue();
        assertThat(f.set("v")).isFalse();
        assertThat(f.setException(new NoNodeException("/y"))).isFalse();
        assertThat(f.exception()).isSameAs(failure);
    }

    @Test
    void cancelCompletesWithCancellationException() throws Exception {
        DefaultAsyncResult<String> r = new DefaultAsyncResult<>(start(Kind.REAL));
        CompletableFuture<Throwable> seen = new CompletableFuture<>();
        r.rawlink(x -> seen.complete(x.exception()));
        assertThat(r.cancel(false)).isTrue();
        assertThat(r.ready()).isTrue();
        assertThat(r.successful()).isFalse();
        assertThat(r.isCancelled()).isTrue();
        assertThat(r.exception()).isInstanceOf(CancellationException.class);
        assertThatThrownBy(r::get).isInstanceOf(CancellationException.class);
        assertThat(r.set("late")).isFalse();
        assertThat(r.cancel(true)).isFalse();
        assertThat(seen.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isInstanceOf(CancellationException.class);
    }

    // ---------------------------------------------------------------- await

    @Test
    void awaitReturnsFalseOnTimeout() {
        DefaultAsyncResult<String> r = new DefaultAsyncResult<>(start(Kind.REAL));
        assertThat(r.await(Duration.ofMillis(10))).isFalse();
        assertThat(r.await(Duration.ZERO)).isFalse();
    }

    @Test
    void awaitReturnsTrueWhenReadyWithoutThrowing() throws Exception {
        DefaultAsyncResult<String> ok = new DefaultAsyncResult<>(start(Kind.REAL));
        ok.set("v");
        assertThat(ok.await(Duration.ZERO)).isTrue();

        DefaultAsyncResult<String> failed = new DefaultAsyncResult<>(handler);
        failed.setException(new NoNodeException("/x"));
        assertThat(failed.await(WAIT)).isTrue();

        DefaultAsyncResult<String> cancelled = new DefaultAsyncResult<>(handler);
        cancelled.cancel(true);
        assertThat(cancelled.await(WAIT)).isTrue();

        DefaultAsyncResult<String> later = new DefaultAsyncResult<>(handler);
        CompletableFuture<Boolean> awaited = CompletableFuture.supplyAsync(() -> later.await(WAIT));
        later.setException(new NoNodeException("/y"));
        assertThat(awaited.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    }

    @Test
    void awaitInterruptedReturnsFalseAndKeepsTheFlag() {
        DefaultAsyncResult<String> r = new DefaultAsyncResult<>(start(Kind.REAL));
        Thread.currentThread().interrupt();
        try {
            assertThat(r.await(WAIT)).isFalse();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    // ---------------------------------------------------------------- interrupts

    @Test
    void interruptedGetKeepsTheFlag() {
        DefaultAsyncResult<String> r = new DefaultAsyncResult<>(start(Kind.REAL));
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(r::get).isInstanceOf(KazooInterruptedException.class)
                    .hasCauseInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            assertThatThrownBy(() -> r.get(WAIT)).isInstanceOf(KazooInterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void getInterruptedWhileBlockedOnAnotherThread() throws Exception {
        DefaultAsyncResult<String> r = new DefaultAsyncResult<>(start(Kind.REAL));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                r.get();
            } catch (Throwable t) {
                thrown.set(t);
                flag.set(Thread.currentThread().isInterrupted());
            }
        }, "waiter");
        waiter.start();
        waiter.interrupt();
        waiter.join(WAIT.toMillis());
        assertThat(waiter.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(KazooInterruptedException.class);
        assertThat(flag.get()).isTrue();
        assertThat(r.ready()).isFalse();
    }

    // ---------------------------------------------------------------- rawlink

    @ParameterizedTest
    @EnumSource(Kind.class)
    void rawlinkCallbacksRunOnTheHandlerThreadInOrderOnce(Kind kind) throws Exception {
        Handler h = start(kind);
        Thread handlerThread = handlerThread(h);
        DefaultAsyncResult<String> r = new DefaultAsyncResult<>(h);
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
        List<Boolean> inHandler = Collections.synchronizedList(new ArrayList<>());
        for (int i = 1; i <= 5; i++) {
            String id = "cb" + i;
            r.rawlink(x -> {
                calls.add(id + "=" + x.value());
                threads.add(Thread.currentThread());
                inHandler.add(h.inHandlerThread());
            });
        }
        drain(h);
        assertThat(calls).as("nothing runs before completion").isEmpty();

        Thread completer = onOtherThread(() -> r.set("v"));
        drain(h);
        assertThat(calls).containsExactly("cb1=v", "cb2=v", "cb3=v", "cb4=v", "cb5=v");
        assertThat(threads).containsOnly(handlerThread).doesNotContain(completer);
        assertThat(inHandler).containsOnly(true);

        // Completing again, or draining again, runs nothing twice.
        assertThat(r.set("again")).isFalse();
        drain(h);
        assertThat(calls).hasSize(5);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void rawlinkAfterCompletionStillRunsOnTheHandler(Kind kind) throws Exception {
        Handler h = start(kind);
        Thread handlerThread = handlerThread(h);
        DefaultAsyncResult<String> r = new DefaultAsyncResult<>(h);
        r.setException(new NoNodeException("/x"));

        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
        for (int i = 1; i <= 3; i++) {
            String id = "late" + i;
            AsyncResult<String> self = r.rawlink(x -> {
                calls.add(id + ":" + x.exception().getClass().getSimpleName());
                threads.add(Thread.currentThread());
            });
            assertThat((Object) self).isSameAs(r);
        }
        drain(h);
        assertThat(calls).containsExactly("late1:NoNodeException", "late2:NoNodeException",
                "late3:NoNodeException");
        assertThat(threads).containsOnly(handlerThread);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void unlinkBeforeCompletionPreventsTheCall(Kind kind) throws Exception {
        Handler h = start(kind);
        DefaultAsyncResult<String> r = new DefaultAsyncResult<>(h);
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        Consumer<AsyncResult<String>> a = x -> calls.add("a");
        Consumer<AsyncResult<String>> b = x -> calls.add("b");
        Consumer<AsyncResult<String>> c = x -> calls.add("c");
        r.rawlink(a).rawlink(b).rawlink(c);
        assertThat((Object) r.unlink(b)).isSameAs(r);
        r.unlink(x -> calls.add("never linked")); // no effect
        r.set("v");
        drain(h);
        assertThat(calls).containsExactly("a", "c");
    }

    @Test
    void aThrowingCallbackDoesNotStopTheOthers() throws Exception {
        Handler h = start(Kind.REAL);
        DefaultAsyncResult<String> r = new DefaultAsyncResult<>(h);
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        r.rawlink(x -> calls.add("before"));
        r.rawlink(x -> {
            throw new IllegalStateException("callback bug (expected by the test)");
        });
        r.rawlink(x -> calls.add("after"));
        r.set("v");
        drain(h);
        assertThat(calls).containsExactly("before", "after");
    }

    @Test
    void noListenerMeansNoDispatch() throws Exception {
        RecordingHandler h = (RecordingHandler) start(Kind.RECORDING);
        DefaultAsyncResult<String> quiet = new DefaultAsyncResult<>(h);
        quiet.set("v");
        assertThat(quiet.get()).isEqualTo("v");
        assertThat(h.dispatched).hasValue(0);

        DefaultAsyncResult<String> linked = new DefaultAsyncResult<>(h);
        linked.rawlink(x -> { });
        linked.rawlink(x -> { });
        linked.thenApply(v -> v);
        linked.set("v");
        drain(h);
        // One dispatch delivers every callback and the stage; plus the drain marker.
        assertThat(h.dispatched).hasValue(2);
        assertThat(h.ranOn).containsOnly(h.thread());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void getOnAnotherResultInsideACallbackDoesNotDeadlock(Kind kind) throws Exception {
        Handler h = start(kind);
        DefaultAsyncResult<String> first = new DefaultAsyncResult<>(h);
        DefaultAsyncResult<String> second = new DefaultAsyncResult<>(h);
        CountDownLatch blocking = new CountDownLatch(1);
        CompletableFuture<String> got = new CompletableFuture<>();
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        second.rawlink(x -> order.add("second's callback"));
        first.rawlink(x -> {
            blocking.countDown();
            try {
                String v = second.get(WAIT);
                order.add("first's callback got " + v);
                got.complete(v);
            } catch (Throwable t) {
                got.completeExceptionally(t);
            }
        });
        first.set("one");
        assertThat(blocking.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        // The handler thread is now blocked in second.get(); another thread completes second.
        onOtherThread(() -> second.set("two"));
        assertThat(got.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("two");
        drain(h);
        // second's own callback waits its turn behind the blocked one.
        assertThat(order).containsExactly("first's callback got two", "second's callback");
    }

    // ---------------------------------------------------------------- CompletionStage

    @ParameterizedTest
    @EnumSource(Kind.class)
    void stageContinuationsRunOnTheHandlerThread(Kind kind) throws Exception {
        Handler h = start(kind);
        Thread handlerThread = handlerThread(h);
        DefaultAsyncResult<String> r = new DefaultAsyncResult<>(h);
        AtomicReference<Thread> applyThread = new AtomicReference<>();
        AtomicReference<Thread> whenThread = new AtomicReference<>();
        CompletableFuture<Integer> applied = r.thenApply(v -> {
            applyThread.set(Thread.currentThread());
            return v.length();
        }).toCompletableFuture();
        CompletableFuture<String> when = r.whenComplete((v, t) -> whenThread.set(Thread.currentThread()))
                .toCompletableFuture();

        Thread completer = onOtherThread(() -> r.set("four"));
        assertThat(applied.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(4);
        assertThat(when.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("four");
        assertThat(applyThread.get()).isSameAs(handlerThread).isNotSameAs(completer);
        assertThat(whenThread.get()).isSameAs(handlerThread);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void stageSeesTheFailure(Kind kind) throws Exception {
        Handler h = start(kind);
        Thread handlerThread = handlerThread(h);
        DefaultAsyncResult<String> r = new DefaultAsyncResult<>(h);
        CompletableFuture<Throwable> whenSaw = new CompletableFuture<>();
        AtomicReference<Thread> whenThread = new AtomicReference<>();
        r.whenComplete((v, t) -> {
            whenThread.set(Thread.currentThread());
            whenSaw.complete(t);
        });
        AtomicInteger applyCalls = new AtomicInteger();
        CompletableFuture<Integer> applied = r.thenApply(v -> applyCalls.incrementAndGet()).toCompletableFuture();

        NoNodeException failure = new NoNodeException("/gone");
        onOtherThread(() -> r.setException(failure));

        assertThat(whenSaw.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isSameAs(failure);
        assertThat(whenThread.get()).isSameAs(handlerThread);
        Throwable t = catchThrowable(() -> applied.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertThat(t).isInstanceOf(ExecutionException.class).hasCauseReference(failure);
        assertThat(applyCalls).hasValue(0);
        assertThat(r.toCompletableFuture().isCompletedExceptionally()).isTrue();
        Throwable joined = catchThrowable(() -> r.toCompletableFuture().join());
        assertThat(joined).isInstanceOf(CompletionException.class).hasCauseReference(failure);
    }

    @Test
    void callbacksRunBeforeStageContinuationsOfTheSameResult() throws Exception {
        Handler h = start(Kind.REAL);
        DefaultAsyncResult<String> r = new DefaultAsyncResult<>(h);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> stage = r.thenAccept(v -> order.add("stage")).toCompletableFuture();
        r.rawlink(x -> order.add("rawlink"));
        r.set("v");
        stage.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(order).containsExactly("rawlink", "stage");
    }

    @Test
    void stageUsedAfterCompletionIsAlreadyComplete() throws Exception {
        DefaultAsyncResult<String> r = new DefaultAsyncResult<>(start(Kind.REAL));
        r.set("v");
        CompletableFuture<String> f = r.toCompletableFuture();
        assertThat(f.isDone()).isTrue();
        assertThat(f.get()).isEqualTo("v");
        assertThat(r.thenApply(String::toUpperCase).toCompletableFuture().get(WAIT.toMillis(),
                TimeUnit.MILLISECONDS)).isEqualTo("V");
        assertThat(r.toCompletableFuture()).isSameAs(f);
    }

    @Test
    void resultsDeliverInCompletionOrder() throws Exception {
        Handler h = start(Kind.REAL);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        List<DefaultAsyncResult<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            DefaultAsyncResult<Integer> r = new DefaultAsyncResult<>(h);
            r.rawlink(x -> order.add("cb" + x.value()));
            results.add(r);
        }
        for (int i = 49; i >= 0; i--) {
            results.get(i).set(i);
        }
        drain(h);
        List<String> expected = new ArrayList<>();
        for (int i = 49; i >= 0; i--) {
            expected.add("cb" + i);
        }
        assertThat(order).containsExactlyElementsOf(expected);
    }
}
