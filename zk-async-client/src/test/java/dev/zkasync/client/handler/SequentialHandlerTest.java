package dev.zkasync.client.handler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SequentialHandlerTest {

    private static final long WAIT_MS = 5_000;

    enum Kind {
        THREADING(SequentialThreadingHandler::new, false, "sequential_threading_handler"),
        VIRTUAL(SequentialVirtualThreadHandler::new, true, "sequential_virtual_thread_handler");

        final Supplier<Handler> factory;
        final boolean virtual;
        final String name;

        Kind(Supplier<Handler> factory, boolean virtual, String name) {
            this.factory = factory;
            this.virtual = virtual;
            this.name = name;
        }
    }

    private Handler handler;

    private Handler started(Kind kind) {
        handler = kind.factory.get();
        handler.start();
        return handler;
    }

    @AfterEach
    void stop() {
        if (handler != null) {
            handler.stop();
        }
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        assertThat(latch.await(WAIT_MS, TimeUnit.MILLISECONDS)).as("latch released in time").isTrue();
    }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(WAIT_MS, TimeUnit.MILLISECONDS);
    }

    /** The thread running the handler's tasks right now. */
    private static Thread worker(Handler h) throws Exception {
        CompletableFuture<Thread> t = new CompletableFuture<>();
        h.dispatch(() -> t.complete(Thread.currentThread()));
        return await(t);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void tenThousandTasksRunInOrderOnOneThread(Kind kind) throws Exception {
        Handler h = started(kind);
        int n = 10_000;
        List<Integer> ran = new ArrayList<>(n); // only touched by the handler thread
        Set<Thread> threads = new HashSet<>();
        AtomicBoolean allInHandler = new AtomicBoolean(true);
        AtomicBoolean allVirtualAsExpected = new AtomicBoolean(true);
        CountDownLatch done = new CountDownLatch(1);
        for (int i = 0; i < n; i++) {
            int id = i;
            h.dispatch(() -> {
                ran.add(id);
                threads.add(Thread.currentThread());
                if (!h.inHandlerThread()) {
                    allInHandler.set(false);
                }
                if (Thread.currentThread().isVirtual() != kind.virtual) {
                    allVirtualAsExpected.set(false);
                }
            });
        }
        h.dispatch(done::countDown);
        await(done);
        assertThat(ran).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(ran.get(i)).isEqualTo(i);
        }
        assertThat(threads).hasSize(1);
        assertThat(allInHandler).isTrue();
        assertThat(allVirtualAsExpected).isTrue();
        assertThat(threads.iterator().next()).isNotSameAs(Thread.currentThread());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void tasksFromSeveralThreadsKeepEachThreadsOrder(Kind kind) throws Exception {
        Handler h = started(kind);
        int producers = 4;
        int perProducer = 2_500;
        List<int[]> ran = new ArrayList<>(); // handler thread only
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perProducer; i++) {
                    int seq = i;
                    h.dispatch(() -> ran.add(new int[] {producer, seq}));
                }
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (Thread t : threads) {
            t.join(WAIT_MS);
        }
        CountDownLatch done = new CountDownLatch(1);
        h.dispatch(done::countDown);
        await(done);
        assertThat(ran).hasSize(producers * perProducer);
        int[] next = new int[producers];
        for (int[] task : ran) {
            assertThat(task[1]).isEqualTo(next[task[0]]++);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void threadKind(Kind kind) throws Exception {
        Handler h = started(kind);
        Thread w = worker(h);
        assertThat(w.isVirtual()).isEqualTo(kind.virtual);
        if (!kind.virtual) {
            assertThat(w.isDaemon()).isTrue();
        }
        assertThat(w.getName()).startsWith("zk-async-callback-");
        assertThat(h.name()).isEqualTo(kind.name);
        assertThat(h.toString()).isEqualTo(kind.name);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aThrowingTaskDoesNotStopLaterTasks(Kind kind) throws Exception {
        Handler h = started(kind);
        Thread w = worker(h);
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(1);
        h.dispatch(() -> ran.add("before"));
        h.dispatch(() -> {
            throw new IllegalStateException("task failure (expected by the test)");
        });
        h.dispatch(() -> {
            throw new AssertionError("error in a task (expected by the test)");
        });
        h.dispatch(() -> ran.add("after"));
        h.dispatch(done::countDown);
        await(done);
        assertThat(ran).containsExactly("before", "after");
        assertThat(worker(h)).isSameAs(w);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void stopRunsTheDispatchedTasksThenEndsTheThread(Kind kind) throws Exception {
        Handler h = started(kind);
        AtomicReference<Thread> worker = new AtomicReference<>();
        AtomicBoolean sawStop = new AtomicBoolean();
        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
        // The first task holds the worker until stop() has begun, so the rest are still queued then.
        h.dispatch(() -> {
            worker.set(Thread.currentThread());
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
            while (h.running() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            sawStop.set(!h.running());
        });
        for (int i = 0; i < 100; i++) {
            int id = i;
            h.dispatch(() -> ran.add(id));
        }
        h.stop();

        assertThat(sawStop).as("stop() began while the first task ran").isTrue();
        assertThat(h.running()).isFalse();
        assertThat(ran).hasSize(100);
        for (int i = 0; i < 100; i++) {
            assertThat(ran.get(i)).isEqualTo(i);
        }
        Thread w = worker.get();
        w.join(WAIT_MS);
        assertThat(w.isAlive()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void stopFromInsideATaskReturnsAndStillDrains(Kind kind) throws Exception {
        Handler h = started(kind);
        Thread w = worker(h);
        CountDownLatch stopReturned = new CountDownLatch(1);
        CountDownLatch laterRan = new CountDownLatch(1);
        AtomicReference<Thread> laterThread = new AtomicReference<>();
        CountDownLatch bothQueued = new CountDownLatch(1);
        h.dispatch(() -> {
            try {
                bothQueued.await(WAIT_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            h.stop();
            stopReturned.countDown();
        });
        h.dispatch(() -> {
            laterThread.set(Thread.currentThread());
            laterRan.countDown();
        });
        bothQueued.countDown();
        await(stopReturned);
        await(laterRan);
        assertThat(laterThread.get()).as("queued task ran on the worker").isSameAs(w);
        w.join(WAIT_MS);
        assertThat(w.isAlive()).isFalse();
        assertThat(h.running()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void dispatchAfterStopRunsOnASpawnedThread(Kind kind) throws Exception {
        Handler h = started(kind);
        Thread w = worker(h);
        h.stop();
        assertThat(w.isAlive()).isFalse();

        CompletableFuture<Thread> ranOn = new CompletableFuture<>();
        AtomicBoolean inHandler = new AtomicBoolean(true);
        h.dispatch(() -> {
            inHandler.set(h.inHandlerThread());
            ranOn.complete(Thread.currentThread());
        });
        Thread t = await(ranOn);
        assertThat(t).isNotSameAs(w).isNotSameAs(Thread.currentThread());
        assertThat(t.isVirtual()).isEqualTo(kind.virtual);
        assertThat(t.getName()).startsWith("zk-async-spawn-");
        assertThat(inHandler).isFalse();

        // A failing late task is contained as well.
        CountDownLatch next = new CountDownLatch(1);
        h.dispatch(() -> {
            throw new IllegalStateException("late task failure (expected by the test)");
        });
        h.dispatch(next::countDown);
        await(next);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void spawnRunsOnANewThreadOfTheKind(Kind kind) throws Exception {
        Handler h = started(kind);
        CompletableFuture<Thread> ranOn = new CompletableFuture<>();
        Thread spawned = h.spawn(() -> ranOn.complete(Thread.currentThread()));
        assertThat(await(ranOn)).isSameAs(spawned);
        assertThat(spawned.isVirtual()).isEqualTo(kind.virtual);
        assertThat(spawned).isNotSameAs(worker(h));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void inHandlerThread(Kind kind) throws Exception {
        Handler h = started(kind);
        assertThat(h.inHandlerThread()).isFalse();
        CompletableFuture<Boolean> inside = new CompletableFuture<>();
        h.dispatch(() -> inside.complete(h.inHandlerThread()));
        assertThat(await(inside)).isTrue();

        CompletableFuture<Boolean> spawned = new CompletableFuture<>();
        h.spawn(() -> spawned.complete(h.inHandlerThread()));
        assertThat(await(spawned)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void lifecycle(Kind kind) throws Exception {
        Handler h = kind.factory.get();
        handler = h;
        assertThat(h.running()).isFalse();
        h.stop(); // stopping a handler never started is a no-op

        h.start();
        assertThat(h.running()).isTrue();
        Thread first = worker(h);
        h.start(); // idempotent: same worker
        assertThat(worker(h)).isSameAs(first);

        h.stop();
        assertThat(h.running()).isFalse();
        assertThat(first.isAlive()).isFalse();
        h.stop(); // idempotent

        // Start after stop: a new worker, in order again.
        h.start();
        assertThat(h.running()).isTrue();
        Thread second = worker(h);
        assertThat(second).isNotSameAs(first);
        assertThat(second.isAlive()).isTrue();
        List<Integer> ran = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        for (int i = 0; i < 1_000; i++) {
            int id = i;
            h.dispatch(() -> ran.add(id));
        }
        h.dispatch(done::countDown);
        await(done);
        assertThat(ran).hasSize(1_000);
        for (int i = 0; i < 1_000; i++) {
            assertThat(ran.get(i)).isEqualTo(i);
        }
        CompletableFuture<Boolean> inside = new CompletableFuture<>();
        h.dispatch(() -> inside.complete(h.inHandlerThread()));
        assertThat(await(inside)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void idleWorkerWakesForNewTasks(Kind kind) throws Exception {
        Handler h = started(kind);
        // Each round lets the worker go idle (park) before the next dispatch arrives.
        for (int round = 0; round < 200; round++) {
            CountDownLatch done = new CountDownLatch(1);
            h.dispatch(done::countDown);
            await(done);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void endOfBurstWorkRunsOnceTheQueuedTasksHaveRun(Kind kind) throws Exception {
        Handler h = started(kind);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch hold = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        h.dispatch(() -> {
            try {
                hold.await(); // let the next tasks queue up behind this one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            order.add("first");
            h.atEndOfBurst(() -> {
                order.add("end of burst");
                ended.countDown();
            });
        });
        h.dispatch(() -> order.add("second"));
        h.dispatch(() -> order.add("third"));
        hold.countDown();
        // Waits for the deferred work itself: a task dispatched now to mark "after" could join the
        // same burst and run before it.
        await(ended);
        assertThat(order).containsExactly("first", "second", "third", "end of burst");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void endBurstRunsDeferredWorkAtOnceOnTheHandlerThread(Kind kind) throws Exception {
        Handler h = started(kind);
        CompletableFuture<List<String>> seen = new CompletableFuture<>();
        h.dispatch(() -> {
            List<String> order = new ArrayList<>();
            h.atEndOfBurst(() -> order.add("deferred"));
            order.add("before endBurst");
            h.endBurst();
            order.add("after endBurst");
            seen.complete(order);
        });
        assertThat(await(seen)).containsExactly("before endBurst", "deferred", "after endBurst");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void endOfBurstWorkOffTheHandlerThreadRunsAtOnce(Kind kind) {
        Handler h = started(kind);
        List<String> order = new ArrayList<>();
        h.atEndOfBurst(() -> order.add("ran"));
        h.endBurst(); // not the handler thread: nothing deferred, nothing to do
        assertThat(order).containsExactly("ran");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aLongBurstLetsDeferredWorkGoAfterABoundedNumberOfTasks(Kind kind) throws Exception {
        Handler h = started(kind);
        int tasks = 1_000;
        CountDownLatch hold = new CountDownLatch(1);
        CompletableFuture<Integer> ranAfter = new CompletableFuture<>();
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        h.dispatch(() -> {
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            h.atEndOfBurst(() -> ranAfter.complete(count.get()));
        });
        for (int i = 0; i < tasks; i++) {
            h.dispatch(count::incrementAndGet);
        }
        hold.countDown();
        assertThat(await(ranAfter)).as("tasks run before the deferred work").isLessThan(tasks);
    }

    /** Trims until {@code w} has ended; a worker ends once two trims in a row found it parked. */
    private static void trimUntilEnded(Handler h, Thread w) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (w.isAlive() && System.nanoTime() < deadline) {
            h.trimIdle();
            w.join(1);
        }
        assertThat(w.isAlive()).as("the idle worker ended").isFalse();
    }

    @Test
    void anIdleVirtualWorkerEndsWhenTrimmedAndTheNextTaskStartsAnother() throws Exception {
        Handler h = started(Kind.VIRTUAL);
        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
        Set<Thread> workers = new HashSet<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 100; i++) {
                int id = round * 100 + i;
                h.dispatch(() -> ran.add(id));
            }
            Thread w = worker(h);
            workers.add(w);
            trimUntilEnded(h, w);
            assertThat(h.running()).isTrue();
        }
        assertThat(workers).hasSize(3);
        assertThat(ran).hasSize(300);
        for (int i = 0; i < 300; i++) {
            assertThat(ran.get(i)).isEqualTo(i);
        }
        Thread platform = worker(started(Kind.THREADING));
        h.stop();
        for (int i = 0; i < 3; i++) {
            handler.trimIdle();
        }
        assertThat(worker(handler)).as("the platform-thread handler keeps its thread").isSameAs(platform);
    }

    @Test
    void workersEndingAtEveryPauseKeepEachProducersOrderAndRunOneTaskAtATime() throws Exception {
        Handler h = started(Kind.VIRTUAL);
        int producers = 4;
        int perProducer = 2_500;
        List<int[]> ran = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger runningNow = new AtomicInteger();
        AtomicBoolean overlapOrOutside = new AtomicBoolean();
        AtomicBoolean producing = new AtomicBoolean(true);
        Thread trimmer = new Thread(() -> {
            while (producing.get()) {
                h.trimIdle(); // races every dispatch with a worker ending
            }
        });
        trimmer.start();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            Thread t = new Thread(() -> {
                for (int i = 0; i < perProducer; i++) {
                    int seq = i;
                    h.dispatch(() -> {
                        if (runningNow.incrementAndGet() != 1 || !h.inHandlerThread()) {
                            overlapOrOutside.set(true);
                        }
                        ran.add(new int[] {producer, seq});
                        runningNow.decrementAndGet();
                    });
                    if (i % 100 == 0) {
                        Thread.yield(); // let the worker run dry and end now and then
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join(WAIT_MS);
        }
        producing.set(false);
        trimmer.join(WAIT_MS);
        CountDownLatch done = new CountDownLatch(1);
        h.dispatch(done::countDown);
        await(done);
        h.stop();
        assertThat(overlapOrOutside).as("two tasks at once, or one off the handler thread").isFalse();
        assertThat(ran).hasSize(producers * perProducer);
        int[] next = new int[producers];
        for (int[] task : ran) {
            assertThat(task[1]).isEqualTo(next[task[0]]++);
        }
    }
}
