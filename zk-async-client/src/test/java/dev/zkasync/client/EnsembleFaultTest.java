package dev.zkasync.client;

import dev.zkasync.client.state.KazooState;
import dev.zkasync.test.EnsembleMember;
import dev.zkasync.test.ZooKeeperEnsemble;
import dev.zkasync.test.ZooKeeperServerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 3-server ensemble losing a member under a steady write load from several clients: the leader
 * killed -9, a follower killed -9, the leader frozen (SIGSTOP) past the followers' patience, and a
 * rolling restart of every member. Each time: every acknowledged write is on the server, each
 * client's writes were applied in the order it issued them, every request completed within its
 * deadline, and no session was lost, since the quorum comes back within the session timeout.
 */
class EnsembleFaultTest {

    /** A short tick: the followers give up on a silent leader after syncLimit (5) ticks, 2.5 s. */
    private static final Duration TICK = Duration.ofMillis(500);
    /** The most a 500 ms tick allows (20 ticks); the quorum comes back well within it. */
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(4);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int PROGRESS = 40;

    private static ZooKeeperEnsemble ensemble;
    private final List<KazooClient> clients = new ArrayList<>();

    @BeforeAll
    static void startEnsemble() {
        ensemble = ZooKeeperEnsemble.start(3, ZooKeeperServerOptions.builder().tickTime(TICK).build());
    }

    @AfterAll
    static void stopEnsemble() {
        ensemble.close();
    }

    /** Every member running and unpaused again, with a leader, for the next test. */
    @AfterEach
    void restoreEnsemble() {
        clients.forEach(KazooClient::close);
        for (EnsembleMember m : ensemble.members()) {
            m.resume();
            m.start();
        }
        ensemble.awaitQuorum(WAIT);
    }

    /** Writer {@code i} starts on member {@code i % 3}, so one writer sits on the leader, whichever it is. */
    private static List<KazooClientBuilder> writers(int count) {
        List<KazooClientBuilder> builders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<String> hosts = new ArrayList<>();
            for (int j = 0; j < ensemble.size(); j++) {
                hosts.add(ensemble.member((i + j) % ensemble.size()).connectString());
            }
            builders.add(KazooClient.builder().hosts(String.join(",", hosts)).randomizeHosts(false)
                    .sessionTimeout(SESSION_TIMEOUT));
        }
        return builders;
    }

    /** Waits until one of {@code members} leads; returns how long that took from {@code since} (nanoTime). */
    private static long awaitLeaderAmong(List<EnsembleMember> members, long since) {
        RealServerTest.await(WAIT, "a leader among " + members,
                () -> members.stream().anyMatch(m -> m.mode().equals("leader")));
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
    }

    /**
     * Runs the load, applies {@code fault} to {@code victim}, lets the writers carry on with the other
     * two members, then {@code heal}s the victim and checks the guarantees.
     */
    private void underLoad(String scenario, EnsembleMember victim, Runnable fault, Runnable heal) {
        List<EnsembleMember> others = ensemble.members().stream().filter(m -> m != victim).toList();
        try (WriteLoad load = new WriteLoad("/" + scenario.replaceAll("[^a-z0-9]+", "-"), writers(3), REQUEST_TIMEOUT)) {
            load.awaitProgress(PROGRESS, WAIT);
            long faultAt = System.nanoTime();
            fault.run();
            long quorumMs = awaitLeaderAmong(others, faultAt);
            load.awaitProgress(PROGRESS, WAIT);
            long writingMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - faultAt);
            heal.run();
            ensemble.awaitQuorum(WAIT);
            load.awaitProgress(PROGRESS, WAIT);
            load.stop();
            assertThat(Duration.ofMillis(quorumMs)).as("a quorum within the session timeout")
                    .isLessThan(SESSION_TIMEOUT);
            load.verify(scenario, true);
            WriteLoad.record(scenario, "quorum led again after ms", quorumMs);
            WriteLoad.record(scenario, "every writer acknowledged " + PROGRESS + " more writes after ms", writingMs);
        }
    }

    @Test
    void theLeaderKilledUnderLoadLosesNoAcknowledgedWriteAndNoSession() {
        EnsembleMember leader = ensemble.leader().orElseThrow();
        underLoad("leader killed -9 under 3 writers", leader, leader::kill, leader::start);
    }

    @Test
    void aFollowerKilledUnderLoadLosesNoAcknowledgedWriteAndNoSession() {
        EnsembleMember follower = ensemble.members().stream().filter(m -> m.mode().equals("follower"))
                .findFirst().orElseThrow();
        underLoad("follower killed -9 under 3 writers", follower, follower::kill, follower::start);
    }

    @Test
    void theLeaderFrozenPastTheTickTimeLosesNoAcknowledgedWriteAndNoSession() {
        EnsembleMember leader = ensemble.leader().orElseThrow();
        // Frozen until the others elect a new leader, i.e. beyond syncLimit ticks; then it rejoins as a follower.
        underLoad("leader SIGSTOP past the tick time under 3 writers", leader, leader::pause, leader::resume);
    }

    @Test
    void aRollingRestartLosesNoSessionNoWriteAndFiresEachWatchOnce() {
        String scenario = "rolling restart of 3 members under 3 writers";
        KazooClient watching = started(writers(1).getFirst());
        KazooClient changing = started(writers(2).getLast());
        long watchingSession = watching.clientId().sessionId();
        List<KazooState> watchingStates = new CopyOnWriteArrayList<>();
        watching.addListener(watchingStates::add);
        try (WriteLoad load = new WriteLoad("/rolling", writers(3), REQUEST_TIMEOUT);
             WatchProbe watches = new WatchProbe(watching, changing, "/rolling-watches")) {
            load.awaitProgress(PROGRESS, WAIT);
            long begin = System.nanoTime();
            for (EnsembleMember member : ensemble.members()) {
                member.restart();
                ensemble.awaitQuorum(WAIT);
                load.awaitProgress(PROGRESS, WAIT);
            }
            long restartMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
            load.stop();
            load.verify(scenario, true);
            watches.verify(scenario);
            assertThat(watching.clientId().sessionId()).as("the watching client's session").isEqualTo(watchingSession);
            assertThat(watchingStates).as("the watching client's states").doesNotContain(KazooState.LOST);
            WriteLoad.record(scenario, "rolling restart took ms", restartMs);
        }
    }

    private KazooClient started(KazooClientBuilder builder) {
        KazooClient c = builder.requestTimeout(REQUEST_TIMEOUT).build();
        clients.add(c);
        c.start(WAIT);
        return c;
    }
}
