package dev.zkasync.client.reliability;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Times every request of a soak from submission to completion against the client's request
 * timeout: a request that completes, or is still waiting, more than a grace period past its
 * deadline is a violation.
 */
final class RequestDeadlines {

    static final Duration GRACE = Duration.ofSeconds(1);

    private final long timeoutNanos;
    private final Consumer<String> violations;
    private final Map<Long, Long> outstanding = new ConcurrentHashMap<>();
    /** Requests already reported as still waiting, so that each is reported once while it waits. */
    private final Set<Long> reportedWaiting = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong maxPastDeadlineNanos = new AtomicLong(Long.MIN_VALUE);

    RequestDeadlines(Duration requestTimeout, Consumer<String> violations) {
        this.timeoutNanos = requestTimeout.toNanos();
        this.violations = violations;
    }

    /** A request was submitted; returns its ticket for {@link #completed}. */
    long submitted() {
        long ticket = ids.incrementAndGet();
        outstanding.put(ticket, System.nanoTime());
        return ticket;
    }

    /**
     * A request completed; {@code what} names it in a violation, {@code failure} (null for a reply)
     * says how it ended: a late {@code RequestDeadlineException} means the deadline was enforced late,
     * anything else that it was not enforced.
     */
    void completed(long ticket, String what, Throwable failure) {
        Long start = outstanding.remove(ticket);
        if (start != null) {
            reportedWaiting.remove(ticket);
            check(System.nanoTime() - start, what + " completed (" + (failure == null ? "reply" : failure.toString()) + ")");
        }
    }

    /**
     * Reports the requests still waiting past their deadline plus the grace, each once; its
     * completion is reported too, saying how it ended.
     */
    void checkOutstanding() {
        long now = System.nanoTime();
        outstanding.forEach((ticket, start) -> {
            long waited = now - start;
            if (waited > timeoutNanos + GRACE.toNanos() && reportedWaiting.add(ticket)) {
                check(waited, "request " + ticket + " still waiting");
            }
        });
    }

    /** Requests reported as still waiting that have not completed yet. */
    int lateStillWaiting() {
        return reportedWaiting.size();
    }

    /** Requests submitted so far. */
    long submittedCount() {
        return ids.get();
    }

    /** Requests not completed yet. */
    int outstandingCount() {
        return outstanding.size();
    }

    /** The longest a completed request waited past its deadline (negative: all completed before it). */
    Duration maxPastDeadline() {
        long max = maxPastDeadlineNanos.get();
        return max == Long.MIN_VALUE ? Duration.ZERO : Duration.ofNanos(max);
    }

    private void check(long waitedNanos, String what) {
        long past = waitedNanos - timeoutNanos;
        maxPastDeadlineNanos.accumulateAndGet(past, Math::max);
        if (past > GRACE.toNanos()) {
            violations.accept(what + " " + Duration.ofNanos(waitedNanos).toMillis() + " ms after submission, "
                    + Duration.ofNanos(past).toMillis() + " ms past its deadline (allowed: " + GRACE.toMillis() + " ms)");
        }
    }
}
