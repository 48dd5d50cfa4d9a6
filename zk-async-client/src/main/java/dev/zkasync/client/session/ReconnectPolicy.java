package dev.zkasync.client.session;

import java.time.Duration;

/**
 * How the client paces reconnects after a full cycle of hosts failed: {@code delay} after the first
 * cycle, multiplied by {@code backoff} per further cycle, capped at {@code maxDelay}, each spread by
 * ±{@code jitter} (a fraction). {@code maxCycles} of -1 retries forever (Kazoo's default); otherwise
 * the client gives up and closes after that many failed cycles.
 */
public record ReconnectPolicy(Duration delay, double backoff, Duration maxDelay, double jitter, int maxCycles) {
    public static final ReconnectPolicy DEFAULT =
            new ReconnectPolicy(Duration.ofMillis(100), 2, Duration.ofSeconds(2), 0.4, -1);

    public ReconnectPolicy {
        if (delay.isNegative() || maxDelay.isNegative() || backoff < 1 || jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("invalid reconnect policy");
        }
    }
}
