package dev.zkasync.spring.cloud.discovery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import dev.zkasync.client.KazooClient;
import dev.zkasync.client.KazooClientBuilder;
import dev.zkasync.client.state.ClientId;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.test.FaultProxy;
import dev.zkasync.test.ZooKeeperExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Real ZooKeeper (one server for every test class of this module), a fresh chroot per test, and
 * everything a test opens closed after it.
 */
public abstract class DiscoveryTestSupport {

    static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.shared();

    private final List<AutoCloseable> closeables = new ArrayList<>();

    KazooClientBuilder builder(String connectString) {
        return KazooClient.builder()
            .hosts(connectString)
            .sessionTimeout(Duration.ofSeconds(10))
            .requestTimeout(Duration.ofSeconds(20));
    }

    /** A connected client in the test's chroot, which it creates. */
    KazooClient client() {
        return started(builder(zk.connectString()));
    }

    KazooClient started(KazooClientBuilder builder) {
        KazooClient client = track(builder.build());
        client.start(WAIT);
        client.ensurePath("/");
        return client;
    }

    /** A registry on {@code client} under {@code /services}, closed after the test. */
    ZkAsyncServiceRegistry registry(KazooClient client) {
        ZkAsyncServiceRegistry registry = new ZkAsyncServiceRegistry(client, "/services");
        track(registry::close);
        return registry;
    }

    <T extends AutoCloseable> T track(T closeable) {
        this.closeables.add(closeable);
        return closeable;
    }

    @AfterEach
    void closeAll() throws Exception {
        Collections.reverse(this.closeables);
        for (AutoCloseable closeable : this.closeables) {
            closeable.close();
        }
        this.closeables.clear();
    }

    static ZkAsyncRegistration registration(String service, String id, int port) {
        return new ZkAsyncRegistration(service, id, "10.1.2.3", port, null, "{scheme}://{address}:{port}", "ctx-" + id,
                Map.of("instance_status", "UP", "zone", "a"));
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + WAIT + ": " + what);
            }
            Thread.sleep(10);
        }
    }

    /** A client that goes through a proxy, so a test can cut it off and expire its session. */
    record Proxied(KazooClient client, FaultProxy proxy, BlockingQueue<KazooState> states) {
    }

    Proxied proxiedClient() {
        FaultProxy proxy = track(FaultProxy.start("127.0.0.1", zk.server().port()));
        KazooClient client = started(builder(proxy.connectString(zk.chroot())));
        BlockingQueue<KazooState> states = new LinkedBlockingQueue<>();
        client.addListener(states::add);
        return new Proxied(client, proxy, states);
    }

    /**
     * Expires the proxied client's session: cuts it off, lets another client with the same id close
     * the session on the server, then lets the client back in, now with a new session.
     */
    void expire(Proxied proxied) throws InterruptedException {
        ClientId id = proxied.client().clientId();
        proxied.proxy().refuseNewConnections(true);
        proxied.proxy().dropConnections();
        awaitState(proxied.states(), KazooState.SUSPENDED);
        try (KazooClient thief = builder(zk.connectString()).clientId(id).build()) {
            thief.start(WAIT);
        }
        proxied.proxy().refuseNewConnections(false);
        awaitState(proxied.states(), KazooState.LOST);
        awaitState(proxied.states(), KazooState.CONNECTED);
        assertThat(proxied.client().clientId().sessionId()).isNotEqualTo(id.sessionId());
    }

    static void awaitState(BlockingQueue<KazooState> states, KazooState wanted) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            KazooState state = states.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (state == null) {
                fail("no " + wanted + " within " + WAIT);
            }
            if (state == wanted) {
                return;
            }
        }
    }

}
