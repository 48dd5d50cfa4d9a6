package dev.zkasync.client.reliability;

import dev.zkasync.client.KazooClient;
import dev.zkasync.client.data.NodeData;
import dev.zkasync.client.exception.ConnectionLossException;
import dev.zkasync.client.exception.RequestDeadlineException;
import dev.zkasync.client.exception.SessionExpiredException;
import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.watch.EventType;
import dev.zkasync.client.watch.WatchedEvent;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * One thread of a soak's traffic on one client, with at most {@link #WINDOW} requests outstanding,
 * in its own directory {@code /wN}: creates of {@code nK}, sets of {@code key} (one at a time, with
 * increasing values), gets of {@code key} with a data watch, exists watches on nodes about to be
 * created, and multis that create {@code mK} and set {@code mkey} to K. It records every write the
 * server acknowledged, so that {@link SoakVerifier} can read them all back at the end, and checks
 * as it goes that a get never sees the key older than the worker's own acknowledged set, nor a
 * value never written, and that failures are only the ones faults explain.
 */
final class SoakWorker {

    static final int WINDOW = 8;

    final String dir;
    /** The numbers K of acknowledged creates of {@code nK}, and of acknowledged multis. */
    final AckedNumbers ackedCreates = new AckedNumbers();
    final AckedNumbers ackedMultis = new AckedNumbers();
    final AtomicLong keyAcked = new AtomicLong();
    final AtomicLong multiAcked = new AtomicLong();
    final LongAdder succeeded = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder watchEvents = new LongAdder();
    /** The highest value a set of {@code key} was sent with. */
    volatile long keyIssued;

    private final KazooClient client;
    private final Random random;
    private final RequestDeadlines deadlines;
    private final Consumer<String> violations;
    private final Semaphore window = new Semaphore(WINDOW);
    private final AtomicBoolean keyBusy = new AtomicBoolean();
    private volatile boolean running = true;
    private final Thread thread;
    // The worker's thread only.
    private int nextCreate;
    private int nextMulti;

    SoakWorker(KazooClient client, String dir, long seed, RequestDeadlines deadlines, Consumer<String> violations) {
        this.client = client;
        this.dir = dir;
        this.random = new Random(seed);
        this.deadlines = deadlines;
        this.violations = violations;
        this.thread = new Thread(this::run, "soak-worker" + dir.replace('/', '-'));
        thread.setDaemon(true);
    }

    /** Creates the worker's directory and nodes (through a client that is connected) and starts sending. */
    void start(KazooClient setup) {
        setup.ensurePath(dir);
        setup.create(dir + "/key", bytes(0));
        setup.create(dir + "/mkey", bytes(0));
        thread.start();
    }

    /** Stops sending, without waiting. */
    void halt() {
        running = false;
    }

    /** Stops sending and waits for the requests outstanding to complete. */
    void stop() throws InterruptedException {
        halt();
        thread.join();
        if (!window.tryAcquire(WINDOW, 30, TimeUnit.SECONDS)) {
            violations.accept(dir + ": " + (WINDOW - window.availablePermits()) + " requests never completed");
        }
    }

    long acknowledged() {
        return succeeded.sum();
    }

    private void run() {
        try {
            while (running) {
                if (window.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                    sendOne();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            violations.accept(dir + ": the worker failed: " + e);
        }
    }

    private void sendOne() {
        int dice = random.nextInt(100);
        if (dice < 35) {
            int k = nextCreate++;
            track("create", client.createAsync(dir + "/n" + k, bytes(k)), path -> ackedCreates.add(k));
        } else if (dice < 55 && keyBusy.compareAndSet(false, true)) {
            long value = keyIssued + 1;
            keyIssued = value;
            AsyncResult<?> set = client.setAsync(dir + "/key", bytes(value));
            set.rawlink(r -> keyBusy.set(false));
            track("set", set, stat -> keyAcked.accumulateAndGet(value, Math::max));
        } else if (dice < 80) {
            long floor = keyAcked.get();
            String key = dir + "/key";
            track("get", client.getAsync(key, event -> watched(event, key, EventType.CHANGED)),
                    data -> checkKey(data, floor));
        } else if (dice < 90) {
            String soon = dir + "/n" + (nextCreate + random.nextInt(8));
            track("exists", client.existsAsync(soon, event -> watched(event, soon, EventType.CREATED)), stat -> { });
        } else {
            int k = nextMulti++;
            AsyncResult<List<Object>> multi = client.transaction()
                    .create(dir + "/m" + k, bytes(k))
                    .setData(dir + "/mkey", bytes(k), -1)
                    .commitAsync();
            track("multi", multi, results -> multiApplied(k, results));
        }
    }

    private <T> void track(String what, AsyncResult<T> result, Consumer<T> onSuccess) {
        long ticket = deadlines.submitted();
        result.rawlink(r -> {
            deadlines.completed(ticket, dir + " " + what + " " + ticket, r.successful() ? null : r.exception());
            if (r.successful()) {
                succeeded.increment();
                onSuccess.accept(r.value());
            } else {
                failed.increment();
                expectedFailure(what, r.exception());
            }
            window.release();
        });
    }

    private void multiApplied(int k, List<Object> results) {
        if (results.stream().anyMatch(Throwable.class::isInstance)) {
            violations.accept(dir + ": multi " + k + " failed in part: " + results);
            return;
        }
        ackedMultis.add(k);
        multiAcked.accumulateAndGet(k, Math::max);
    }

    private void checkKey(NodeData data, long floor) {
        long value = Long.parseLong(new String(data.data(), StandardCharsets.US_ASCII));
        if (value < floor || value > keyIssued) {
            violations.accept(dir + ": read key=" + value + ", but the worker's sets acknowledged before the read "
                    + "reached " + floor + " and none above " + keyIssued + " was sent");
        }
    }

    private void watched(WatchedEvent event, String path, EventType expected) {
        watchEvents.increment();
        if (event.type() != EventType.NONE && (event.type() != expected || !path.equals(event.path()))) {
            violations.accept(dir + ": a watch on " + path + " for " + expected + " got " + event);
        }
    }

    /** Faults may lose a connection, pass a deadline, or expire a session; nothing else may go wrong. */
    private void expectedFailure(String what, Throwable error) {
        if (!(error instanceof ConnectionLossException || error instanceof RequestDeadlineException
                || error instanceof SessionExpiredException)) {
            violations.accept(dir + ": " + what + " failed unexpectedly: " + error);
        }
    }

    static byte[] bytes(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }
}
