package dev.zkasync.benchmarks.harness;

import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.data.Stat;
import dev.zkasync.client.exception.NodeExistsException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The nodes the workloads use, all under {@code /zkbench}: 64 data nodes of 100 bytes, a parent for
 * ephemeral sequential nodes, (when a getChildren workload runs) a parent with 10,000 children, and
 * (when a big-value workload runs) a node of {@link #BIG_BYTES}.
 * Creating them is idempotent, so an external server ({@code -Dzk.connect}) can be reused.
 */
public final class Fixtures {
    static final String ROOT = "/zkbench";
    /**
     * 1 MiB less 1 KiB: the largest round size whose setData request and getData reply (data plus
     * path, headers and stat) stay under the server's and the official client's default
     * {@code jute.maxbuffer} (1 MiB - 1), so every client runs at its defaults.
     */
    static final int BIG_BYTES = (1 << 20) - 1024;

    private final String[] dataPaths;
    private final byte[] payload;
    private final int children;
    private final byte[] bigPayload = new byte[BIG_BYTES];

    Fixtures(int dataNodes, int payloadBytes, int children) {
        this.dataPaths = new String[dataNodes];
        for (int i = 0; i < dataNodes; i++) {
            dataPaths[i] = String.format("%s/data/n-%02d", ROOT, i);
        }
        this.payload = new byte[payloadBytes];
        new Random(42).nextBytes(payload);
        this.children = children;
        new Random(43).nextBytes(bigPayload);
    }

    String bigPath() {
        return ROOT + "/big";
    }

    byte[] bigPayload() {
        return bigPayload;
    }

    String dataPath(int index) {
        return dataPaths[index % dataPaths.length];
    }

    byte[] payload() {
        return payload;
    }

    String sequencePrefix() {
        return ROOT + "/seq/e-";
    }

    String childrenParent() {
        return ROOT + "/children";
    }

    int children() {
        return children;
    }

    /**
     * Creates what is missing; with {@code withChildren}, the getChildren parent's children too, with
     * {@code withBig} the big node.
     */
    void create(String connectString, boolean withChildren, boolean withBig) {
        try (KazooClient zk = KazooClient.builder().hosts(connectString).sessionTimeout(Duration.ofSeconds(30))
                .build()) {
            zk.start(Duration.ofSeconds(30));
            zk.ensurePath(ROOT + "/data");
            zk.ensurePath(ROOT + "/seq");
            List<AsyncResult<?>> pending = new ArrayList<>();
            for (String p : dataPaths) {
                pending.add(zk.setAsync(p, payload));
            }
            for (int i = 0; i < dataPaths.length; i++) {
                try {
                    pending.get(i).get();
                } catch (dev.zkasync.client.exception.NoNodeException e) {
                    zk.create(dataPaths[i], payload);
                }
            }
            if (withBig) {
                zk.ensurePath(bigPath());
                zk.set(bigPath(), bigPayload);
            }
            if (withChildren) {
                zk.ensurePath(childrenParent());
                Stat stat = zk.exists(childrenParent());
                if (stat.numChildren() < children) {
                    createChildren(zk);
                }
            }
        }
    }

    private void createChildren(KazooClient zk) {
        List<AsyncResult<String>> batch = new ArrayList<>();
        for (int i = 0; i < children; i++) {
            batch.add(zk.createAsync(String.format("%s/c-%05d", childrenParent(), i), new byte[0]));
            if (batch.size() == 500 || i == children - 1) {
                for (AsyncResult<String> r : batch) {
                    try {
                        r.get();
                    } catch (NodeExistsException e) {
                        // from an earlier run against the same server
                    }
                }
                batch.clear();
            }
        }
    }
}
