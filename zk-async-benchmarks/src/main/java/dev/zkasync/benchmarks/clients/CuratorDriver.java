package dev.zkasync.benchmarks.clients;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.x.async.AsyncCuratorFramework;
import org.apache.zookeeper.CreateMode;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Apache Curator 5.9 through its async DSL ({@code curator-x-async}): every call returns an
 * {@code AsyncStage}; blocking calls wait on it. Curator's defaults otherwise (NIO socket).
 */
public final class CuratorDriver implements Driver {
    private final CuratorFramework curator;
    private final AsyncCuratorFramework async;

    private CuratorDriver(CuratorFramework curator) {
        this.curator = curator;
        this.async = AsyncCuratorFramework.wrap(curator);
    }

    public static CuratorDriver connect(String connectString, Duration timeout) throws InterruptedException {
        CuratorFramework curator = CuratorFrameworkFactory.builder()
                .connectString(connectString)
                .sessionTimeoutMs(30_000)
                .connectionTimeoutMs((int) timeout.toMillis())
                .retryPolicy(new RetryOneTime(100))
                .build();
        curator.start();
        if (!curator.blockUntilConnected((int) timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            curator.close();
            throw new IllegalStateException("Curator did not connect to " + connectString + " within " + timeout);
        }
        return new CuratorDriver(curator);
    }

    @Override
    public void getData(String path, Slot slot) {
        async.getData().forPath(path).whenComplete(slot);
    }

    @Override
    public void setData(String path, byte[] data, Slot slot) {
        async.setData().forPath(path, data).whenComplete(slot);
    }

    @Override
    public void createEphemeralSequential(String prefix, byte[] data, Slot slot) {
        async.create().withMode(CreateMode.EPHEMERAL_SEQUENTIAL).forPath(prefix, data).whenComplete(slot);
    }

    @Override
    public void delete(String path, Slot slot) {
        async.delete().forPath(path).whenComplete(slot);
    }

    @Override
    public void getChildren(String path, Slot slot) {
        async.getChildren().forPath(path).whenComplete(slot);
    }

    @Override
    public byte[] getDataBlocking(String path) throws Exception {
        return async.getData().forPath(path).toCompletableFuture().get();
    }

    @Override
    public void setDataBlocking(String path, byte[] data) throws Exception {
        async.setData().forPath(path, data).toCompletableFuture().get();
    }

    @Override
    public boolean existsBlocking(String path) throws Exception {
        return async.checkExists().forPath(path).toCompletableFuture().get() != null;
    }

    @Override
    public void close() {
        curator.close();
    }
}
