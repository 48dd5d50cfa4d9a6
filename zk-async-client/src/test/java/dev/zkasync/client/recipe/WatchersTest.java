package dev.zkasync.client.recipe;

import org.junit.jupiter.api.Tag;
import dev.zkasync.client.watch.EventType;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.client.data.Stat;
import dev.zkasync.client.watch.WatchedEvent;
import dev.zkasync.client.watch.WatcherType;
import dev.zkasync.client.exception.NoNodeException;
import dev.zkasync.client.exception.NoWatcherException;
import dev.zkasync.test.ZooKeeperExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DataWatch and ChildrenWatch against a real server. */
@Tag("server-matrix")
class WatchersTest extends RecipeTestSupport {
    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.shared();

    @Override
    ZooKeeperExtension zk() {
        return zk;
    }

    record Call(String data, Stat stat, EventType event) {
    }

    private static DataWatch.Callback recorder(BlockingQueue<Call> calls) {
        return (data, stat, event) -> {
            calls.add(new Call(string(data), stat, event == null ? null : event.type()));
            return true;
        };
    }

    static boolean hasServerWatch(KazooClient c, String path, WatcherType type) {
        try {
            c.checkWatches(path, type);
            return true;
        } catch (NoWatcherException e) {
            return false;
        }
    }

    /** Proves no call is pending: a change made afterwards is the next thing seen. */
    private static void assertNoCallBefore(BlockingQueue<Call> calls, String nextData) throws InterruptedException {
        assertThat(next(calls).data()).isEqualTo(nextData);
    }

    @Test
    void dataWatchIsCalledAtOnceAndOnEveryChange() throws Exception {
        KazooClient c = client();
        c.create("/n", bytes("1"));
        BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
        DataWatch watch = KazooRecipes.of(c).dataWatch("/n", recorder(calls));
        watch.initialized().get(WAIT);

        Call first = next(calls);
        assertThat(first.data()).isEqualTo("1");
        assertThat(first.event()).isNull();
        c.set("/n", bytes("2"));
        Call changed = next(calls);
        assertThat(changed).extracting(Call::data, Call::event).containsExactly("2", EventType.CHANGED);
        assertThat(changed.stat().version()).isEqualTo(1);
        c.delete("/n");
        assertThat(next(calls)).isEqualTo(new Call(null, null, EventType.DELETED));
        c.create("/n", bytes("3"));
        assertThat(next(calls)).extracting(Call::data, Call::event).containsExactly("3", EventType.CREATED);
        watch.close();
    }

    @Test
    void dataWatchOnAMissingNodeReportsNullOnceThenTheCreation() throws Exception {
        KazooClient c = client();
        BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
        KazooRecipes.of(c).dataWatch("/later", recorder(calls)).initialized().get(WAIT);
        assertThat(next(calls)).isEqualTo(new Call(null, null, null));
        c.create("/later", bytes("x"));
        assertThat(next(calls)).extracting(Call::data, Call::event).containsExactly("x", EventType.CREATED);
        assertThat(calls).isEmpty();
    }

    @Test
    void dataWatchStopsWhenTheFunctionReturnsFalseAndLeavesNoWatch() throws Exception {
        KazooClient c = client();
        c.create("/n", bytes("0"));
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        DataWatch watch = KazooRecipes.of(c).dataWatch("/n", (data, stat, event) -> {
            seen.add(string(data));
            return !string(data).equals("1");
        });
        assertThat(next(seen)).isEqualTo("0");
        c.set("/n", bytes("1"));
        assertThat(next(seen)).isEqualTo("1");
        await("the watch to stop", watch::stopped);
        await("the server watch to go", () -> !hasServerWatch(c, "/n", WatcherType.DATA));
        c.set("/n", bytes("2"));
        // A second watch sees "2"; the stopped one never does.
        BlockingQueue<Call> other = new LinkedBlockingQueue<>();
        KazooRecipes.of(c).dataWatch("/n", recorder(other));
        assertThat(next(other).data()).isEqualTo("2");
        assertThat(seen).isEmpty();
    }

    @Test
    void closeRemovesTheRegistrationOnlyWhenTheLastWatchOnThePathGoes() throws Exception {
        KazooClient c = client();
        c.create("/n", bytes("0"));
        BlockingQueue<Call> a = new LinkedBlockingQueue<>();
        BlockingQueue<Call> b = new LinkedBlockingQueue<>();
        DataWatch first = KazooRecipes.of(c).dataWatch("/n", recorder(a));
        DataWatch second = KazooRecipes.of(c).dataWatch("/n", recorder(b));
        next(a);
        next(b);
        first.close();
        c.set("/n", bytes("1"));
        assertThat(next(b).data()).isEqualTo("1");
        assertThat(hasServerWatch(c, "/n", WatcherType.DATA)).isTrue();
        second.close();
        await("the server watch to go", () -> !hasServerWatch(c, "/n", WatcherType.DATA));
        assertThat(a).isEmpty();

        // Missing nodes are watched with exists: the same holds for those.
        DataWatch absent = KazooRecipes.of(c).dataWatch("/absent", (d, s, e) -> true);
        absent.initialized().get(WAIT);
        assertThat(hasServerWatch(c, "/absent", WatcherType.DATA)).isTrue();
        absent.close();
        await("the exists watch to go", () -> !hasServerWatch(c, "/absent", WatcherType.DATA));
    }

