package dev.zkasync.client.reliability;

import dev.zkasync.client.KazooClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;

/**
 * Measures, every 50 ms, how late things run: this probe's own platform thread (the JVM and the
 * machine), each client's handler (a task dispatched to it), and each client's event loop plus
 * handler (a task scheduled on its timer). A request late past its deadline while one of them lagged
 * as much points at a starved thread, not at the deadline logic; the soak's failure message says which.
 */
final class LagProbe implements AutoCloseable {

    private static final long PERIOD_MILLIS = 50;
    private static final Duration WINDOW = Duration.ofSeconds(10);

    private record Sample(long atNanos, long lagNanos) {
    }

    private final List<KazooClient> clients;
    private final ConcurrentLinkedDeque<Sample> jvm = new ConcurrentLinkedDeque<>();
    private final List<ConcurrentLinkedDeque<Sample>> handlers = new ArrayList<>();
    private final List<ConcurrentLinkedDeque<Sample>> timers = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    LagProbe(List<KazooClient> clients) {
        this.clients = List.copyOf(clients);
        for (int i = 0; i < clients.size(); i++) {
            handlers.add(new ConcurrentLinkedDeque<>());
            timers.add(new ConcurrentLinkedDeque<>());
        }
        thread = new Thread(this::run, "soak-lag-probe");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            long before = System.nanoTime();
            try {
                TimeUnit.MILLISECONDS.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            add(jvm, now, now - before - TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS));
            for (int i = 0; i < clients.size(); i++) {
                ConcurrentLinkedDeque<Sample> handler = handlers.get(i);
                ConcurrentLinkedDeque<Sample> timer = timers.get(i);
                clients.get(i).handler().dispatch(() -> add(handler, now, System.nanoTime() - now));
                clients.get(i).schedule(Duration.ZERO, () -> add(timer, now, System.nanoTime() - now));
            }
        }
    }

    private static void add(ConcurrentLinkedDeque<Sample> samples, long at, long lag) {
        samples.addLast(new Sample(at, lag));
        long oldest = System.nanoTime() - WINDOW.toNanos();
        Sample first;
        while ((first = samples.peekFirst()) != null && first.atNanos() - oldest < 0) {
            samples.pollFirst();
        }
    }

    /** The worst lags of the last 10 s, e.g. {@code jvm 12 ms; client 0: handler 3 ms, timer 5 ms; ...}. */
    String worstRecently() {
        StringBuilder text = new StringBuilder("worst lags in the last " + WINDOW.toSeconds() + " s: probe thread "
                + worst(jvm) + " ms");
        for (int i = 0; i < clients.size(); i++) {
            text.append("; client ").append(i).append(": handler ").append(worst(handlers.get(i)))
                    .append(" ms, event loop timer to handler ").append(worst(timers.get(i))).append(" ms");
        }
        return text.toString();
    }

    private static long worst(ConcurrentLinkedDeque<Sample> samples) {
        return TimeUnit.NANOSECONDS.toMillis(samples.stream().mapToLong(Sample::lagNanos).max().orElse(0));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
    }
}
