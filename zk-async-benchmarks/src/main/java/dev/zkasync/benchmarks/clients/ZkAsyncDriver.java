package dev.zkasync.benchmarks.clients;

import dev.zkasync.client.CreateOptions;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.KazooClientBuilder;
import dev.zkasync.client.handler.Handler;
import dev.zkasync.client.metrics.RequestObserver;

import java.time.Duration;

/** zk-async through its public API: {@code ...Async(...).rawlink(callback)} and the blocking forms. */
public final class ZkAsyncDriver implements Driver {
    private static final CreateOptions EPHEMERAL_SEQUENTIAL = CreateOptions.DEFAULT.ephemeral().sequence();

    private final KazooClient client;
    private final AutoCloseable onClose;

    private ZkAsyncDriver(KazooClient client, AutoCloseable onClose) {
        this.client = client;
        this.onClose = onClose;
    }

    /**
     * Connects a client with the client's defaults except the handler and observer.
     *
     * @param observer         null for none
     * @param onClose          closed after the client (the observer's meter registry), or null
     * @param replyBatchWindow the client's {@code replyBatchWindow}, or null for its default
     */
    public static ZkAsyncDriver connect(String connectString, Duration timeout, Handler handler,
                                        RequestObserver observer, AutoCloseable onClose, Duration replyBatchWindow) {
        KazooClientBuilder builder = KazooClient.builder()
                .hosts(connectString)
                .sessionTimeout(Duration.ofSeconds(30))
                .handler(handler);
        if (observer != null) {
            builder.requestObserver(observer);
        }
        if (replyBatchWindow != null) {
            builder.replyBatchWindow(replyBatchWindow);
        }
        KazooClient client = builder.build();
        try {
            client.start(timeout);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return new ZkAsyncDriver(client, onClose);
    }

    public KazooClient client() {
        return client;
    }

    @Override
    public void getData(String path, Slot slot) {
        client.getAsync(path).rawlink(slot);
    }

    @Override
    public void setData(String path, byte[] data, Slot slot) {
        client.setAsync(path, data).rawlink(slot);
    }

    @Override
    public void createEphemeralSequential(String prefix, byte[] data, Slot slot) {
        client.createAsync(prefix, data, EPHEMERAL_SEQUENTIAL).rawlink(slot);
    }

    @Override
    public void delete(String path, Slot slot) {
        client.deleteAsync(path).rawlink(slot);
    }

    @Override
    public void getChildren(String path, Slot slot) {
        client.getChildrenAsync(path).rawlink(slot);
    }

    @Override
    public byte[] getDataBlocking(String path) {
        return client.get(path).data();
    }

    @Override
    public void setDataBlocking(String path, byte[] data) {
        client.set(path, data);
    }

    @Override
    public boolean existsBlocking(String path) {
        return client.exists(path) != null;
    }

    @Override
    public void close() {
        client.close();
        if (onClose != null) {
            try {
                onClose.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
