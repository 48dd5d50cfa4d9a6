package dev.zkasync.client;

import dev.zkasync.client.data.NodeData;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.client.state.KeeperState;

import dev.zkasync.client.exception.NotReadOnlyException;
import dev.zkasync.test.EnsembleMember;
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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Behaviour that needs a real 3-server ensemble: read-only switch-over and reconfig. */
class EnsembleTest {
    private static ZooKeeperEnsemble ensemble;
    private final List<KazooClient> clients = new ArrayList<>();

    @BeforeAll
    static void startEnsemble() {
        ensemble = ZooKeeperEnsemble.start(3, ZooKeeperServerOptions.builder()
                .readOnlyMode(true)
                // ZooKeeper 3.9 read-only servers only hand out local sessions.
                .zooCfg("localSessionsEnabled", "true")
                .zooCfg("localSessionsUpgradingEnabled", "true")
                .superDigest("super", "secret")
                .build());
    }

    @AfterAll
    static void stopEnsemble() {
        ensemble.close();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(KazooClient::close);
        ensemble.members().forEach(m -> {
            if (!m.isRunning()) {
                m.start();
            }
        });
        ensemble.awaitQuorum(Duration.ofSeconds(60));
    }

    private KazooClient client(KazooClientBuilder builder) {
        KazooClient c = builder.build();
        clients.add(c);
        c.start(Duration.ofSeconds(30));
        return c;
    }

