package dev.zkasync.reactor;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import dev.zkasync.client.KazooClient;
import dev.zkasync.client.KazooClientBuilder;
import dev.zkasync.test.ZooKeeperExtension;
import org.junit.jupiter.api.AfterEach;

import static org.assertj.core.api.Assertions.fail;

/** Base of the tests: real ZooKeeper, a fresh chroot per test, every client closed afterwards. */
abstract class ReactiveTestSupport {
    static final Duration WAIT = Duration.ofSeconds(30);

    private final List<KazooClient> clients = new ArrayList<>();

    /** The server of the subclass. */
    abstract ZooKeeperExtension zk();

    KazooClientBuilder builder() {
        return KazooClient.builder()
                .hosts(zk().connectString())
                .sessionTimeout(Duration.ofSeconds(10))
                .requestTimeout(Duration.ofSeconds(20));
    }

    /** A connected client in the test's chroot. */
    KazooClient client() {
        return started(builder());
    }

    KazooClient started(KazooClientBuilder builder) {
        KazooClient client = builder.build();
        clients.add(client);
        client.start(WAIT);
        client.ensurePath("/");
        return client;
    }

    @AfterEach
    void closeClients() {
        for (KazooClient c : clients) {
            c.close();
        }
        clients.clear();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String string(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }
}
