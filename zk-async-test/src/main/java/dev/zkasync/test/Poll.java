package dev.zkasync.test;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes; tests and servers wait this way, never by fixed sleeps. */
final class Poll {

    static final Duration INTERVAL = Duration.ofMillis(50);

    private Poll() {
    }

    /**
     * Evaluates {@code condition} every {@link #INTERVAL} until it is true.
     *
     * @throws IllegalStateException with {@code failure}'s message when the timeout passes
     */
    static void until(Duration timeout, BooleanSupplier condition, Supplier<String> failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                throw new IllegalStateException(failure.get());
            }
            sleep(INTERVAL);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
