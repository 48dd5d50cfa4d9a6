package dev.zkasync.benchmarks.jmh;

import io.netty.util.concurrent.DefaultThreadFactory;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * JMH worker threads that are Netty {@code FastThreadLocalThread}s, like the event loop that decodes
 * replies in the client: Netty gives such threads thread-local scratch arrays and recyclers that a
 * plain thread does not get, so a decode benchmark on a plain thread would overstate allocation.
 * Selected per benchmark with {@code -Djmh.executor=CUSTOM -Djmh.executor.class=<this class>}.
 */
public final class FastThreadLocalExecutor extends ThreadPoolExecutor {

    public FastThreadLocalExecutor(int maxThreads, String prefix) {
        super(maxThreads, maxThreads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                new DefaultThreadFactory(prefix, true));
    }
}
