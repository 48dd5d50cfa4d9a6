package dev.zkasync.client.reliability;

import dev.zkasync.client.KazooClient;
import dev.zkasync.client.data.NodeData;
import dev.zkasync.client.handler.AsyncResult;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads back, through a client that never went through the faults, every write a worker had
 * acknowledged: each created node with its data, and the two keys no older than their last
 * acknowledged value. Reads go out in windows, so a long run's writes are checked in seconds.
 */
final class SoakVerifier {

    private static final int READ_WINDOW = 256;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final KazooClient reader;
    private final Consumer<String> violations;

    SoakVerifier(KazooClient reader, Consumer<String> violations) {
        this.reader = reader;
        this.violations = violations;
    }

    /** Checks one worker's writes; returns how many acknowledged writes were read back. */
    long verify(SoakWorker worker) {
        Set<String> children = new HashSet<>(reader.getChildren(worker.dir));
        List<String> expected = new ArrayList<>();
        worker.ackedCreates.forEach(k -> expected.add("n" + k));
        worker.ackedMultis.forEach(k -> expected.add("m" + k));
        long missing = expected.stream().filter(name -> !children.contains(name)).count();
        if (missing > 0) {
            violations.accept(worker.dir + ": " + missing + " of " + expected.size() + " acknowledged nodes are missing, e.g. "
                    + expected.stream().filter(name -> !children.contains(name)).limit(5).toList());
        }
        long read = readBack(worker.dir, expected);
        atLeast(worker.dir + "/key", worker.keyAcked.get(), worker.keyIssued);
        atLeast(worker.dir + "/mkey", worker.multiAcked.get(), Long.MAX_VALUE);
        return read + 2;
    }

    /** Each node's data is its own number, the name without its letter. */
    private long readBack(String dir, List<String> names) {
        long read = 0;
        for (int from = 0; from < names.size(); from += READ_WINDOW) {
            List<String> batch = names.subList(from, Math.min(names.size(), from + READ_WINDOW));
            List<AsyncResult<NodeData>> reads = batch.stream().map(name -> reader.getAsync(dir + "/" + name)).toList();
            for (int i = 0; i < batch.size(); i++) {
                String data = string(reads.get(i).get(READ_TIMEOUT));
                if (!batch.get(i).substring(1).equals(data)) {
                    violations.accept(dir + "/" + batch.get(i) + " holds " + data);
                }
                read++;
            }
        }
        return read;
    }

    private void atLeast(String path, long acked, long issued) {
        long value = Long.parseLong(string(reader.getAsync(path).get(READ_TIMEOUT)));
        if (value < acked || value > issued) {
            violations.accept(path + " = " + value + " after acknowledged writes up to " + acked
                    + (issued == Long.MAX_VALUE ? "" : " (highest sent " + issued + ")"));
        }
    }

    private static String string(NodeData data) {
        return new String(data.data(), StandardCharsets.US_ASCII);
    }
}
