package dev.zkasync.client.session;

import dev.zkasync.client.handler.Handler;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * The timer of last resort, for a task scheduled after the event loop group was shut down (the
 * client was closed): a thread of the handler's kind keeps the time, so the task is not lost.
 */
final class LateTimer {
    private LateTimer() {
    }

    static Future<?> schedule(Handler handler, Runnable task, long delayNanos) {
        FutureTask<Void> late = new FutureTask<>(task, null);
        handler.spawn(() -> {
            try {
                Thread.sleep(Duration.ofNanos(delayNanos));
            } catch (InterruptedException e) {
                return;
            }
            late.run();
        });
        return late;
    }
}
