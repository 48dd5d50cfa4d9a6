package dev.zkasync.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs fixture classes in a nested JUnit engine to observe what the extension does around them. */
@Timeout(120)
class ZooKeeperExtensionLifecycleTest {

    @Test
    void perClassServerStopsAfterTheClassAndAFailurePrintsTheLog() {
        FailingFixture.pid.set(-1);
        StringBuilder stderr = new StringBuilder();

        EngineExecutionResults results = runCapturingStderr(stderr, FailingFixture.class);

        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
        assertStopped(FailingFixture.pid.get());
        assertThat(stderr.toString())
                .contains("===== ZooKeeper log (last 80 lines) for failed test "
                        + FailingFixture.class.getName() + "#fails")
                .contains("chroot /FailingFixture/fails-")
                .contains("binding to port")
                .doesNotContain("for failed test " + FailingFixture.class.getName() + "#passes");
    }

    @Test
    void sharedServerIsReusedAcrossClassesAndStopsAtTheEndOfTheRun() {
        SharedFixtureA.pid.set(-1);
        SharedFixtureB.pid.set(-2);

        EngineExecutionResults results = runCapturingStderr(new StringBuilder(),
                SharedFixtureA.class, SharedFixtureB.class);

        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        assertThat(SharedFixtureA.pid.get()).isPositive().isEqualTo(SharedFixtureB.pid.get());
        assertThat(SharedFixtureA.chroot.get()).isNotEqualTo(SharedFixtureB.chroot.get());
        assertStopped(SharedFixtureA.pid.get());
    }

    private static EngineExecutionResults runCapturingStderr(StringBuilder sink, Class<?>... classes) {
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            EngineTestKit.Builder kit = EngineTestKit.engine("junit-jupiter");
            for (Class<?> type : classes) {
                kit.selectors(selectClass(type));
            }
            return kit.execute();
        } finally {
            System.setErr(original);
            sink.append(buffer.toString(StandardCharsets.UTF_8));
            original.print(sink); // keep it in the report for debugging
        }
    }

    private static void assertStopped(long pid) {
        assertThat(pid).isPositive();
        Poll.until(Duration.ofSeconds(10), () -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true),
                () -> "server " + pid + " still runs");
    }

    static class FailingFixture {
        static final AtomicLong pid = new AtomicLong();

        @RegisterExtension
        static final ZooKeeperExtension zk = ZooKeeperExtension.perClass();

        @Test
        void passes() {
            pid.set(zk.server().pid());
        }

        @Test
        void fails() {
            pid.set(zk.server().pid());
            fail("deliberately");
        }
    }

    static class SharedFixtureA {
        static final AtomicLong pid = new AtomicLong();
        static final AtomicReference<String> chroot = new AtomicReference<>();

        @RegisterExtension
        static final ZooKeeperExtension zk = ZooKeeperExtension.shared();

        @Test
        void usesTheSharedServer() {
            pid.set(zk.server().pid());
            chroot.set(zk.chroot());
        }
    }

    static class SharedFixtureB {
        static final AtomicLong pid = new AtomicLong();
        static final AtomicReference<String> chroot = new AtomicReference<>();

        @RegisterExtension
        static final ZooKeeperExtension zk = ZooKeeperExtension.shared();

        @Test
        void usesTheSharedServer() {
            pid.set(zk.server().pid());
            chroot.set(zk.chroot());
        }
    }
}
