package dev.zkasync.client;

import dev.zkasync.client.exception.NotReadOnlyException;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.client.state.KeeperState;
import dev.zkasync.test.EnsembleMember;
import dev.zkasync.test.FaultProxy;
import dev.zkasync.test.ZooKeeperEnsemble;
import dev.zkasync.test.ZooKeeperServerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A member of a 3-server ensemble cut off, with a fault proxy in front of each member's client port.
 *
 * <p>The proxies cut clients off; the quorum links between the members cannot be proxied (the
 * leader hands every member one configuration, with the members' real ports), so a member loses its
 * peers by their being frozen (SIGSTOP): to it they fall silent without a reset, as across a
 * partition.
 */
class PartitionTest {

    private static final Duration TICK = Duration.ofMillis(500);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int PROGRESS = 40;

    private static ZooKeeperEnsemble ensemble;
    private static final List<FaultProxy> proxies = new ArrayList<>();
    private final List<KazooClient> clients = new ArrayList<>();

    @BeforeAll
    static void startEnsemble() {
        ensemble = ZooKeeperEnsemble.start(3, ZooKeeperServerOptions.builder()
                .tickTime(TICK)
                // A 500 ms tick would cap sessions at 10 s; the read-only session must outlast the partition.
                .maxSessionTimeout(Duration.ofSeconds(60))
                .readOnlyMode(true)
                // From 3.7 on a read-only server hands out local sessions only, and refuses a client without them.
                .zooCfg("localSessionsEnabled", "true")
                .zooCfg("localSessionsUpgradingEnabled", "true")
                .build());
        ensemble.members().forEach(m -> proxies.add(FaultProxy.start("127.0.0.1", m.port())));
    }

    @AfterAll
    static void stopEnsemble() {
        proxies.forEach(FaultProxy::close);
        ensemble.close();
    }

    /** Proxies open, every member running and unpaused, with a leader, for the next test. */
    @AfterEach
    void heal() {
        clients.forEach(KazooClient::close);
        proxies.forEach(p -> p.blackhole(false));
        ensemble.members().forEach(EnsembleMember::resume);
        ensemble.awaitQuorum(WAIT);
    }

    /** Every member through its proxy, {@code first}'s proxy first. */
    private static String hostsFrom(EnsembleMember first) {
        int start = ensemble.members().indexOf(first);
        List<String> hosts = new ArrayList<>();
        for (int j = 0; j < ensemble.size(); j++) {
            hosts.add(proxies.get((start + j) % ensemble.size()).connectString());
        }
        return String.join(",", hosts);
    }

    private static EnsembleMember aFollower() {
        return ensemble.members().stream().filter(m -> m.mode().equals("follower")).findFirst().orElseThrow();
    }

    private KazooClient started(KazooClientBuilder builder) {
        KazooClient c = builder.build();
        clients.add(c);
        c.start(WAIT);
        return c;
    }

    @Test
    void clientsOfAMemberCutOffMoveToTheMajorityWithTheirSessions() {
        String scenario = "member cut off from its 3 writers";
        EnsembleMember victim = aFollower();
        FaultProxy cut = proxies.get(ensemble.members().indexOf(victim));
        List<KazooClientBuilder> builders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            builders.add(KazooClient.builder().hosts(hostsFrom(victim)).randomizeHosts(false)
                    .sessionTimeout(Duration.ofSeconds(10)));
        }
        try (WriteLoad load = new WriteLoad("/cut-off", builders, Duration.ofSeconds(4))) {
            assertThat(load.clients()).allSatisfy(c -> assertThat(c.connectedServer()).endsWith(":" + cut.port()));
            // With local sessions on, a session that never owned an ephemeral node is local to its
            // server and expires when it moves; owning one makes it global, as the server documents.
            List<String> owned = new ArrayList<>();
            for (KazooClient c : load.clients()) {
                owned.add(c.create("/cut-off/owner-", null, CreateOptions.DEFAULT.ephemeral().sequence()));
            }
            load.awaitProgress(PROGRESS, WAIT);
            long cutAt = System.nanoTime();
            // Silence, not a reset: the clients must notice by themselves.
            cut.blackhole(true);
            load.awaitProgress(PROGRESS, WAIT);
            long movedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cutAt);
            assertThat(load.clients()).allSatisfy(c -> assertThat(c.connectedServer()).doesNotEndWith(":" + cut.port()));
            cut.blackhole(false);
            load.stop();
            load.verify(scenario, true);
            for (int i = 0; i < owned.size(); i++) {
                KazooClient c = load.clients().get(i);
                assertThat(c.exists(owned.get(i))).as("the ephemeral node of writer %d", i).isNotNull()
                        .satisfies(stat -> assertThat(stat.ephemeralOwner()).isEqualTo(c.clientId().sessionId()));
            }
            WriteLoad.record(scenario, "every writer acknowledged " + PROGRESS + " writes on the majority after ms", movedMs);
        }
    }

    @Test
    void theMinorityServesReadsAndRefusesWritesThenTheSameSessionContinues() {
        String scenario = "member partitioned from the majority, read-only allowed";
        EnsembleMember minority = aFollower();
        List<EnsembleMember> majority = ensemble.members().stream().filter(m -> m != minority).toList();
        KazooClient c = started(KazooClient.builder().hosts(hostsFrom(minority)).randomizeHosts(false)
                .sessionTimeout(Duration.ofSeconds(30)).readOnly(true));
        c.ensurePath("/partition");
        c.set("/partition", bytes("before"));
        String ephemeral = c.create("/partition/owner-", null, CreateOptions.DEFAULT.ephemeral().sequence());
        long session = c.clientId().sessionId();
        List<KazooState> states = new CopyOnWriteArrayList<>();
        c.addListener(states::add);

        long cutAt = System.nanoTime();
        for (EnsembleMember m : majority) {
            proxies.get(ensemble.members().indexOf(m)).blackhole(true);
            m.pause();
        }
        RealServerTest.await(WAIT, "read-only mode on the minority", () -> c.clientState() == KeeperState.CONNECTED_RO);
        long readOnlyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cutAt);
        assertThat(c.connectedServer()).endsWith(":" + proxies.get(ensemble.members().indexOf(minority)).port());
        int reads = 0;
        for (; reads < 20; reads++) {
            assertThat(string(c.get("/partition").data())).isEqualTo("before");
        }
        assertThat(c.getChildren("/partition")).contains(ephemeral.substring("/partition/".length()));
        assertThatThrownBy(() -> c.set("/partition", bytes("during"))).isInstanceOf(NotReadOnlyException.class);
        assertThatThrownBy(() -> c.create("/partition/new")).isInstanceOf(NotReadOnlyException.class);

        long healAt = System.nanoTime();
        for (EnsembleMember m : majority) {
            m.resume();
            proxies.get(ensemble.members().indexOf(m)).blackhole(false);
        }
        ensemble.awaitQuorum(WAIT);
        RealServerTest.await(WAIT, "a read-write connection", () -> c.clientState() == KeeperState.CONNECTED);
        long readWriteMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - healAt);
        assertThat(c.clientId().sessionId()).as("the same session").isEqualTo(session);
        assertThat(states).doesNotContain(KazooState.LOST);
        c.set("/partition", bytes("after"));
        KazooClient other = started(KazooClient.builder().hosts(ensemble.connectString()));
        other.sync("/partition");
        assertThat(other.exists(ephemeral)).as("the ephemeral node, still the session's").isNotNull()
                .satisfies(stat -> assertThat(stat.ephemeralOwner()).isEqualTo(session));
        assertThat(string(other.get("/partition").data())).isEqualTo("after");

        WriteLoad.record(scenario, "read-only after ms", readOnlyMs);
        WriteLoad.record(scenario, "reads served on the minority", reads);
        WriteLoad.record(scenario, "writes refused with NotReadOnly", 2);
        WriteLoad.record(scenario, "read-write again after the heal ms", readWriteMs);
        WriteLoad.record(scenario, "session kept", "1/1");
        WriteLoad.record(scenario, "ephemeral nodes kept", "1/1");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