    @Test
    void dataWatchSurvivesAReconnectWithoutDuplicateCalls() throws Exception {
        Proxied p = proxiedClient();
        KazooClient writer = client();
        p.client().create("/n", bytes("0"));
        BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
        KazooRecipes.of(p.client()).dataWatch("/n", recorder(calls));
        assertThat(next(calls).data()).isEqualTo("0");

        p.proxy().dropConnections();
        awaitState(p.states(), KazooState.SUSPENDED);
        awaitState(p.states(), KazooState.CONNECTED);
        writer.set("/n", bytes("1"));
        assertNoCallBefore(calls, "1"); // the re-read after the reconnect found version 0 again: no call
    }

    @Test
    void dataWatchIsReArmedAfterSessionLossAndSeesChangesMadeMeanwhile() throws Exception {
        Proxied p = proxiedClient();
        KazooClient writer = client();
        writer.create("/n", bytes("0"));
        BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
        KazooRecipes.of(p.client()).dataWatch("/n", recorder(calls));
        assertThat(next(calls).data()).isEqualTo("0");

        p.proxy().refuseNewConnections(true);
        p.proxy().dropConnections();
        awaitState(p.states(), KazooState.SUSPENDED);
        writer.set("/n", bytes("missed"));
        p.proxy().refuseNewConnections(false);
        awaitState(p.states(), KazooState.CONNECTED);
        assertThat(next(calls).data()).isEqualTo("missed");

        expire(p);
        writer.set("/n", bytes("after expiry"));
        await("the change after expiry", () -> calls.stream().anyMatch(call -> "after expiry".equals(call.data())));
    }

    @Test
    void childrenWatchIsCalledAtOnceAndOnEveryChildChange() throws Exception {
        KazooClient c = client();
        c.create("/p");
        c.create("/p/a");
        BlockingQueue<List<String>> calls = new LinkedBlockingQueue<>();
        BlockingQueue<WatchedEvent> events = new LinkedBlockingQueue<>();
        ChildrenWatch watch = KazooRecipes.of(c).childrenWatch("/p", (children, event) -> {
            calls.add(children.stream().sorted().toList());
            if (event != null) {
                events.add(event);
            }
            return true;
        });
        watch.initialized().get(WAIT);
        assertThat(next(calls)).containsExactly("a");
        c.create("/p/b");
        assertThat(next(calls)).containsExactly("a", "b");
        assertThat(next(events).type()).isEqualTo(EventType.CHILD);
        c.delete("/p/a");
        assertThat(next(calls)).containsExactly("b");
        c.set("/p", bytes("data changes are not child changes"));
        c.create("/p/c");
        assertThat(next(calls)).containsExactly("b", "c");

        watch.close();
        await("the child watch to go", () -> !hasServerWatch(c, "/p", WatcherType.CHILDREN));
        c.create("/p/d");
        assertThat(calls.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void childrenWatchStopsWhenTheNodeIsMissingOrDeleted() throws Exception {
        KazooClient c = client();
        ChildrenWatch missing = KazooRecipes.of(c).childrenWatch("/none", (children, event) -> true);
        assertThatThrownBy(() -> missing.initialized().get(WAIT)).isInstanceOf(NoNodeException.class);
        assertThat(missing.stopped()).isTrue();

        c.create("/p");
        BlockingQueue<List<String>> calls = new LinkedBlockingQueue<>();
        ChildrenWatch watch = KazooRecipes.of(c).childrenWatch("/p", (children, event) -> calls.add(children));
        next(calls);
        c.delete("/p");
        await("the watch to stop", watch::stopped);
        assertThat(calls).isEmpty();
    }

    @Test
    void childrenWatchStopsWhenTheFunctionReturnsFalse() throws Exception {
        KazooClient c = client();
        c.create("/p");
        BlockingQueue<List<String>> calls = new LinkedBlockingQueue<>();
        ChildrenWatch watch = KazooRecipes.of(c).childrenWatch("/p", (children, event) -> {
            calls.add(children);
            return children.isEmpty();
        });
        assertThat(next(calls)).isEmpty();
        c.create("/p/a");
        assertThat(next(calls)).containsExactly("a");
        await("the watch to stop", watch::stopped);
        await("the child watch to go", () -> !hasServerWatch(c, "/p", WatcherType.CHILDREN));
    }

    @Test
    void childrenWatchIsReArmedAfterReconnectAndSessionLossWithoutDuplicates() throws Exception {
        Proxied p = proxiedClient();
        KazooClient writer = client();
        writer.create("/p");
        BlockingQueue<List<String>> calls = new LinkedBlockingQueue<>();
        KazooRecipes.of(p.client()).childrenWatch("/p", (children, event) -> calls.add(children.stream().sorted().toList()));
        assertThat(next(calls)).isEmpty();

        p.proxy().dropConnections();
        awaitState(p.states(), KazooState.SUSPENDED);
        awaitState(p.states(), KazooState.CONNECTED);
        writer.create("/p/a");
        assertThat(next(calls)).containsExactly("a"); // nothing in between: the re-read was de-duplicated

        expire(p);
        writer.create("/p/b");
        await("the change after expiry", () -> calls.stream().anyMatch(l -> l.equals(List.of("a", "b"))));
    }

    @Test
    void blockingFormsRefuseToRunOnTheHandlerThread() throws Exception {
        KazooClient c = client();
        BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
        c.existsAsync("/").rawlink(r -> {
            try {
                Recipes.requireNotHandlerThread(c, "acquire()");
            } catch (IllegalStateException e) {
                errors.add(e);
            }
        });
        assertThat(next(errors)).hasMessageContaining("acquire()");
    }
}
