package dev.zkasync.benchmarks.scale;

import dev.zkasync.client.KazooClient;
import dev.zkasync.client.handler.Handler;
import dev.zkasync.client.handler.SequentialThreadingHandler;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.client.ZKClientConfig;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Connected clients with their defaults, as the scenarios use them. */
final class ScaleClients {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private ScaleClients() {
    }

    static KazooClient zkAsync(String connect, Duration sessionTimeout) {
        return zkAsync(connect, sessionTimeout, new SequentialThreadingHandler());
    }

    /** A zk-async client on the shared event-loop group with {@code handler}, started. */
    static KazooClient zkAsync(String connect, Duration sessionTimeout, Handler handler) {
        KazooClient zk = KazooClient.builder().hosts(connect).sessionTimeout(sessionTimeout).handler(handler).build();
        try {
            zk.start(CONNECT_TIMEOUT);
        } catch (RuntimeException e) {
            zk.close();
            throw e;
        }
        return zk;
    }

    /**
     * The official client (NIO socket, its default), connected; {@code watcher} sees its every event
     * after the first connection.
     */
    static ZooKeeper official(String connect, Duration sessionTimeout, Watcher watcher) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(connect, (int) sessionTimeout.toMillis(), event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
            if (watcher != null) {
                watcher.process(event);
            }
        }, new ZKClientConfig());
        if (!connected.await(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            zk.close();
            throw new IllegalStateException("the official client did not connect to " + connect);
        }
        return zk;
    }
}
