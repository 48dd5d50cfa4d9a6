package dev.zkasync.client;

import dev.zkasync.client.data.NodeData;
import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.handler.DefaultAsyncResult;
import dev.zkasync.client.retry.KazooRetry;

import dev.zkasync.client.exception.ConnectionLossException;
import dev.zkasync.client.exception.NoNodeException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
}
