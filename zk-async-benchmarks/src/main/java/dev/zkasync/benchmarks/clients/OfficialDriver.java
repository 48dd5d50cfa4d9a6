package dev.zkasync.benchmarks.clients;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.client.ZKClientConfig;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The official Apache ZooKeeper client, 3.9.4, with its NIO socket (the default) or its Netty socket. */
public final class OfficialDriver implements Driver {
    public static final String NETTY_SOCKET = "org.apache.zookeeper.ClientCnxnSocketNetty";
    public static final String NIO_SOCKET = "org.apache.zookeeper.ClientCnxnSocketNIO";

    private final ZooKeeper zk;

    private OfficialDriver(ZooKeeper zk) {
        this.zk = zk;
    }

    public static OfficialDriver connect(String connectString, Duration timeout, boolean netty) throws Exception {
        ZKClientConfig config = new ZKClientConfig();
        config.setProperty(ZKClientConfig.ZOOKEEPER_CLIENT_CNXN_SOCKET, netty ? NETTY_SOCKET : NIO_SOCKET);
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(connectString, 30_000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        }, config);
        if (!connected.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            zk.close();
            throw new IllegalStateException("the official client (" + (netty ? "Netty" : "NIO")
                    + " socket) did not connect to " + connectString + " within " + timeout);
        }
        return new OfficialDriver(zk);
    }

    @Override
    public void getData(String path, Slot slot) {
        zk.getData(path, false, slot, null);
    }

    @Override
    public void setData(String path, byte[] data, Slot slot) {
        zk.setData(path, data, -1, slot, null);
    }

    @Override
    public void createEphemeralSequential(String prefix, byte[] data, Slot slot) {
        zk.create(prefix, data, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL,
                (org.apache.zookeeper.AsyncCallback.StringCallback) slot, null);
    }

    @Override
    public void delete(String path, Slot slot) {
        zk.delete(path, -1, slot, null);
    }

    @Override
    public void getChildren(String path, Slot slot) {
        zk.getChildren(path, false, (org.apache.zookeeper.AsyncCallback.ChildrenCallback) slot, null);
    }

    @Override
    public byte[] getDataBlocking(String path) throws Exception {
        return zk.getData(path, false, null);
    }

    @Override
    public void setDataBlocking(String path, byte[] data) throws Exception {
        zk.setData(path, data, -1);
    }

    @Override
    public boolean existsBlocking(String path) throws Exception {
        return zk.exists(path, false) != null;
    }

    @Override
    public void close() {
        try {
            zk.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
