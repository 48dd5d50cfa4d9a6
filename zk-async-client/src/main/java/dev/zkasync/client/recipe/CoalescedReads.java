package dev.zkasync.client.recipe;

import dev.zkasync.client.KazooClient;
import dev.zkasync.client.ReadOp;
import dev.zkasync.client.data.NodeData;
import dev.zkasync.client.exception.ProtocolException;
import dev.zkasync.client.handler.AsyncResult;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The reads of a {@link CuratorCache}'s loads, coalesced into multiRead requests (ZooKeeper 3.6+):
 * a read costs the server far less inside a multi than as a request of its own. Reads wait in a
 * queue; {@link #flush()} puts one batch into the cache's window, and the batch takes the reads that
 * fit when the window starts it, so while the window is full, reads of any parents pile up into
 * the next batches. Each read succeeds or fails on its own, and its callback runs on the handler.
 *
 * <p>A multi's reply carries the data of all its reads, and a reply over the client's
 * {@code maxFrameSize} drops the connection: the frame reader throws, every request in flight
 * fails with a {@link ProtocolException} and the client reconnects (the cache then reads its tree
 * again). So batches are sized from a byte budget, a quarter of that limit, and the largest data
 * and names seen so far; they start small and double while full. A batch that still fails with a
 * protocol error halves the most reads a batch may ever take again, down to one: the failed reads
 * are retried in smaller batches and the cache cannot loop on the same overflow.
 */
final class CoalescedReads {
    /** The most reads in one multiRead. */
    static final int MAX_READS = 128;
    /** The first batches' size: nothing is known yet of the sizes of the data. */
    static final int START_READS = 8;
    /** A getData result beyond its data: the multi's header, the data's length, the stat. */
    private static final int DATA_OVERHEAD = 96;

    private final CacheBase cache;
    private final KazooClient client;
    private final long budget;

    // Guarded by this.
    private final ArrayDeque<Read> queue = new ArrayDeque<>();
    private boolean batchWaiting;
    private int size = START_READS;
    private int ceiling = MAX_READS;
    private int largestData;
    private int longestName = 16;
    private long batches;
    private long reads;

    /** One queued read; {@code children} is the node's child count for a getChildren, 0 for a getData. */
    private record Read(ReadOp op, int children, BiConsumer<Object, Throwable> done) {
    }

    CoalescedReads(CacheBase cache) {
        this.cache = cache;
        this.client = cache.client;
        this.budget = Math.max(1, client.settings().maxFrameSize() / 4);
    }

    /** Queues a getData of {@code path}; {@link #flush()} sends it. */
    @SuppressWarnings("unchecked")
    void getData(String path, BiConsumer<NodeData, Throwable> done) {
        enqueue(new Read(ReadOp.getData(path), 0, (BiConsumer<Object, Throwable>) (BiConsumer<?, Throwable>) done));
    }

    /** Queues a getChildren of {@code path}, which had {@code children} children; {@link #flush()} sends it. */
    @SuppressWarnings("unchecked")
    void getChildren(String path, int children, BiConsumer<List<String>, Throwable> done) {
        enqueue(new Read(ReadOp.getChildren(path), children,
                (BiConsumer<Object, Throwable>) (BiConsumer<?, Throwable>) done));
    }

    private synchronized void enqueue(Read read) {
        queue.add(read);
    }

    /** Puts a batch into the window for the queued reads, unless one already waits there. */
    void flush() {
        synchronized (this) {
            if (batchWaiting || queue.isEmpty()) {
                return;
            }
            batchWaiting = true;
        }
        List<Read> batch = new ArrayList<>();
        AsyncResult<List<Object>> sent = cache.windowed(() -> start(batch));
        Recipes.onDone(sent, (results, e) -> complete(batch, results, e));
    }

    /** The window has room: takes the queued reads that fit into {@code batch} and sends them. */
    private AsyncResult<List<Object>> start(List<Read> batch) {
        List<ReadOp> ops = new ArrayList<>();
        synchronized (this) {
            batchWaiting = false;
            long bytes = 0;
            for (Read next; batch.size() < size && (next = queue.peek()) != null; ) {
                long estimate = next.op().kind() == ReadOp.Kind.GET_CHILDREN
                        ? 16 + (long) next.children() * (4 + longestName)
                        : DATA_OVERHEAD + largestData;
                if (!batch.isEmpty() && bytes + estimate > budget) {
                    break;
                }
                batch.add(queue.poll());
                ops.add(next.op());
                bytes += estimate;
            }
            batches++;
            reads += batch.size();
        }
        AsyncResult<List<Object>> sent = ops.isEmpty() ? Recipes.completed(client, List.of())
                : client.multiReadAsync(ops);
        flush(); // the reads left over: a batch that starts as soon as the window has room again
        return sent;
    }

    private void complete(List<Read> batch, List<Object> results, Throwable e) {
        if (e != null) {
            if (e instanceof ProtocolException && batch.size() > 1) {
                shrink(batch.size());
            }
            for (Read r : batch) {
                r.done().accept(null, e);
            }
        } else {
            learn(batch, results);
            for (int i = 0; i < batch.size(); i++) {
                Object result = results.get(i);
                if (result instanceof Throwable failed) {
                    batch.get(i).done().accept(null, failed);
                } else {
                    batch.get(i).done().accept(result, null);
                }
            }
        }
        flush(); // what the callbacks queued, together
    }

    /** A batch of {@code failed} reads broke the frame limit (or was in flight when one did). */
    private synchronized void shrink(int failed) {
        ceiling = Math.min(ceiling, Math.max(1, failed / 2));
        size = Math.min(size, ceiling);
    }

    private synchronized void learn(List<Read> batch, List<Object> results) {
        for (Object result : results) {
            if (result instanceof NodeData nd) {
                largestData = Math.max(largestData, nd.data() == null ? 0 : nd.data().length);
            } else if (result instanceof List<?> names) {
                for (Object name : names) {
                    longestName = Math.max(longestName, ((String) name).length());
                }
            }
        }
        if (batch.size() >= size) {
            size = Math.min(ceiling, size * 2);
        }
    }

    /** For tests: the most reads a batch may take from now on. */
    synchronized int ceiling() {
        return ceiling;
    }

    /** For tests: {@code {batches sent, reads sent}}. */
    synchronized long[] sent() {
        return new long[] {batches, reads};
    }
}
