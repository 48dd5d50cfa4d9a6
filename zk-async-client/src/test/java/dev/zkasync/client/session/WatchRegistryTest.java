package dev.zkasync.client.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zkasync.client.watch.EventType;
import dev.zkasync.client.watch.WatchedEvent;
import dev.zkasync.client.watch.Watcher;
import dev.zkasync.client.watch.WatcherType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

class WatchRegistryTest {

    /** A watcher with a name for failure messages; equality is identity, as for lambdas. */
    private static final class Named implements Watcher {
        private final String name;

        Named(String name) {
            this.name = name;
        }

        @Override
        public void process(WatchedEvent event) {
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final Watcher data = new Named("data");
    private final Watcher exist = new Named("exist");
    private final Watcher child = new Named("child");
    private final Watcher other = new Named("other");

    /** data, exist and child watches on /a, plus watches of every kind on /b. */
    private WatchRegistry populated() {
        WatchRegistry r = new WatchRegistry();
        r.addData("/a", data);
        r.addExist("/a", exist);
        r.addChild("/a", child);
        r.addData("/b", other);
        r.addExist("/b", other);
        r.addChild("/b", other);
        return r;
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = {"CREATED", "CHANGED"})
    void createdAndChangedFireDataAndExistWatchesOfThatPath(EventType type) {
        WatchRegistry r = populated();
        assertThat(r.materialize(type, "/a")).containsExactly(data, exist);
        assertThat(r.dataPaths()).containsExactly("/b");
        assertThat(r.existPaths()).containsExactly("/b");
        assertThat(r.childPaths()).containsExactlyInAnyOrder("/a", "/b");
    }

    @Test
    void deletedFiresDataExistAndChildWatches() {
        WatchRegistry r = populated();
        assertThat(r.materialize(EventType.DELETED, "/a")).containsExactly(data, exist, child);
        assertThat(r.dataPaths()).containsExactly("/b");
        assertThat(r.existPaths()).containsExactly("/b");
        assertThat(r.childPaths()).containsExactly("/b");
    }

    @Test
    void childFiresChildWatchesOnly() {
        WatchRegistry r = populated();
        assertThat(r.materialize(EventType.CHILD, "/a")).containsExactly(child);
        assertThat(r.dataPaths()).containsExactlyInAnyOrder("/a", "/b");
        assertThat(r.existPaths()).containsExactlyInAnyOrder("/a", "/b");
        assertThat(r.childPaths()).containsExactly("/b");
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = {"NONE", "DATA_WATCH_REMOVED", "CHILD_WATCH_REMOVED",
            "PERSISTENT_WATCH_REMOVED"})
    void otherEventTypesFireAndRemoveNothing(EventType type) {
        WatchRegistry r = populated();
        assertThat(r.materialize(type, "/a")).isEmpty();
        assertThat(r.dataPaths()).containsExactlyInAnyOrder("/a", "/b");
        assertThat(r.existPaths()).containsExactlyInAnyOrder("/a", "/b");
        assertThat(r.childPaths()).containsExactlyInAnyOrder("/a", "/b");
    }

    @Test
    void eventsOnOtherPathsFireNothing() {
        WatchRegistry r = populated();
        assertThat(r.materialize(EventType.DELETED, "/c")).isEmpty();
        // No prefix or parent matching for one-shot watches.
        assertThat(r.materialize(EventType.DELETED, "/a/x")).isEmpty();
        assertThat(r.materialize(EventType.CHANGED, "/")).isEmpty();
        assertThat(r.dataPaths()).containsExactlyInAnyOrder("/a", "/b");
    }

    @Test
    void watchesAreOneShot() {
        WatchRegistry r = populated();
        assertThat(r.materialize(EventType.CHANGED, "/a")).containsExactly(data, exist);
        assertThat(r.materialize(EventType.CHANGED, "/a")).isEmpty();
        assertThat(r.materialize(EventType.CHILD, "/a")).containsExactly(child);
        assertThat(r.materialize(EventType.CHILD, "/a")).isEmpty();
        assertThat(r.materialize(EventType.DELETED, "/a")).isEmpty();
    }

    @Test
    void sameWatcherAddedTwiceFiresOnce() {
        WatchRegistry r = new WatchRegistry();
        r.addData("/a", data);
        r.addData("/a", data);
        assertThat(r.materialize(EventType.CHANGED, "/a")).containsExactly(data);
    }

    @Test
    void sameWatcherOnSeveralKindsOfOnePathFiresOnce() {
        WatchRegistry r = new WatchRegistry();
        r.addData("/a", data);
        r.addExist("/a", data);
        r.addChild("/a", data);
        assertThat(r.materialize(EventType.DELETED, "/a")).containsExactly(data);
        assertThat(r.isEmpty()).isTrue();
    }

    @Test
    void severalWatchersOnOnePathFireInRegistrationOrder() {
        WatchRegistry r = new WatchRegistry();
        Watcher w1 = new Named("1");
        Watcher w2 = new Named("2");
        Watcher w3 = new Named("3");
        r.addData("/a", w2);
        r.addData("/a", w1);
        r.addData("/a", w3);
        assertThat(r.materialize(EventType.CHANGED, "/a")).containsExactly(w2, w1, w3);
    }

    @Test
    void distinctWatcherObjectsAreHeldSeparately() {
        WatchRegistry r = new WatchRegistry();
        Watcher w1 = new Named("same");
        Watcher w2 = new Named("same");
        r.addChild("/a", w1);
        r.addChild("/a", w2);
        assertThat(r.materialize(EventType.CHILD, "/a")).containsExactly(w1, w2);
    }

    @Test
    void removingOneOfSeveralWatchersKeepsTheOthersInOrderAndTheServerWatch() {
        WatchRegistry r = new WatchRegistry();
        for (Watcher w : List.of(data, other, exist)) {
            r.addData("/a", w);
        }
        assertThat(r.remove("/a", other, WatcherType.DATA)).isEqualTo(new WatchRegistry.Removal(List.of(other), false));
        assertThat(r.remove("/a", other, WatcherType.DATA).removed()).isEmpty();
        assertThat(r.remove("/a", data, WatcherType.DATA)).isEqualTo(new WatchRegistry.Removal(List.of(data), false));
        r.addData("/a", data);
        assertThat(r.materialize(EventType.CHANGED, "/a")).containsExactly(exist, data);

        r.addChild("/b", data);
        assertThat(r.remove("/b", other, WatcherType.CHILDREN)).isEqualTo(new WatchRegistry.Removal(List.of(), false));
        assertThat(r.remove("/b", data, WatcherType.CHILDREN)).isEqualTo(new WatchRegistry.Removal(List.of(data), true));
        assertThat(r.isEmpty()).isTrue();
    }

    @Test
    void removingEveryWatcherOfAKindTakesAllOfThem() {
        WatchRegistry r = new WatchRegistry();
        r.addData("/a", data);
        List.of(other, exist).forEach(w -> r.addExist("/a", w));
        r.addChild("/a", child);
        WatchRegistry.Removal removal = r.remove("/a", null, WatcherType.DATA);
        assertThat(removal.removed()).containsExactly(data, other, exist);
        assertThat(removal.serverWatchGone()).isTrue();
        assertThat(r.materialize(EventType.DELETED, "/a")).containsExactly(child);
    }

    @Test
    void drainAllReturnsEachWatcherOnceAndEmptiesTheRegistry() {
        WatchRegistry r = populated();
        r.addData("/c", data); // data already watches /a
        assertThat(r.isEmpty()).isFalse();

        assertThat(r.drainAll()).containsExactlyInAnyOrder(data, exist, child, other);
        assertThat(r.isEmpty()).isTrue();
        assertThat(r.dataPaths()).isEmpty();
        assertThat(r.existPaths()).isEmpty();
        assertThat(r.childPaths()).isEmpty();
        assertThat(r.drainAll()).isEmpty();
        assertThat(r.materialize(EventType.DELETED, "/a")).isEmpty();
    }

    @Test
    void pathListsForSetWatches() {
        WatchRegistry r = new WatchRegistry();
        assertThat(r.isEmpty()).isTrue();
        assertThat(r.dataPaths()).isEmpty();
        r.addData("/d1", data);
        r.addData("/d2", data);
        r.addData("/d2", other);
        r.addExist("/e1", exist);
        r.addChild("/c1", child);
        r.addChild("/d1", child);

        assertThat(r.dataPaths()).containsExactlyInAnyOrder("/d1", "/d2");
        assertThat(r.existPaths()).containsExactly("/e1");
        assertThat(r.childPaths()).containsExactlyInAnyOrder("/c1", "/d1");

        // The lists are copies: changing them does not touch the registry.
        r.dataPaths().clear();
        assertThat(r.dataPaths()).hasSize(2);

        // A fired path leaves its kind's list.
        r.materialize(EventType.CREATED, "/e1");
        assertThat(r.existPaths()).isEmpty();
        r.materialize(EventType.CHANGED, "/d2");
        assertThat(r.dataPaths()).containsExactly("/d1");
        assertThat(r.childPaths()).containsExactlyInAnyOrder("/c1", "/d1");
    }
}
