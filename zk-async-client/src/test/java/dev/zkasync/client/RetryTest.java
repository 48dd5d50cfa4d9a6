package dev.zkasync.client;

import dev.zkasync.client.data.NodeData;
import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.handler.DefaultAsyncResult;
import dev.zkasync.client.retry.KazooRetry;

import dev.zkasync.client.exception.ConnectionLossException;
import dev.zkasync.client.exception.NoNodeException;
import dev.zkasync.client.exception.ThrottledOpException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** client.retry and client.retryAsync with real requests. */
class RetryTest extends RealServerTest {
    private static final KazooRetry FAST = KazooRetry.DEFAULT.withMaxTries(5).withDelay(Duration.ofMillis(20))
            .withMaxJitter(0);

    @Test
    void retryAsyncRetriesConnectionLossWithoutBlockingAThread() {
        KazooClient c = client();
        c.create("/n", bytes("v"));
        AtomicInteger attempts = new AtomicInteger();
        List<String> threads = new CopyOnWriteArrayList<>();
        AsyncResult<NodeData> r = c.retryAsync(FAST, () -> {
            threads.add(Thread.currentThread().getName());
            if (attempts.incrementAndGet() < 3) {
                DefaultAsyncResult<NodeData> failed = new DefaultAsyncResult<>(c.handler());
                failed.setException(new ConnectionLossException("/n"));
                return failed;
            }
            return c.getAsync("/n");
        });
        long caller = Thread.currentThread().threadId();
        assertThat(string(r.get(Duration.ofSeconds(10)).data())).isEqualTo("v");
        assertThat(attempts.get()).isEqualTo(3);
        // The first attempt runs on the caller; later ones are scheduled and run on the handler.
        assertThat(threads.subList(1, 3)).allSatisfy(t -> assertThat(t).startsWith("zk-async-callback"));
        assertThat(caller).isPositive();
    }

    @Test
    void retryAsyncStopsAtANonRetryableErrorAndWhenAttemptsRunOut() {
        KazooClient c = client();
        AtomicInteger attempts = new AtomicInteger();
        AsyncResult<NodeData> missing = c.retryAsync(FAST, () -> {
            attempts.incrementAndGet();
            return c.getAsync("/missing");
        });
        assertThatThrownBy(() -> missing.get(Duration.ofSeconds(10))).isInstanceOf(NoNodeException.class);
        assertThat(attempts.get()).isEqualTo(1);

        AsyncResult<Object> exhausted = c.retryAsync(FAST.withMaxTries(3), () -> {
            DefaultAsyncResult<Object> failed = new DefaultAsyncResult<>(c.handler());
            failed.setException(new ConnectionLossException(null));
            return failed;
        });
        assertThatThrownBy(() -> exhausted.get(Duration.ofSeconds(10)))
                .isInstanceOf(KazooRetry.RetryFailedException.class)
                .hasCauseInstanceOf(ConnectionLossException.class);
    }

    @Test
    void blockingRetryUsesTheClientsCommandRetry() {
        KazooClient c = started(builder().commandRetry(FAST));
        AtomicInteger attempts = new AtomicInteger();
        String created = c.retry(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new ConnectionLossException("/r");
            }
            return c.create("/r", null);
        });
        assertThat(created).isEqualTo("/r");
        assertThat(attempts.get()).isEqualTo(2);
    }

    @Test
    void retryAsyncRetriesAThrottledRequest() {
        KazooClient c = client();
        c.create("/t", bytes("v"));
        AtomicInteger attempts = new AtomicInteger();
        AsyncResult<NodeData> r = c.retryAsync(FAST, () -> {
            if (attempts.incrementAndGet() == 1) {
                DefaultAsyncResult<NodeData> throttled = new DefaultAsyncResult<>(c.handler());
                throttled.setException(new ThrottledOpException("/t"));
                return throttled;
            }
            return c.getAsync("/t");
        });
        assertThat(string(r.get(Duration.ofSeconds(10)).data())).isEqualTo("v");
        assertThat(attempts.get()).isEqualTo(2);
    }

    @Test
    void cancellingARetryAsyncStopsTheAttempts() throws InterruptedException {
        KazooClient c = client();
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch firstFailed = new CountDownLatch(1);
        KazooRetry slow = FAST.withMaxTries(-1).withDelay(Duration.ofMillis(300));
        AsyncResult<Object> r = c.retryAsync(slow, () -> {
            attempts.incrementAndGet();
            DefaultAsyncResult<Object> failed = new DefaultAsyncResult<>(c.handler());
            failed.setException(new ConnectionLossException(null));
            firstFailed.countDown();
            return failed;
        });
        assertThat(firstFailed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(r.cancel(true)).isTrue();
        Thread.sleep(1_000);
        assertThat(attempts.get()).as("no attempt after the cancel, the one under way aside").isLessThanOrEqualTo(2);
    }

    @Test
    void scheduleRunsTheTaskOnTheHandlerAfterTheDelay() throws InterruptedException {
        KazooClient c = client();
        CountDownLatch ran = new CountDownLatch(1);
        List<String> threads = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        c.schedule(Duration.ofMillis(200), () -> {
            threads.add(Thread.currentThread().getName());
            ran.countDown();
        });
        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(200).toNanos());
        assertThat(threads).singleElement().satisfies(t -> assertThat(t).startsWith("zk-async-callback"));
    }

    @Test
    void aCancelledScheduledTaskDoesNotRun() throws InterruptedException {
        KazooClient c = client();
        AtomicInteger runs = new AtomicInteger();
        Future<?> dropped = c.schedule(Duration.ofMillis(300), runs::incrementAndGet);
        CountDownLatch later = new CountDownLatch(1);
        c.schedule(Duration.ofMillis(600), later::countDown);
        assertThat(dropped.cancel(false)).isTrue();
        assertThat(later.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(runs.get()).isZero();
    }
}
