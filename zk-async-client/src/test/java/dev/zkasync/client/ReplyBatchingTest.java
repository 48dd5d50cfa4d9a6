package dev.zkasync.client;

import dev.zkasync.client.data.Stat;
import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.watch.EventType;
import dev.zkasync.client.watch.WatchedEvent;

import dev.zkasync.client.exception.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Replies read in batches while many requests are outstanding ({@code replyBatchWindow}), against
 * the real server, under both handlers: nothing is lost, late or out of order, and reads pause only
 * where they should.
 */
@ParameterizedClass
@EnumSource(HandlerKind.class)
class ReplyBatchingTest extends RealServerTest {

    @Test
    void manyOutstandingRepliesArriveInOrderWhileReadsPause() throws Exception {
        KazooClient c = client();
        c.create("/n", bytes("0"));
        int count = 3000;
        List<Integer> versions = new ArrayList<>(); // written on the handler thread only
        List<AsyncResult<Stat>> results = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            AsyncResult<Stat> r = c.setAsync("/n", bytes(String.valueOf(i)));
            r.rawlink(done -> {
                synchronized (versions) {
                    versions.add(done.successful() ? done.value().version() : -1);
                }
            });
            results.add(r);
        }
        for (AsyncResult<Stat> r : results) {
            r.get(Duration.ofSeconds(60));
        }
        await(Duration.ofSeconds(10), "every callback", () -> sizeOf(versions) == count);
        List<Integer> expected = new ArrayList<>();
        for (int v = 1; v <= count; v++) {
            expected.add(v);
        }
        synchronized (versions) {
            assertThat(versions).as("callbacks in request order").isEqualTo(expected);
        }
        assertThat(string(c.get("/n").data())).isEqualTo(String.valueOf(count));
        assertThat(c.stats().readPauses()).as("reads paused with up to 512 requests on the wire").isPositive();
    }

    @Test
    void aClosedLoopOfCallbacksKeepsGoingAcrossPauses() throws Exception {
        KazooClient c = client();
        c.create("/n", bytes("v"));
        ClosedLoop.ofGets(c, "/n", 256, 20_000).awaitAllCorrect(Duration.ofSeconds(120));
        assertThat(c.stats().readPauses()).isPositive();
        assertThat(c.stats().inFlightRequests()).isZero();
    }

    @Test
    void fewOutstandingRequestsAreNeverHeldBack() throws Exception {
        KazooClient c = client();
        c.create("/n", bytes("v"));
        ClosedLoop.ofGets(c, "/n", 16, 5_000).awaitAllCorrect(Duration.ofSeconds(60));
        assertThat(c.stats().readPauses()).as("below 64 outstanding every reply is read at once").isZero();
    }

    @Test
    void aZeroWindowReadsEveryReplyAtOnce() throws Exception {
        KazooClient c = started(builder().replyBatchWindow(Duration.ZERO));
        c.create("/n", bytes("v"));
        ClosedLoop.ofGets(c, "/n", 256, 10_000).awaitAllCorrect(Duration.ofSeconds(60));
        assertThat(c.stats().readPauses()).isZero();
    }

    @Test
    void aWatchEventArrivesWhileRepliesAreBatched() throws Exception {
        KazooClient c = client();
        KazooClient other = client();
        c.create("/n", bytes("v"));
        ClosedLoop loop = ClosedLoop.ofGets(c, "/n", 256, Integer.MAX_VALUE);
        try {
            long pausesBefore = c.stats().readPauses();
            await(Duration.ofSeconds(30), "reads pausing under load", () -> c.stats().readPauses() > pausesBefore + 10);
            BlockingQueue<WatchedEvent> events = new LinkedBlockingQueue<>();
            assertThat(c.exists("/w", events::add)).isNull();
            other.create("/w", null);
            WatchedEvent event = events.poll(10, TimeUnit.SECONDS);
            assertThat(event).isNotNull();
            assertThat(event.type()).isEqualTo(EventType.CREATED);
            assertThat(event.path()).isEqualTo("/w");
        } finally {
            loop.stop();
        }
        loop.awaitDone(Duration.ofSeconds(60));
        assertThat(loop.failures()).isEmpty();
    }

    @Test
    void theWindowIsValidated() {
        assertThatThrownBy(() -> KazooClient.builder().replyBatchWindow(Duration.ofNanos(-1)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("replyBatchWindow");
        assertThatThrownBy(() -> KazooClient.builder().replyBatchWindow(Duration.ofSeconds(2)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("between zero and PT1S");
        assertThatThrownBy(() -> KazooClient.builder().replyBatchWindow(null)).isInstanceOf(NullPointerException.class);
    }

    private static int sizeOf(List<?> list) {
        synchronized (list) {
            return list.size();
        }
    }
}
