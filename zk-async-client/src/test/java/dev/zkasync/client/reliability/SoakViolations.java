package dev.zkasync.client.reliability;

import java.util.ArrayList;
import java.util.List;

/** What broke an invariant during a run, from any thread: all counted, the first ones kept for the failure message. */
final class SoakViolations {

    private static final int KEPT = 30;

    private final List<String> first = new ArrayList<>();
    private int count;

    synchronized void add(String violation) {
        count++;
        if (first.size() < KEPT) {
            first.add(violation);
        }
    }

    synchronized int count() {
        return count;
    }

    synchronized List<String> first() {
        return List.copyOf(first);
    }
}
