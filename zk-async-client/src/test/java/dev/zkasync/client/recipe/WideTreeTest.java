package dev.zkasync.client.recipe;

import dev.zkasync.client.KazooClient;
import dev.zkasync.client.KazooClientBuilder;
import dev.zkasync.client.exception.RequestQueueFullException;
import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.metrics.RequestObserver;
import dev.zkasync.test.ZooKeeperExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recipes that fan out over many children keep a bounded number of requests in flight: a cache of
 * a node with 20,000 children loads, and a party of hundreds is read by a client whose request
 * queue holds far fewer.
 */
class WideTreeTest extends RecipeTestSupport {
    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.shared();

    @Override
    ZooKeeperExtension zk() {
        return zk;
    }

    /** Counts the requests the client refused because its queue was full (retries would hide them). */
    private final AtomicInteger queueFull = new AtomicInteger();

    private KazooClient smallQueue(int maxQueued) {
        KazooClientBuilder b = builder(zk.connectString()).maxQueuedRequests(maxQueued).maxInFlight(16)
                .requestObserver(new RequestObserver() {
                    @Override
                    public Object started(String operation, String path) {
                        return null;
                    }

                    @Override
                    public void completed(Object context, String operation, String resultCode, Throwable error) {
                        if (error instanceof RequestQueueFullException) {
                            queueFull.incrementAndGet();
                        }
                    }
                });
        return started(b);
    }

    /** Creates {@code count} children of {@code parent}, a thousand requests at a time. */
    private static void createChildren(KazooClient c, String parent, String prefix, int count) {
        List<AsyncResult<String>> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(c.createAsync(parent + "/" + prefix + i, Recipes.utf8("member-" + i)));
            if (batch.size() == 1000 || i == count - 1) {
                batch.forEach(AsyncResult::get);
                batch.clear();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CacheTest.Kind.class)
    void aCacheOfANodeWithTwentyThousandChildrenLoads(CacheTest.Kind kind) {
        KazooClient c = client();
        c.ensurePath("/wide");
        createChildren(c, "/wide", "c-", 20_000);
        // Far fewer queue places than the tree has nodes: only a bounded load fits.
        KazooClient small = smallQueue(1_000);

        CacheBase cache = track(kind.create(small, "/wide"));
        cache.start().get(WAIT);

        assertThat(cache.size()).isEqualTo(20_001);
        assertThat(cache.getChildren("/wide")).hasSize(20_000);
        assertThat(Recipes.string(cache.getData("/wide/c-19999").data())).isEqualTo("member-19999");
        assertThat(queueFull).as("requests refused for a full queue").hasValue(0);
    }

    @Test
    void aPartyOfHundredsIsReadThroughASmallQueue() {
        KazooClient c = client();
        c.ensurePath("/party");
        createChildren(c, "/party", "m" + Party.NODE_NAME, 500);
        KazooClient small = smallQueue(100);

        List<String> members = KazooRecipes.of(small).party("/party", "me").members();

        assertThat(members).hasSize(500).contains("member-0", "member-499");
        assertThat(queueFull).as("requests refused for a full queue").hasValue(0);
    }

    @Test
    void theContendersOfALockWithHundredsWaitingAreRead() {
        KazooClient c = client();
        c.ensurePath("/lock");
        createChildren(c, "/lock", "x__lock__", 500);
        KazooClient small = smallQueue(100);

        AsyncResult<List<String>> data = Recipes.childrenData(small, "/lock", children -> children);

        assertThat(data.get()).hasSize(500);
    }
}
