package dev.zkasync.benchmarks.harness;

import dev.zkasync.benchmarks.clients.CuratorDriver;
import dev.zkasync.benchmarks.clients.Driver;
import dev.zkasync.benchmarks.clients.MicrometerRequestObserver;
import dev.zkasync.benchmarks.clients.OfficialDriver;
import dev.zkasync.benchmarks.clients.ZkAsyncDriver;
import dev.zkasync.client.handler.DirectHandler;
import dev.zkasync.client.handler.SequentialThreadingHandler;
import dev.zkasync.client.handler.SequentialVirtualThreadHandler;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** The clients compared, in report order; {@link #OFFICIAL_NIO} is the baseline of every ratio. */
public enum ClientKind {
    ZK_ASYNC("zk-async", "zk-async, SequentialThreadingHandler (the default)"),
    ZK_ASYNC_VIRTUAL("zk-async-vthread", "zk-async, SequentialVirtualThreadHandler"),
    ZK_ASYNC_DIRECT("zk-async-direct", "zk-async, DirectHandler: callbacks on the I/O thread "
            + "(zk.async.handler=direct)"),
    ZK_ASYNC_METRICS("zk-async-metrics", "zk-async, threading handler, a Micrometer timer per request "
            + "(the starter's default without tracing: zk.async.instrumentation=auto or timer)"),
    ZK_ASYNC_OBSERVATION("zk-async-observation", "zk-async, threading handler, a Micrometer observation per request "
            + "with Boot's default meter handler (zk.async.instrumentation=observation, or auto with a Tracer)"),
    ZK_ASYNC_UNBATCHED("zk-async-unbatched", "zk-async, threading handler, replyBatchWindow(Duration.ZERO): "
            + "every reply read as soon as it arrives (what batching replies saves)"),
    OFFICIAL_NIO("official-nio", "org.apache.zookeeper:zookeeper 3.9.4, ClientCnxnSocketNIO (default)"),
    OFFICIAL_NETTY("official-netty", "org.apache.zookeeper:zookeeper 3.9.4, ClientCnxnSocketNetty"),
    CURATOR_ASYNC("curator-async", "Apache Curator 5.9.0, curator-x-async (AsyncCuratorFramework)");

    private final String id;
    private final String description;

    ClientKind(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** Connects a new client; returns when it has a session. */
    public Driver connect(String connectString, Duration timeout) throws Exception {
        return switch (this) {
            case ZK_ASYNC -> ZkAsyncDriver.connect(connectString, timeout, new SequentialThreadingHandler(), null, null,
                    null);
            case ZK_ASYNC_VIRTUAL -> ZkAsyncDriver.connect(connectString, timeout,
                    new SequentialVirtualThreadHandler(), null, null, null);
            case ZK_ASYNC_UNBATCHED -> ZkAsyncDriver.connect(connectString, timeout, new SequentialThreadingHandler(),
                    null, null, Duration.ZERO);
            case ZK_ASYNC_DIRECT -> ZkAsyncDriver.connect(connectString, timeout, new DirectHandler(), null, null,
                    null);
            case ZK_ASYNC_METRICS, ZK_ASYNC_OBSERVATION -> {
                MicrometerRequestObserver observer = new MicrometerRequestObserver(this == ZK_ASYNC_OBSERVATION);
                yield ZkAsyncDriver.connect(connectString, timeout, new SequentialThreadingHandler(), observer,
                        observer, null);
            }
            case OFFICIAL_NIO -> OfficialDriver.connect(connectString, timeout, false);
            case OFFICIAL_NETTY -> OfficialDriver.connect(connectString, timeout, true);
            case CURATOR_ASYNC -> CuratorDriver.connect(connectString, timeout);
        };
    }

    public static ClientKind byId(String id) {
        for (ClientKind k : values()) {
            if (k.id.equals(id.strip())) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown client '" + id + "'; known: "
                + Arrays.stream(values()).map(ClientKind::id).toList());
    }

    public static List<ClientKind> parse(String list) {
        if (list == null || list.isBlank() || list.strip().equals("all")) {
            return List.of(values());
        }
        return Arrays.stream(list.split(",")).filter(s -> !s.isBlank()).map(ClientKind::byId).toList();
    }
}
