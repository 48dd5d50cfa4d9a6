package dev.zkasync.client;

import org.junit.jupiter.api.Tag;
import dev.zkasync.client.acl.ACL;
import dev.zkasync.client.acl.Id;
import dev.zkasync.client.acl.Perms;
import dev.zkasync.client.exception.IncompleteDeleteException;
import dev.zkasync.client.exception.NoAuthException;
import dev.zkasync.client.handler.AsyncResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Walks over large trees: a recursive delete keeps a bounded number of requests in flight and says where it stopped. */
@Tag("server-matrix")
class TreeWalkTest extends RealServerTest {

    /** Creates {@code count} empty children of {@code parent}, a thousand requests at a time. */
    private static void createChildren(KazooClient c, String parent, int count) {
        List<AsyncResult<String>> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(c.createAsync(parent + "/c-" + i, null));
            if (batch.size() == 1000 || i == count - 1) {
                batch.forEach(AsyncResult::get);
                batch.clear();
            }
        }
    }

    @Test
    void aNodeWithTwentyThousandChildrenIsDeletedCompletely() {
        KazooClient c = client();
        c.ensurePath("/wide");
        createChildren(c, "/wide", 20_000);

        c.delete("/wide", -1, true);

        assertThat(c.exists("/wide")).isNull();
    }

    @Test
    void aRecursiveDeleteStaysWithinASmallRequestQueue() {
        // 30 x 30 nodes below /deep, deleted by a client that queues at most 100 requests.
        KazooClient setup = client();
        for (int i = 0; i < 30; i++) {
            setup.ensurePath("/deep/n-" + i);
            createChildren(setup, "/deep/n-" + i, 30);
        }
        KazooClient small = started(builder().maxQueuedRequests(100).maxInFlight(16));

        small.deleteAsync("/deep", -1, true).get();

        assertThat(setup.exists("/deep")).isNull();
    }

    @Test
    void aDeleteStoppedPartWayNamesWhereAndKeepsTheRest() {
        KazooClient c = client();
        c.ensurePath("/t/open");
        createChildren(c, "/t/open", 10);
        // Deleting a child needs DELETE on its parent: /t/locked's children cannot go.
        c.create("/t/locked", null, CreateOptions.DEFAULT.acl(List.of(
                new ACL(Perms.READ | Perms.CREATE | Perms.WRITE | Perms.ADMIN, Id.ANYONE_ID_UNSAFE))));
        c.create("/t/locked/a", null);

        assertThatThrownBy(() -> c.delete("/t", -1, true))
                .isInstanceOfSatisfying(IncompleteDeleteException.class, e -> {
                    assertThat(e.path()).isEqualTo("/t");
                    assertThat(e.failedAt()).isEqualTo("/t/locked/a");
                    assertThat(e.getCause()).isInstanceOf(NoAuthException.class);
                    assertThat(e.getMessage()).contains("\"/t\"", "\"/t/locked/a\"", "remain");
                });
        assertThat(c.exists("/t")).isNotNull();
        assertThat(c.exists("/t/locked/a")).isNotNull();
    }
}
