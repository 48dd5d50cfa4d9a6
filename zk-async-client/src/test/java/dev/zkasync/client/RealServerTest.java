package dev.zkasync.client;

import dev.zkasync.test.ZooKeeperExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Base of the tests against the real ZooKeeper server shared by the whole run: each test gets a
 * fresh chroot, and every client it makes is closed afterwards, pass or fail. Subclasses annotated
 * {@code @ParameterizedClass @EnumSource(HandlerKind.class)} run once per handler.
 */
abstract class RealServerTest {
    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.shared();

    @Parameter
    HandlerKind handlerKind = HandlerKind.THREADING;

    private final List<KazooClient> clients = new ArrayList<>();

    /** A builder for the current test's chroot and handler. */
    KazooClientBuilder builder() {
        return builder(zk.connectString());
    }

    KazooClientBuilder builder(String connectString) {
        return KazooClient.builder()
                .hosts(connectString)
                .sessionTimeout(Duration.ofSeconds(10))
                .requestTimeout(Duration.ofSeconds(20))
                .handler(handlerKind.create());
    }

    /** A connected client in the test's chroot (created if missing). */
    KazooClient client() {
        return started(builder());
    }

    KazooClient started(KazooClientBuilder builder) {
        KazooClient client = track(builder.build());
        client.start(Duration.ofSeconds(30));
        client.ensurePath("/");
        return client;
    }

    KazooClient track(KazooClient client) {
        clients.add(client);
        return client;
    }

    @AfterEach
    void closeClients() {
        for (KazooClient c : clients) {
            c.close();
        }
        clients.clear();
    }

    /**
     * Skips the test under {@link HandlerKind#DIRECT}, whose callbacks must not block: for tests that
     * block inside a callback on purpose. {@code why} says what blocks.
     */
    void requireBlockingCallbacks(String why) {
        assumeTrue(handlerKind != HandlerKind.DIRECT, "callbacks must not block under DirectHandler: " + why);
    }

    /** Polls {@code condition} every 10 ms until it holds or {@code timeout} passes. */
    static void await(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeout + " waiting for " + what);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static String string(byte[] b) {
        return b == null ? null : new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
}