    @Test
    void aReadOnlyServerServesReadsUntilAReadWriteOneReturns() throws Exception {
        EnsembleMember survivor = ensemble.members().stream().filter(m -> !m.mode().equals("leader")).findFirst()
                .orElseThrow();
        // Connect to the survivor only, so the session lives there through the outage.
        KazooClient c = client(KazooClient.builder().hosts(survivor.connectString())
                .sessionTimeout(Duration.ofSeconds(30)).readOnly(true));
        c.ensurePath("/ro");
        c.set("/ro", "before".getBytes(StandardCharsets.UTF_8));
        String ephemeral = c.create("/ro/owner-", null, CreateOptions.DEFAULT.ephemeral().sequence()); // a global session
        long session = c.clientId().sessionId();
        BlockingQueue<KeeperState> seen = new LinkedBlockingQueue<>();
        c.addListener(s -> seen.add(c.clientState()));

        List<EnsembleMember> stopped = new ArrayList<>();
        for (EnsembleMember m : ensemble.members()) {
            if (m != survivor) {
                m.stop();
                stopped.add(m);
            }
        }
        try {
            RealServerTest.await(Duration.ofSeconds(60), "read-only mode", () -> c.clientState() == KeeperState.CONNECTED_RO);
        } catch (AssertionError e) {
            System.err.println(survivor.logTail(150));
            throw e;
        }
        assertThat(new String(c.get("/ro").data(), StandardCharsets.UTF_8)).isEqualTo("before");
        assertThatThrownBy(() -> c.set("/ro", "x".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(NotReadOnlyException.class);
        assertThat(c.state()).isEqualTo(KazooState.CONNECTED);

        // Now let the client find its way back, with all three hosts known.
        c.setHosts(ensemble.connectString());
        stopped.forEach(EnsembleMember::start);
        ensemble.awaitQuorum(Duration.ofSeconds(60));
        RealServerTest.await(Duration.ofSeconds(90), "a read-write connection",
                () -> c.clientState() == KeeperState.CONNECTED);
        assertThat(c.clientId().sessionId()).as("the session was kept").isEqualTo(session);
        assertThat(c.exists(ephemeral)).as("its ephemeral node too").isNotNull();
        c.set("/ro", "after".getBytes(StandardCharsets.UTF_8));
        assertThat(seen).contains(KeeperState.CONNECTED_RO);
    }

    @Test
    void theLiveSessionSurvivesAReadOnlyFallbackWithEveryHostKnown() throws Exception {
        KazooClient c = client(KazooClient.builder().hosts(ensemble.connectString())
                .sessionTimeout(Duration.ofSeconds(30)).readOnly(true));
        String ephemeral = c.create("/owned-", null, CreateOptions.DEFAULT.ephemeral().sequence());
        long session = c.clientId().sessionId();
        EnsembleMember survivor = ensemble.members().stream()
                .filter(m -> c.connectedServer().endsWith(":" + m.port())).findFirst().orElseThrow();
        List<EnsembleMember> stopped = new ArrayList<>();
        for (EnsembleMember m : ensemble.members()) {
            if (m != survivor) {
                m.stop();
                stopped.add(m);
            }
        }
        RealServerTest.await(Duration.ofSeconds(60), "read-only mode on " + survivor,
                () -> c.clientState() == KeeperState.CONNECTED_RO);
        assertThat(c.clientId().sessionId()).as("a local read-only session meanwhile").isNotEqualTo(session);

        stopped.forEach(EnsembleMember::start);
        ensemble.awaitQuorum(Duration.ofSeconds(60));
        RealServerTest.await(Duration.ofSeconds(90), "a read-write connection",
                () -> c.clientState() == KeeperState.CONNECTED);
        assertThat(c.clientId().sessionId()).as("the session was kept").isEqualTo(session);
        // Another client sees the ephemeral still owned by the live session.
        KazooClient observer = client(KazooClient.builder().hosts(ensemble.connectString()));
        observer.sync("/");
        assertThat(observer.exists(ephemeral)).as("its ephemeral node").isNotNull()
                .satisfies(stat -> assertThat(stat.ephemeralOwner()).isEqualTo(session));
    }

    @Test
    void aReadWriteServerIsOfferedTheLiveSessionAfterAReadOnlyServerRefusedALocalOne() throws Exception {
        // Without local sessions a read-only server (3.7 on) refuses every session, even a new one.
        try (ZooKeeperEnsemble noLocal = ZooKeeperEnsemble.start(3, ZooKeeperServerOptions.builder()
                .readOnlyMode(true).build())) {
            KazooClient c = client(KazooClient.builder().hosts(noLocal.connectString())
                    .sessionTimeout(Duration.ofSeconds(30)).readOnly(true));
            String ephemeral = c.create("/owned-", null, CreateOptions.DEFAULT.ephemeral().sequence());
            long session = c.clientId().sessionId();
            BlockingQueue<KazooState> states = new LinkedBlockingQueue<>();
            c.addListener(states::add);
            EnsembleMember survivor = noLocal.member(0);
            List<EnsembleMember> stopped = List.of(noLocal.member(1), noLocal.member(2));
            stopped.forEach(EnsembleMember::stop);
            RealServerTest.await(Duration.ofSeconds(60), "the survivor refusing a session",
                    () -> String.valueOf(c.lastConnectionFailure()).contains("refused the session"));

            stopped.forEach(EnsembleMember::start);
            noLocal.awaitQuorum(Duration.ofSeconds(60));
            RealServerTest.await(Duration.ofSeconds(90), "a read-write connection",
                    () -> c.clientState() == KeeperState.CONNECTED);
            assertThat(c.clientId().sessionId()).as("the session was kept").isEqualTo(session);
            KazooClient other = KazooClient.builder().hosts(noLocal.connectString()).build();
            try {
                other.start(Duration.ofSeconds(30));
                other.sync("/");
                assertThat(other.exists(ephemeral)).as("its ephemeral node").isNotNull()
                        .satisfies(stat -> assertThat(stat.ephemeralOwner()).isEqualTo(session));
            } finally {
                other.close();
            }
            assertThat(states).doesNotContain(KazooState.LOST);
            assertThat(survivor.isRunning()).isTrue();
        }
    }

    @Test
    void reconfigAddsAndRemovesAnObserver() throws Exception {
        KazooClient admin = client(KazooClient.builder().hosts(ensemble.connectString())
                .authData("digest", "super:secret"));
        EnsembleMember observer = ensemble.prepareObserver();
        observer.start();

        NodeData added = admin.reconfig(observer.spec(), null, null, -1);
        String config = new String(added.data(), StandardCharsets.UTF_8);
        assertThat(config).contains("server." + observer.myid() + "=").contains("observer");
        observer.awaitServing(Duration.ofSeconds(60));
        assertThat(observer.mode()).isEqualTo("observer");

        // A client of the observer sees the ensemble's data.
        admin.ensurePath("/seen-by-observer");
        KazooClient viaObserver = client(KazooClient.builder().hosts(observer.connectString()));
        viaObserver.sync("/");
        assertThat(viaObserver.exists("/seen-by-observer")).isNotNull();

        NodeData removed = admin.reconfig(null, String.valueOf(observer.myid()), null, added.stat().mzxid());
        assertThat(new String(removed.data(), StandardCharsets.UTF_8)).doesNotContain("server." + observer.myid() + "=");
        assertThat(new String(admin.getConfig(null).data(), StandardCharsets.UTF_8))
                .doesNotContain("server." + observer.myid() + "=");
    }

    @Test
    void reconfigNeedsASuperUser() {
        KazooClient anyone = client(KazooClient.builder().hosts(ensemble.connectString()));
        assertThatThrownBy(() -> anyone.reconfig(null, "3", null, -1))
                .isInstanceOf(dev.zkasync.client.exception.NoAuthException.class);
        assertThat(ensemble.members()).allSatisfy(m -> assertThat(m.isRunning()).isTrue());
        assertThat(anyone.connected()).isTrue();
    }
}
