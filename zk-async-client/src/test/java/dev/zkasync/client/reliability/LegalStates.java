package dev.zkasync.client.reliability;

import dev.zkasync.client.state.KazooState;
import dev.zkasync.client.state.KazooStateListener;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * A state listener that checks each change against the client's state model: a client starts
 * LOST; CONNECTED may go to SUSPENDED (connection dropped) or LOST (closed, expired); SUSPENDED
 * back to CONNECTED or on to LOST; LOST only to CONNECTED (a new session). Anything else, including
 * a repeated state, is a violation.
 */
final class LegalStates implements KazooStateListener {

    private final String client;
    private final Consumer<String> violations;
    private final Map<String, LongAdder> transitions = new ConcurrentHashMap<>();
    /** Listeners run one at a time on the client's handler, so plain state would do; volatile for readers. */
    private volatile KazooState current = KazooState.LOST;

    LegalStates(String client, Consumer<String> violations) {
        this.client = client;
        this.violations = violations;
    }

    @Override
    public void stateChanged(KazooState next) {
        KazooState previous = current;
        current = next;
        transitions.computeIfAbsent(previous + "->" + next, k -> new LongAdder()).increment();
        if (!legal(previous, next)) {
            violations.accept(client + ": illegal state change " + previous + " -> " + next);
        }
    }

    static boolean legal(KazooState from, KazooState to) {
        return switch (from) {
            case CONNECTED -> to == KazooState.SUSPENDED || to == KazooState.LOST;
            case SUSPENDED -> to == KazooState.CONNECTED || to == KazooState.LOST;
            case LOST -> to == KazooState.CONNECTED;
        };
    }

    /** How often each change happened, e.g. {@code CONNECTED->SUSPENDED=12}. */
    Map<String, Long> transitions() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        transitions.forEach((k, v) -> counts.put(k, v.sum()));
        return counts;
    }
}
