package dev.zkasync.client.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zkasync.client.connect.HostAndPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HostCycleTest {

    private static final long MS = 1_000_000L;

    private static final HostAndPort A = new HostAndPort("a", 2181);
    private static final HostAndPort B = new HostAndPort("b", 2182);
    private static final HostAndPort C = new HostAndPort("c", 2183);

    /** 100 ms after the first failed cycle, doubling, capped at 1 s, no jitter. */
    private static ReconnectPolicy exact() {
        return new ReconnectPolicy(Duration.ofMillis(100), 2, Duration.ofSeconds(1), 0, -1);
    }

    private static HostCycle cycle(ReconnectPolicy policy) {
        return new HostCycle(List.of(A, B, C), false, policy);
    }

    /** Makes {@code n} connection attempts. */
    private static void attempts(HostCycle hosts, int n) {
        for (int i = 0; i < n; i++) {
            hosts.next();
        }
    }

    @Test
    void roundRobinInOrder() {
        HostCycle hosts = cycle(exact());
        assertThat(hosts.size()).isEqualTo(3);
        List<HostAndPort> seen = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            seen.add(hosts.next());
        }
        assertThat(seen).containsExactly(A, B, C, A, B, C, A);
    }

    @Test
    void noDelayWithinTheFirstCycle() {
        HostCycle hosts = cycle(exact());
        assertThat(hosts.delayBeforeNextNanos()).isZero();
        hosts.next();
        assertThat(hosts.delayBeforeNextNanos()).isZero();
        hosts.next();
        assertThat(hosts.delayBeforeNextNanos()).isZero();
        assertThat(hosts.failedCycles()).isZero();
    }

    @Test
    void delayGrowsAfterEachFailedCycleUpToTheCap() {
        HostCycle hosts = cycle(exact());
        long[] expected = {100 * MS, 200 * MS, 400 * MS, 800 * MS, 1_000 * MS, 1_000 * MS};
        for (int cycle = 1; cycle <= expected.length; cycle++) {
            hosts.next();
            assertThat(hosts.delayBeforeNextNanos()).as("inside cycle %d", cycle).isZero();
            hosts.next();
            assertThat(hosts.delayBeforeNextNanos()).as("inside cycle %d", cycle).isZero();
            hosts.next();
            assertThat(hosts.failedCycles()).isEqualTo(cycle);
            assertThat(hosts.delayBeforeNextNanos()).as("after cycle %d", cycle).isEqualTo(expected[cycle - 1]);
            // Asking again does not change the answer.
            assertThat(hosts.delayBeforeNextNanos()).isEqualTo(expected[cycle - 1]);
        }
    }

    @Test
    void failedCyclesCountsWholeCycles() {
        HostCycle hosts = cycle(exact());
        int[] expected = {0, 0, 1, 1, 1, 2, 2, 2, 3};
        for (int i = 0; i < expected.length; i++) {
            hosts.next();
            assertThat(hosts.failedCycles()).as("after %d attempts", i + 1).isEqualTo(expected[i]);
        }
    }

    @Test
    void connectedResetsTheBackoff() {
        HostCycle hosts = cycle(exact());
        attempts(hosts, 6);
        assertThat(hosts.delayBeforeNextNanos()).isEqualTo(200 * MS);
        assertThat(hosts.failedCycles()).isEqualTo(2);

        hosts.connected();
        assertThat(hosts.delayBeforeNextNanos()).isZero();
        assertThat(hosts.failedCycles()).isZero();

        // The next failures count afresh: a whole new cycle before the first (smallest) delay.
        attempts(hosts, 2);
        assertThat(hosts.delayBeforeNextNanos()).isZero();
        hosts.next();
        assertThat(hosts.delayBeforeNextNanos()).isEqualTo(100 * MS);
    }

    @Test
    void connectedKeepsTheRoundRobinPosition() {
        HostCycle hosts = cycle(exact());
        assertThat(hosts.next()).isEqualTo(A);
        hosts.connected();
        assertThat(hosts.next()).isEqualTo(B);
    }

    @Test
    void jitterStaysWithinBounds() {
        ReconnectPolicy policy = new ReconnectPolicy(Duration.ofMillis(100), 2, Duration.ofMillis(300), 0.5, -1);
        HostCycle hosts = cycle(policy);
        attempts(hosts, 3);
        Set<Long> distinct = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            long d = hosts.delayBeforeNextNanos();
            assertThat(d).isBetween(50 * MS, 150 * MS);
            distinct.add(d);
        }
        assertThat(distinct).hasSizeGreaterThan(10);

        attempts(hosts, 3); // second cycle: 200 ms ± 50 %, capped at 300
        for (int i = 0; i < 1_000; i++) {
            assertThat(hosts.delayBeforeNextNanos()).isBetween(100 * MS, 300 * MS);
        }

        attempts(hosts, 3 * 5); // far past the cap: at most maxDelay, at least half of it
        for (int i = 0; i < 1_000; i++) {
            assertThat(hosts.delayBeforeNextNanos()).isBetween(150 * MS, 300 * MS);
        }
    }

    @Test
    void replaceUsesTheNewHosts() {
        HostCycle hosts = cycle(exact());
        assertThat(hosts.next()).isEqualTo(A);
        assertThat(hosts.next()).isEqualTo(B);

        HostAndPort d = new HostAndPort("d", 2181);
        HostAndPort e = new HostAndPort("e", 2181);
        hosts.replace(List.of(d, e));
        assertThat(hosts.size()).isEqualTo(2);
        List<HostAndPort> seen = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            seen.add(hosts.next());
        }
        assertThat(seen).containsExactly(d, e, d, e, d);
    }

    @Test
    void replaceCopiesTheList() {
        List<HostAndPort> mutable = new ArrayList<>(List.of(A, B));
        HostCycle hosts = new HostCycle(mutable, false, exact());
        mutable.clear();
        mutable.add(C);
        assertThat(hosts.size()).isEqualTo(2);
        assertThat(hosts.next()).isEqualTo(A);
        assertThat(hosts.next()).isEqualTo(B);
    }

    @Test
    void randomizedCyclesVisitEveryHostOncePerCycle() {
        List<HostAndPort> all = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            all.add(new HostAndPort("h" + i, 2181));
        }
        HostCycle hosts = new HostCycle(all, true, exact());
        Set<List<HostAndPort>> orders = new HashSet<>();
        for (int cycle = 0; cycle < 20; cycle++) {
            List<HostAndPort> seen = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                seen.add(hosts.next());
            }
            assertThat(seen).containsExactlyInAnyOrderElementsOf(all);
            orders.add(seen);
        }
        // 20 shuffles of 8 hosts (40,320 orders) are almost surely not all the same.
        assertThat(orders).hasSizeGreaterThan(1);
    }

    @Test
    void singleHostBacksOffAfterEveryAttempt() {
        HostCycle hosts = new HostCycle(List.of(A), false, exact());
        assertThat(hosts.delayBeforeNextNanos()).isZero();
        assertThat(hosts.next()).isEqualTo(A);
        assertThat(hosts.delayBeforeNextNanos()).isEqualTo(100 * MS);
        assertThat(hosts.next()).isEqualTo(A);
        assertThat(hosts.delayBeforeNextNanos()).isEqualTo(200 * MS);
        assertThat(hosts.failedCycles()).isEqualTo(2);
    }

    @Test
    void policyValidation() {
        assertThatThrownBy(() -> new ReconnectPolicy(Duration.ofMillis(-1), 2, Duration.ofSeconds(1), 0, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectPolicy(Duration.ofMillis(1), 0.5, Duration.ofSeconds(1), 0, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectPolicy(Duration.ofMillis(1), 2, Duration.ofSeconds(1), 1.5, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectPolicy(Duration.ofMillis(1), 2, Duration.ofSeconds(1), -0.1, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
