package dev.zkasync.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(120)
class ZooKeeperExtensionTest {

    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.perClass();

    private static final Set<String> CHROOTS = ConcurrentHashMap.newKeySet();
    private static long outerPid;

    @BeforeAll
    static void serverIsRunningBeforeTheTests() {
        outerPid = zk.server().pid();
        assertThat(zk.server().isRunning()).isTrue();
        assertThatThrownBy(zk::chroot).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void connectStringCarriesThisTestsChroot() {
        String chroot = zk.chroot();

        assertThat(chroot).matches("/ZooKeeperExtensionTest/connectStringCarriesThisTestsChroot-\\d+");
        assertThat(zk.connectString()).isEqualTo(zk.serverConnectString() + chroot);
        assertThat(zk.serverConnectString()).isEqualTo("127.0.0.1:" + zk.server().port());
        assertThat(zk.chroot()).isEqualTo(chroot);
        assertThat(CHROOTS.add(chroot)).isTrue();
    }

    @RepeatedTest(3)
    void everyTestGetsAFreshChroot() {
        assertThat(CHROOTS.add(zk.chroot())).isTrue();
        assertThat(zk.server().pid()).isEqualTo(outerPid);
    }

    @Test
    void serverIsInjectedAsAParameter(ZooKeeperProcess server) {
        assertThat(server).isSameAs(zk.server());
        assertThat(server.fourLetterWord("ruok")).isEqualTo("imok");
    }

    @Nested
    class InANestedClass {

        @Test
        void theEnclosingClassesServerIsReused(ZooKeeperProcess server) {
            assertThat(server.pid()).isEqualTo(outerPid);
            assertThat(zk.chroot()).startsWith("/InANestedClass/theEnclosingClassesServerIsReused-");
            assertThat(CHROOTS.add(zk.chroot())).isTrue();
        }
    }
}
