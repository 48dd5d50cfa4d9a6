package dev.zkasync.client.reliability;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * What a long run could leak, measured after a full collection: live threads, used heap, direct
 * memory (the JVM's direct buffer pool, and what Netty's default allocator holds).
 *
 * @param threads        live threads
 * @param heapBytes      heap in use after {@code System.gc()}
 * @param directBytes    the JVM's direct buffers in use
 * @param nettyDirectBytes direct memory Netty's default allocator holds, or -1 if it does not say
 */
record JvmResources(int threads, long heapBytes, long directBytes, long nettyDirectBytes) {

    /** Collects garbage (twice: the first run may only finalize), then measures. */
    static JvmResources measure() {
        System.gc();
        System.gc();
        long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct"))
                .mapToLong(BufferPoolMXBean::getMemoryUsed)
                .sum();
        long netty = ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider provider
                ? provider.metric().usedDirectMemory()
                : -1;
        return new JvmResources(ManagementFactory.getThreadMXBean().getThreadCount(),
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), direct, netty);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d threads, heap %.1f MiB, direct %.1f MiB (Netty's allocator %.1f MiB)",
                threads, mib(heapBytes), mib(directBytes), mib(nettyDirectBytes));
    }

    static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
