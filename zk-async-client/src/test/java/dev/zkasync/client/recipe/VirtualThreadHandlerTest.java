package dev.zkasync.client.recipe;

import dev.zkasync.client.KazooClientBuilder;
import dev.zkasync.client.handler.SequentialVirtualThreadHandler;
import org.junit.jupiter.api.Nested;

/**
 * The watch, lock and queue suites again with the virtual-thread handler, where callbacks, watches
 * and listeners run on a virtual thread.
 */
class VirtualThreadHandlerTest {

    private static KazooClientBuilder virtual(KazooClientBuilder b) {
        return b.handler(new SequentialVirtualThreadHandler());
    }

    @Nested
    class Watchers extends WatchersTest {
        @Override
        KazooClientBuilder builder(String connectString) {
            return virtual(super.builder(connectString));
        }
    }

    @Nested
    class Locks extends LockTest {
        @Override
        KazooClientBuilder builder(String connectString) {
            return virtual(super.builder(connectString));
        }
    }

    @Nested
    class Queues extends QueueTest {
        @Override
        KazooClientBuilder builder(String connectString) {
            return virtual(super.builder(connectString));
        }
    }
}
