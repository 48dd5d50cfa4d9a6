package dev.zkasync.client.reliability;

import dev.zkasync.client.KazooClient;
import dev.zkasync.client.data.NodeData;
import dev.zkasync.client.exception.KazooException;
import dev.zkasync.client.handler.AsyncResult;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads back, through a client that never went through the faults, every write a worker had
 * acknowledged: each created node with its data, and the two keys no older than their last
 * acknowledged value. Reads go out in windows of 256.
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
        List<String> expected = new ArrayList<>();
        worker.ackedCreates.stream().forEach(k -> expected.add("n" + k));
        worker.ackedMultis.stream().forEach(k -> expected.add("m" + k));
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
                String path = dir + "/" + batch.get(i);
                try {
                    String data = string(reads.get(i).get(READ_TIMEOUT));
                    if (!batch.get(i).substring(1).equals(data)) {
                        violations.accept(path + " holds " + data);
                    }
                    read++;
                } catch (KazooException e) {
                    violations.accept("acknowledged " + path + " cannot be read: " + e);
                }
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
