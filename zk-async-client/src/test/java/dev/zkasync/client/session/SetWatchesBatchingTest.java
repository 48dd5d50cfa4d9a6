package dev.zkasync.client.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zkasync.client.protocol.SetWatches2;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * How the handshake cuts a session's watches into SetWatches2 requests; re-arming them on a real
 * server is in WatchTest and PersistentWatchTest.
 */
class SetWatchesBatchingTest {

    private static List<String> paths(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + "/node-" + i).toList();
    }

    private static int size(List<List<String>> batch) {
        return batch.stream().flatMap(List::stream).mapToInt(SetWatches2::sizeOf).sum();
    }

    @Test
    void aFewWatchesGoInOneRequest() {
        List<List<String>> kinds = List.of(paths("/data", 3), paths("/exist", 1), List.of(), paths("/persistent", 2),
                paths("/recursive", 1));
        List<List<List<String>>> batches = Handshake.batches(kinds, Handshake.SET_WATCHES_MAX_BYTES);
        assertThat(batches).containsExactly(kinds);
    }

    @Test
    void manyWatchesAreCutBySizeKeepingEveryPathOnceInOrderAndUnderItsKind() {
        List<List<String>> kinds = List.of(paths("/data", 500), paths("/exist", 30), paths("/child", 400), List.of(),
                paths("/recursive", 70));
        int max = 4096;
        List<List<List<String>>> batches = Handshake.batches(kinds, max);

        assertThat(batches).hasSizeGreaterThan(1);
        List<List<String>> rejoined = new ArrayList<>();
        for (int k = 0; k < SetWatches2.KINDS; k++) {
            rejoined.add(new ArrayList<>());
        }
        for (List<List<String>> batch : batches) {
            assertThat(batch).hasSize(SetWatches2.KINDS);
            int longest = batch.stream().flatMap(List::stream).mapToInt(SetWatches2::sizeOf).max().orElse(0);
            assertThat(size(batch)).as("a batch passes the limit by at most its last path").isLessThan(max + longest);
            for (int k = 0; k < SetWatches2.KINDS; k++) {
                rejoined.get(k).addAll(batch.get(k));
            }
        }
        assertThat(rejoined).isEqualTo(kinds);
        for (List<List<String>> batch : batches.subList(0, batches.size() - 1)) {
            assertThat(size(batch)).as("every batch but the last is full").isGreaterThanOrEqualTo(max);
        }
    }

    @Test
    void aBatchCanSpanKinds() {
        List<List<String>> kinds = List.of(List.of("/a"), List.of("/b"), List.of("/c"), List.of("/d"), List.of("/e"));
        int twoPaths = SetWatches2.sizeOf("/a") * 2;
        List<List<List<String>>> batches = Handshake.batches(kinds, twoPaths);
        assertThat(batches).containsExactly(
                List.of(List.of("/a"), List.of("/b"), List.of(), List.of(), List.of()),
                List.of(List.of(), List.of(), List.of("/c"), List.of("/d"), List.of()),
                List.of(List.of(), List.of(), List.of(), List.of(), List.of("/e")));
    }
}
