package dev.zkasync.client.reliability;

import java.util.BitSet;
import java.util.stream.IntStream;

/**
 * The numbers of a worker's nodes whose creation the server acknowledged. A worker numbers its
 * nodes 0, 1, 2, ..., so a bit set holds a long run's million in a few hundred kilobytes and the
 * soak's heap check measures the client, not this record.
 */
final class AckedNumbers {

    private final BitSet acked = new BitSet();

    synchronized void add(int number) {
        acked.set(number);
    }

    synchronized int size() {
        return acked.cardinality();
    }

    /** The numbers, in order, as of now. */
    synchronized IntStream stream() {
        return ((BitSet) acked.clone()).stream();
    }
}
