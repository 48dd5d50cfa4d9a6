package dev.zkasync.client.session;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One periodic task per event loop and tick period, ticking every session on that loop with that
 * period: an idle session keeps an array slot instead of a scheduled task and its runnable of its
 * own. Sessions of one ticker tick together, each every period as before. Event loop only: a
 * loop's tickers are kept by its thread.
 */
final class LoopTicker implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(Session.class);
    private static final FastThreadLocal<Map<Long, LoopTicker>> TICKERS = new FastThreadLocal<>() {
        @Override
        protected Map<Long, LoopTicker> initialValue() {
            return new HashMap<>();
        }
    };

    private final long periodMillis;
    private final ScheduledFuture<?> task;
    private Session[] sessions = new Session[16];
    private int size;

    private LoopTicker(EventLoop loop, long periodMillis) {
        this.periodMillis = periodMillis;
        this.task = loop.scheduleAtFixedRate(this, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Ticks {@code session} every {@code periodMillis} from now on; on {@code loop}, the session's. */
    static LoopTicker join(EventLoop loop, long periodMillis, Session session) {
        Map<Long, LoopTicker> tickers = TICKERS.get();
        LoopTicker ticker = tickers.get(periodMillis);
        if (ticker == null) {
            ticker = new LoopTicker(loop, periodMillis);
            tickers.put(periodMillis, ticker);
        }
        if (ticker.size == ticker.sessions.length) {
            ticker.sessions = Arrays.copyOf(ticker.sessions, ticker.size * 2);
        }
        ticker.sessions[ticker.size++] = session;
        return ticker;
    }

    /** Stops ticking {@code session}; the last one to leave stops the task. */
    void leave(Session session) {
        for (int i = 0; i < size; i++) {
            if (sessions[i] == session) {
                sessions[i] = sessions[--size];
                sessions[size] = null;
                break;
            }
        }
        if (size == 0) {
            task.cancel(false);
            TICKERS.get().remove(periodMillis, this);
        }
    }

    @Override
    public void run() {
        // From the end: a session that leaves while ticking takes the last slot's, already ticked, session.
        for (int i = size - 1; i >= 0; i--) {
            if (i < size) {
                try {
                    sessions[i].tick();
                } catch (RuntimeException e) {
                    log.warn("A session's tick failed", e); // the other sessions on this loop keep ticking
                }
            }
        }
    }
}
