package dev.zkasync.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class ZooKeeperEnsembleTest {

    private static final Duration QUORUM_TIMEOUT = Duration.ofSeconds(60);

    @Test
    void electsOneLeaderAndSurvivesLosingIt() {
        try (ZooKeeperEnsemble ensemble = ZooKeeperEnsemble.start(3, ZooKeeperServerOptions.defaults())) {
            assertThat(ensemble.size()).isEqualTo(3);
            List<String> modes = ensemble.members().stream().map(EnsembleMember::mode).toList();
            assertThat(modes).containsOnlyOnce("leader").filteredOn("follower"::equals).hasSize(2);
            assertThat(ensemble.connectString().split(",")).containsExactly(
                    IntStream.range(0, 3).mapToObj(i -> "127.0.0.1:" + ensemble.member(i).port()).toArray(String[]::new));
            assertThat(ensemble.connectString("/app")).endsWith(ensemble.member(2).port() + "/app");
            assertThat(ensemble.members()).extracting(EnsembleMember::myid).containsExactly(1, 2, 3);
            assertThat(ensemble.member(0).fourLetterWord("conf"))
                    .contains(ensemble.member(0).spec(), ensemble.member(1).spec(), ensemble.member(2).spec());

            EnsembleMember oldLeader = ensemble.leader().orElseThrow();
            oldLeader.kill();
            assertThat(oldLeader.isRunning()).isFalse();
            assertThat(oldLeader.mode()).isEqualTo("none");

            ensemble.awaitQuorum(QUORUM_TIMEOUT);
            EnsembleMember newLeader = ensemble.leader().orElseThrow();
            assertThat(newLeader).isNotSameAs(oldLeader);

            oldLeader.restart();
            oldLeader.awaitServing(QUORUM_TIMEOUT);
            ensemble.awaitQuorum(QUORUM_TIMEOUT);
            assertThat(oldLeader.mode()).isEqualTo("follower");
            assertThat(oldLeader.logTail()).isNotBlank();
        }
    }

    @Test
    void preparedObserverHasASpecAndJoinsWhenStarted() {
        try (ZooKeeperEnsemble ensemble = ZooKeeperEnsemble.start(3, ZooKeeperServerOptions.defaults())) {
            EnsembleMember observer = ensemble.prepareObserver();

            assertThat(observer.myid()).isEqualTo(4);
            assertThat(observer.isObserver()).isTrue();
            assertThat(observer.isRunning()).isFalse();
            assertThat(observer.spec()).isEqualTo("server.4=127.0.0.1:" + observer.quorumPort() + ":"
                    + observer.electionPort() + ":observer;127.0.0.1:" + observer.port());
            assertThat(ensemble.connectString()).doesNotContain(":" + observer.port());
            assertThat(ensemble.member(0).spec()).endsWith(":participant;127.0.0.1:" + ensemble.member(0).port());

            observer.start();
            observer.awaitServing(QUORUM_TIMEOUT);
            // Not yet added by reconfig: the leader lets it sync as a non-voting member.
            assertThat(observer.mode()).isIn("follower", "observer");
            ensemble.awaitQuorum(QUORUM_TIMEOUT);
        }
    }

    @Test
    void lastMemberStandingServesReadOnlyWhenEnabled() {
        ZooKeeperServerOptions options = ZooKeeperServerOptions.builder().readOnlyMode(true).build();
        try (ZooKeeperEnsemble ensemble = ZooKeeperEnsemble.start(3, options)) {
            EnsembleMember survivor = ensemble.member(0);
            ensemble.member(1).kill();
            ensemble.member(2).kill();

            Poll.until(QUORUM_TIMEOUT, () -> survivor.mode().equals("read-only"),
                    () -> "survivor is " + survivor.mode() + "\n" + survivor.logTail());

            ensemble.member(1).start();
            ensemble.awaitQuorum(QUORUM_TIMEOUT);
            assertThat(ensemble.leader()).isPresent();
        }
    }

    @Test
    void pausedFollowerIsLeftOutUntilResumed() {
        try (ZooKeeperEnsemble ensemble = ZooKeeperEnsemble.start(3, ZooKeeperServerOptions.defaults())) {
            EnsembleMember follower = ensemble.members().stream()
                    .filter(member -> member.mode().equals("follower")).findFirst().orElseThrow();
            follower.pause();
            assertThat(follower.isPaused()).isTrue();
            assertThat(follower.mode()).isEqualTo("none");
            ensemble.awaitQuorum(QUORUM_TIMEOUT); // two of three still form a quorum

            follower.resume();
            follower.awaitServing(QUORUM_TIMEOUT);
            ensemble.awaitQuorum(QUORUM_TIMEOUT);
        }
    }
}
