package dev.zkasync.client.recipe;

import dev.zkasync.client.KazooClient;
import dev.zkasync.client.handler.SequentialVirtualThreadHandler;
import org.junit.jupiter.api.Nested;

/**
 * The watch, lock and queue suites again with the virtual-thread handler, where callbacks, watches
 * and listeners run on a virtual thread.
 */
class VirtualThreadHandlerTest {

    private static KazooClient.Builder virtual(KazooClient.Builder b) {
        return b.handler(new SequentialVirtualThreadHandler());
    }

    @Nested
    class Watchers extends WatchersTest {
        @Override
        KazooClient.Builder builder(String connectString) {
            return virtual(super.builder(connectString));
        }
    }

    @Nested
    class Locks extends LockTest {
        @Override
        KazooClient.Builder builder(String connectString) {
            return virtual(super.builder(connectString));
        }
    }

    @Nested
    class Queues extends QueueTest {
        @Override
        KazooClient.Builder builder(String connectString) {
            return virtual(super.builder(connectString));
        }
    }
}
