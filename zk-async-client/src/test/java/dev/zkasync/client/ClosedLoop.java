package dev.zkasync.client;

import dev.zkasync.client.data.NodeData;
import dev.zkasync.client.handler.AsyncResult;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Keeps a number of asynchronous getData requests outstanding, each callback issuing the next one
 * from the handler thread (the usual async pattern), until a total is reached or {@link #stop()}.
 * A failed request is counted and followed by the next one like a successful one.
 */
final class ClosedLoop {
    private final KazooClient client;
    private final String path;
    private final byte[] expected;
    private final int total;
    private final AtomicInteger issued = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger wrongValues = new AtomicInteger();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final CountDownLatch slotsDone;
    private volatile boolean stopped;

    private ClosedLoop(KazooClient client, String path, int outstanding, int total) {
        this.client = client;
        this.path = path;
        this.expected = client.get(path).data();
        this.total = total;
        this.slotsDone = new CountDownLatch(outstanding);
    }

    /** Starts {@code outstanding} chains of gets of {@code path}, {@code total} requests in all. */
    static ClosedLoop ofGets(KazooClient client, String path, int outstanding, int total) {
        ClosedLoop loop = new ClosedLoop(client, path, outstanding, total);
        for (int i = 0; i < outstanding; i++) {
            loop.next();
        }
        return loop;
    }

    private void next() {
        if (stopped || issued.incrementAndGet() > total) {
            slotsDone.countDown();
            return;
        }
        Consumer<AsyncResult<NodeData>> onDone = r -> {
            completed.incrementAndGet();
            if (r.successful()) {
                if (!Arrays.equals(r.value().data(), expected)) {
                    wrongValues.incrementAndGet();
                }
            } else {
                failures.add(r.exception());
            }
            next();
        };
        client.getAsync(path).rawlink(onDone);
    }

    /** Issues no more requests; those outstanding still complete. */
    void stop() {
        stopped = true;
    }

    /** Waits until every chain has ended (the total reached, or stopped and drained). */
    void awaitDone(Duration timeout) throws InterruptedException {
        if (!slotsDone.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("closed loop not done after " + timeout + ": " + completed.get() + " completed, "
                    + failures.size() + " failed");
        }
    }

    /** Waits for the total and checks that every request succeeded with the node's value. */
    void awaitAllCorrect(Duration timeout) throws InterruptedException {
        awaitDone(timeout);
        assertThat(failures).as("failed requests").isEmpty();
        assertThat(wrongValues.get()).as("replies with another node's data").isZero();
        assertThat(completed.get()).isEqualTo(total);
    }

    int completed() {
        return completed.get();
    }

    int wrongValues() {
        return wrongValues.get();
    }

    List<Throwable> failures() {
        return failures;
    }
}
