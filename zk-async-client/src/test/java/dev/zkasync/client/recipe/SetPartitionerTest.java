package dev.zkasync.client.recipe;

import org.junit.jupiter.api.Tag;
import dev.zkasync.client.KazooClient;
import dev.zkasync.test.ZooKeeperExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import static org.assertj.core.api.Assertions.assertThat;

/** SetPartitioner with several clients against a real server. */
@Tag("server-matrix")
class SetPartitionerTest extends RecipeTestSupport {
    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.shared();

    static final Set<String> ITEMS = Set.of("a", "b", "c", "d", "e");
    static final Duration BOUNDARY = Duration.ofMillis(300);
    static final Duration REACTION = Duration.ofMillis(200);

    @Override
    ZooKeeperExtension zk() {
        return zk;
    }

    private SetPartitioner member(KazooClient c, String id) {
        return track(KazooRecipes.of(c).setPartitioner("/part", ITEMS, null, id, BOUNDARY, REACTION));
    }

    /** Kazoo's usage loop, until ACQUIRED. */
    private static void drive(SetPartitioner p) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            switch (p.state()) {
                case ACQUIRED -> {
                    return;
                }
                case RELEASE -> p.releaseSet();
                case ALLOCATING -> p.waitForAcquire(Duration.ofSeconds(1));
                case FAILURE -> throw new AssertionError("partitioner failed");
            }
        }
        throw new AssertionError("not acquired within " + WAIT + ": " + p);
    }

    @Test
    void aLoneMemberTakesEverythingAndHoldsTheLocks() {
        KazooClient c = client();
        SetPartitioner p = member(c, "w1");
        BlockingQueue<SetPartitioner.State> states = new LinkedBlockingQueue<>();
        p.addStateListener(states::add);
        assertThat(p.allocating()).isTrue();
        assertThat(p.waitForAcquire(WAIT)).isTrue();
        assertThat(p.partitions()).containsExactly("a", "b", "c", "d", "e");
        assertThat(c.getChildren("/part/locks")).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
        assertThat(c.getChildren("/part/locks/a")).singleElement().asString().matches(LockTest.KAZOO_NODE);
        assertThat(c.getChildren("/part/party")).singleElement().asString().endsWith("-w1");
        p.finish();
        assertThat(p.failed()).isTrue();
        assertThat(p.partitions()).isEmpty();
        assertThat(c.getChildren("/part/party")).isEmpty();
        assertThat(c.getChildren("/part/locks/a")).isEmpty();
        assertThat(states).contains(SetPartitioner.State.ACQUIRED, SetPartitioner.State.FAILURE);
    }

    @Test
    void aJoiningMemberMakesTheOthersReleaseAndTheSetIsSplit() {
        SetPartitioner first = member(client(), "w1");
        drive(first);
        assertThat(first.partitions()).hasSize(5);

        SetPartitioner second = member(client(), "w2");
        await("the first member told to release", first::release);
        drive(first);
        drive(second);
        assertThat(first.partitions()).containsExactly("a", "c", "e");
        assertThat(second.partitions()).containsExactly("b", "d");
    }

    @Test
    void whenAMemberDiesTheSurvivorTakesItsItems() {
        SetPartitioner first = member(client(), "w1");
        KazooClient dying = client();
        SetPartitioner second = member(dying, "w2");
        drive(first);
        drive(second);
        List<String> all = new ArrayList<>(first.partitions());
        all.addAll(second.partitions());
        assertThat(all).containsExactlyInAnyOrderElementsOf(ITEMS);

        dying.close();
        await("the survivor told to release", first::release);
        drive(first);
        assertThat(first.partitions()).containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void aPluggablePartitionFunctionDecides() {
        SetPartitioner.PartitionFunction firstTakesAll = (id, members, items) ->
                members.stream().sorted().findFirst().orElseThrow().equals(id) ? items : List.of();
        KazooClient c = client();
        SetPartitioner a = track(KazooRecipes.of(c).setPartitioner("/part", ITEMS, firstTakesAll, "a-member", BOUNDARY, REACTION));
        SetPartitioner b = track(KazooRecipes.of(client()).setPartitioner("/part", ITEMS, firstTakesAll, "b-member", BOUNDARY, REACTION));
        drive(a);
        drive(b);
        assertThat(a.partitions()).containsExactlyInAnyOrderElementsOf(ITEMS);
        assertThat(b.partitions()).isEmpty();
    }

    @Test
    void aSessionLossFailsThePartitioner() throws Exception {
        Proxied p = proxiedClient();
        SetPartitioner doomed = track(KazooRecipes.of(p.client()).setPartitioner("/part", ITEMS, null, "doomed", BOUNDARY, REACTION));
        drive(doomed);
        expire(p);
        await("failed", doomed::failed);
        assertThat(doomed.partitions()).isEmpty();
        SetPartitioner next = member(client(), "next");
        drive(next);
        assertThat(next.partitions()).hasSize(5);
    }

    @Test
    void aConnectionBlipAsksForARelease() throws Exception {
        Proxied p = proxiedClient();
        SetPartitioner member = track(KazooRecipes.of(p.client()).setPartitioner("/part", ITEMS, null, "w", BOUNDARY, REACTION));
        drive(member);
        p.proxy().dropConnections();
        await("release asked", member::release);
        drive(member);
        assertThat(member.partitions()).hasSize(5);
    }
}
