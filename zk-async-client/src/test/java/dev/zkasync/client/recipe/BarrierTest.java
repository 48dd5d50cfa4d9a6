package dev.zkasync.client.recipe;

import org.junit.jupiter.api.Tag;
import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.watch.WatcherType;
import dev.zkasync.test.ZooKeeperExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Barrier and DoubleBarrier with several clients against a real server. */
@Tag("server-matrix")
class BarrierTest extends RecipeTestSupport {
    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.shared();

    @Override
    ZooKeeperExtension zk() {
        return zk;
    }

    @Test
    void waitersAreReleasedWhenTheBarrierIsRemoved() {
        KazooClient coordinator = client();
        Barrier barrier = KazooRecipes.of(coordinator).barrier("/barrier");
        assertThat(barrier.await(Duration.ofSeconds(5))).as("no barrier: no wait").isTrue();
        barrier.create();
        List<AsyncResult<Boolean>> waiting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiting.add(KazooRecipes.of(client()).barrier("/barrier").awaitAsync(null));
        }
        for (AsyncResult<Boolean> w : waiting) {
            assertThat(w.await(Duration.ofMillis(100))).isFalse();
        }
        assertThat(barrier.remove()).isTrue();
        for (AsyncResult<Boolean> w : waiting) {
            assertThat(w.get(WAIT)).isTrue();
        }
        assertThat(barrier.remove()).isFalse();
    }

    @Test
    void aWaitThatTimesOutLeavesNoWatch() {
        KazooClient c = client();
        Barrier barrier = KazooRecipes.of(c).barrier("/barrier");
        barrier.create();
        for (int i = 0; i < 5; i++) {
            assertThat(barrier.await(Duration.ofMillis(50))).isFalse();
        }
        await("no watch left", () -> !WatchersTest.hasServerWatch(c, "/barrier", WatcherType.DATA));
    }

    @Test
    void doubleBarrierEntersTogetherAndLeavesTogether() throws Exception {
        List<DoubleBarrier> members = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            members.add(KazooRecipes.of(client()).doubleBarrier("/db", 3, "member-" + i));
        }
        AsyncResult<Void> first = members.get(0).enterAsync();
        AsyncResult<Void> second = members.get(1).enterAsync();
        KazooClient observer = client();
        await("two inside", () -> observer.getChildren("/db").size() == 2);
        assertThat(first.ready()).isFalse();
        assertThat(second.ready()).isFalse();
        members.get(2).enter();
        first.get(WAIT);
        second.get(WAIT);
        assertThat(members).allMatch(DoubleBarrier::participating);
        assertThat(observer.getChildren("/db")).contains("ready").hasSize(4);
        assertThat(string(observer.get("/db/" + observer.getChildren("/db").stream()
                .filter(n -> !n.equals("ready")).findFirst().orElseThrow()).data())).startsWith("member-");

        AsyncResult<Void> leave0 = members.get(0).leaveAsync();
        AsyncResult<Void> leave1 = members.get(1).leaveAsync();
        assertThat(leave0.await(Duration.ofMillis(200))).isFalse();
        assertThat(leave1.ready()).isFalse();
        members.get(2).leave();
        leave0.get(WAIT);
        leave1.get(WAIT);
        assertThat(members).noneMatch(DoubleBarrier::participating);
        assertThat(observer.getChildren("/db")).isEmpty();
    }

    @Test
    void doubleBarrierSurvivesAnExpiryWhileEntering() throws Exception {
        Proxied p = proxiedClient();
        DoubleBarrier flaky = KazooRecipes.of(p.client()).doubleBarrier("/db", 2, "flaky");
        AsyncResult<Void> entering = flaky.enterAsync();
        KazooClient observer = client();
        // The barrier node itself may not exist yet when the first poll runs.
        await("one inside", () -> observer.exists("/db") != null && observer.getChildren("/db").size() == 1);
        expire(p);
        await("back inside on the new session", () -> observer.getChildren("/db").size() == 1);
        KazooRecipes.of(observer).doubleBarrier("/db", 2, "steady").enter();
        entering.get(WAIT);
        assertThat(flaky.participating()).isTrue();
    }
}
