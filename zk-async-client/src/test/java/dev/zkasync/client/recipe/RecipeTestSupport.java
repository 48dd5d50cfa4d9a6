package dev.zkasync.client.recipe;

import dev.zkasync.client.state.ClientId;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.KazooClientBuilder;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.test.FaultProxy;
import dev.zkasync.test.ZooKeeperExtension;
import org.junit.jupiter.api.AfterEach;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Base of the recipe tests: real ZooKeeper, a fresh chroot per test, several clients standing for
 * several processes, everything closed afterwards. Subclasses register the extension ({@link #zk()}).
 */
abstract class RecipeTestSupport {
    static final Duration WAIT = Duration.ofSeconds(30);

    private final List<AutoCloseable> closeables = new ArrayList<>();

    /** The server of the subclass. */
    abstract ZooKeeperExtension zk();

    KazooClientBuilder builder(String connectString) {
        return KazooClient.builder()
                .hosts(connectString)
                .sessionTimeout(Duration.ofSeconds(10))
                .requestTimeout(Duration.ofSeconds(20));
    }

    /** A connected client in the test's chroot. */
    KazooClient client() {
        return started(builder(zk().connectString()));
    }

    KazooClient started(KazooClientBuilder builder) {
        KazooClient client = track(builder.build());
        client.start(WAIT);
        client.ensurePath("/");
        return client;
    }

    <T extends AutoCloseable> T track(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    @AfterEach
    void closeAll() throws Exception {
        Collections.reverse(closeables);
        for (AutoCloseable c : closeables) {
            c.close();
        }
        closeables.clear();
    }

    /** A client that goes through a proxy, so a test can cut it off and expire its session. */
    record Proxied(KazooClient client, FaultProxy proxy, BlockingQueue<KazooState> states) {
    }

    Proxied proxiedClient() {
        FaultProxy proxy = track(FaultProxy.start("127.0.0.1", zk().server().port()));
        KazooClient c = started(builder(proxy.connectString(zk().chroot())));
        BlockingQueue<KazooState> states = new LinkedBlockingQueue<>();
        c.addListener(states::add);
        return new Proxied(c, proxy, states);
    }

    /**
     * Expires the proxied client's session: cuts it off, lets a "thief" with the same id close the
     * session on the server, then lets the client back in. Returns once the client saw LOST and is
     * CONNECTED with a new session.
     */
    void expire(Proxied p) throws InterruptedException {
        ClientId id = p.client().clientId();
        p.proxy().refuseNewConnections(true);
        p.proxy().dropConnections();
        awaitState(p.states(), KazooState.SUSPENDED);
        KazooClient thief = builder(zk().connectString()).clientId(id).build();
        thief.start(WAIT);
        thief.close();
        p.proxy().refuseNewConnections(false);
        awaitState(p.states(), KazooState.LOST);
        awaitState(p.states(), KazooState.CONNECTED);
        assertThat(p.client().clientId().sessionId()).isNotEqualTo(id.sessionId());
    }

    static void awaitState(BlockingQueue<KazooState> states, KazooState wanted) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            KazooState s = states.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (s == null) {
                fail("no " + wanted + " within " + WAIT);
            }
            if (s == wanted) {
                return;
            }
        }
    }

    /** Polls {@code condition} every 10 ms until it holds or the wait ends. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + WAIT + " waiting for " + what);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }

    static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
        T t = queue.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(t).as("an item within " + WAIT).isNotNull();
        return t;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String string(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
}
