package dev.zkasync.client.recipe;

import org.junit.jupiter.api.Tag;
import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.KazooClient;
import dev.zkasync.test.ZooKeeperExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Election with several clients against a real server. */
@Tag("server-matrix")
class ElectionTest extends RecipeTestSupport {
    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.shared();

    @Override
    ZooKeeperExtension zk() {
        return zk;
    }

    @Test
    void oneLeaderAtATimeAndLeadershipPassesInOrder() throws Exception {
        AtomicInteger leaders = new AtomicInteger();
        AtomicInteger maxLeaders = new AtomicInteger();
        BlockingQueue<String> elected = new LinkedBlockingQueue<>();
        Map<String, CountDownLatch> stepDown = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        Election first = null;
        for (int i = 1; i <= 3; i++) {
            String id = "candidate-" + i;
            stepDown.put(id, new CountDownLatch(1));
            Election e = KazooRecipes.of(client()).election("/election", id);
            if (first == null) {
                first = e;
            }
            threads.add(Thread.ofPlatform().start(() -> e.run(() -> {
                maxLeaders.accumulateAndGet(leaders.incrementAndGet(), Math::max);
                elected.add(id);
                try {
                    stepDown.get(id).await();
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                leaders.decrementAndGet();
            })));
            Election probe = first;
            int expected = i;
            await(id + " registered", () -> probe.contenders().size() == expected);
        }
        assertThat(first.contenders()).containsExactly("candidate-1", "candidate-2", "candidate-3");
        for (int i = 1; i <= 3; i++) {
            String leader = next(elected);
            assertThat(leader).isEqualTo("candidate-" + i);
            assertThat(elected.poll(100, TimeUnit.MILLISECONDS)).isNull();
            stepDown.get(leader).countDown();
        }
        for (Thread t : threads) {
            t.join(10_000);
        }
        assertThat(maxLeaders.get()).isEqualTo(1);
    }

    @Test
    void aCancelledCandidateNeverRuns() throws Exception {
        KazooClient c = client();
        Election leader = KazooRecipes.of(c).election("/election", "leader");
        CountDownLatch leading = new CountDownLatch(1);
        CountDownLatch stop = new CountDownLatch(1);
        Thread t = Thread.ofPlatform().start(() -> leader.run(() -> {
            leading.countDown();
            try {
                stop.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(leading.await(30, TimeUnit.SECONDS)).isTrue();
        Election candidate = KazooRecipes.of(client()).election("/election", "candidate");
        BlockingQueue<Boolean> ran = new LinkedBlockingQueue<>();
        Thread waiting = Thread.ofPlatform().start(() -> ran.add(candidate.run(() -> { })));
        await("candidate registered", () -> leader.contenders().size() == 2);
        candidate.cancel();
        assertThat(next(ran)).isFalse();
        assertThat(leader.contenders()).containsExactly("leader");
        stop.countDown();
        t.join(10_000);
        waiting.join(10_000);
    }

    @Test
    void aLeaderWhoseSessionIsLostIsInterruptedAndAnotherIsElected() throws Exception {
        Proxied p = proxiedClient();
        Election doomed = KazooRecipes.of(p.client()).election("/election", "doomed");
        CountDownLatch leading = new CountDownLatch(1);
        BlockingQueue<String> endings = new LinkedBlockingQueue<>();
        Thread t = Thread.ofPlatform().start(() -> doomed.run(() -> {
            leading.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                endings.add("interrupted");
            }
        }));
        assertThat(leading.await(30, TimeUnit.SECONDS)).isTrue();
        Election successor = KazooRecipes.of(client()).election("/election", "successor");
        CompletableFuture<Void> successorLeads = new CompletableFuture<>();
        AsyncResult<Boolean> term = successor.runAsync(leadership -> {
            successorLeads.complete(null);
            return leadership.lost();
        });
        expire(p);
        assertThat(next(endings)).isEqualTo("interrupted");
        t.join(10_000);
        assertThat(t.isAlive()).isFalse();
        successorLeads.get(30, TimeUnit.SECONDS);
        assertThat(successor.isLeader()).isTrue();
        assertThat(term.ready()).isFalse();
        successor.contenders();
    }

    @Test
    void asyncLeadershipIsHeldUntilTheStageCompletesAndToldWhenLost() throws Exception {
        Proxied p = proxiedClient();
        Election e = KazooRecipes.of(p.client()).election("/election", "async");
        BlockingQueue<Election.Leadership> terms = new LinkedBlockingQueue<>();
        AsyncResult<Boolean> done = e.runAsync(leadership -> {
            terms.add(leadership);
            return leadership.lost();
        });
        Election.Leadership term = next(terms);
        assertThat(e.isLeader()).isTrue();
        assertThat(done.ready()).isFalse();
        expire(p);
        term.lost().get(WAIT);
        assertThat(term.isLost()).isTrue();
        assertThat(done.get(WAIT)).isTrue();
        assertThat(e.isLeader()).isFalse();

        // A task that finishes gives leadership up at once.
        Election other = KazooRecipes.of(client()).election("/election", "other");
        CompletableFuture<String> finish = new CompletableFuture<>();
        AsyncResult<Boolean> otherDone = other.runAsync(leadership -> finish);
        await("other leads", other::isLeader);
        finish.complete("done");
        assertThat(otherDone.get(WAIT)).isTrue();
        assertThat(other.contenders()).isEmpty();
    }

    @Test
    void aLeaderThatCrashesIsReplaced() throws Exception {
        KazooClient crashing = client();
        Election first = KazooRecipes.of(crashing).election("/election", "first");
        CountDownLatch leading = new CountDownLatch(1);
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                first.run(() -> {
                    leading.countDown();
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            } catch (RuntimeException e) {
                // the client went away under it
            }
        });
        assertThat(leading.await(30, TimeUnit.SECONDS)).isTrue();
        Election second = KazooRecipes.of(client()).election("/election", "second");
        AsyncResult<Boolean> term = second.runAsync(leadership -> new CompletableFuture<>());
        crashing.close();
        await("second elected", second::isLeader);
        t.join(10_000);
        assertThat(term.ready()).isFalse();
    }
}
