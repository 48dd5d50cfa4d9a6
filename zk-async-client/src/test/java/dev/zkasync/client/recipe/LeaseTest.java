package dev.zkasync.client.recipe;

import org.junit.jupiter.api.Tag;
import dev.zkasync.client.KazooClient;
import dev.zkasync.test.ZooKeeperExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** NonBlockingLease and MultiNonBlockingLease against a real server, with clocks under the test's control. */
@Tag("server-matrix")
class LeaseTest extends RecipeTestSupport {
    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.shared();

    static final Instant T0 = Instant.parse("2030-01-01T12:00:00.250Z");

    @Override
    ZooKeeperExtension zk() {
        return zk;
    }

    static Clock at(Instant t) {
        return Clock.fixed(t, ZoneOffset.UTC);
    }

    @Test
    void aLeaseIsHeldUntilItEndsThenOvertaken() {
        KazooClient a = client();
        KazooClient b = client();
        Duration hour = Duration.ofHours(1);
        assertThat(new NonBlockingLease(a, "/lease", hour, "host-a", at(T0)).obtained()).isTrue();
        assertThat(string(a.get("/lease/lease_holder").data()))
                .isEqualTo("{\"version\": 1, \"holder\": \"host-a\", \"end\": \"2030-01-01T13:00:00\"}");
        assertThat(a.getChildren("/lease")).containsExactly("lease_holder"); // the lock node is gone

        assertThat(new NonBlockingLease(b, "/lease", hour, "host-b", at(T0.plusSeconds(60))).obtained())
                .as("another holder's lease is running").isFalse();
        assertThat(new NonBlockingLease(a, "/lease", hour, "host-a", at(T0.plusSeconds(60))).obtained())
                .as("the holder renews").isTrue();
        assertThat(new NonBlockingLease(b, "/lease", hour, "host-b", at(T0.plusSeconds(3600))).obtained())
                .as("still running after the renewal").isFalse();
        assertThat(new NonBlockingLease(b, "/lease", hour, "host-b", at(T0.plusSeconds(3661))).obtained())
                .as("overtaken once ended").isTrue();
        assertThat(NonBlockingLease.Json.parse(string(a.get("/lease/lease_holder").data())))
                .containsEntry("holder", "host-b").containsEntry("end", "2030-01-01T14:01:01");
    }

    @Test
    void aNewerFormatIsNeverTakenOverAndKazooRecordsAreRead() {
        KazooClient c = client();
        c.create("/lease/lease_holder", bytes("{\"version\": 2, \"holder\": \"future\", \"end\": \"2000-01-01T00:00:00\"}"),
                dev.zkasync.client.CreateOptions.DEFAULT.makepath());
        assertThat(KazooRecipes.of(c).nonBlockingLease("/lease", Duration.ofMinutes(1), "me").obtained()).isFalse();
        c.set("/lease/lease_holder", bytes("{\"version\": 1, \"holder\": \"caf\\u00e9\", \"end\": \"2000-01-01T00:00:00\"}"));
        assertThat(KazooRecipes.of(c).nonBlockingLease("/lease", Duration.ofMinutes(1), "me").obtained()).isTrue();
        assertThat(NonBlockingLease.Json.write(Map.of("holder", "café\"")))
                .isEqualTo("{\"holder\": \"caf\\u00e9\\\"\"}");
    }

    @Test
    void multiLeaseHandsOutAtMostCountLeases() {
        KazooClient c = client();
        Duration d = Duration.ofMinutes(10);
        for (int i = 0; i < 3; i++) {
            assertThat(new MultiNonBlockingLease(client(), 3, "/multi", d, "host-" + i, at(T0)).obtained()).isTrue();
        }
        assertThat(new MultiNonBlockingLease(c, 3, "/multi", d, "host-3", at(T0)).obtained()).isFalse();
        assertThat(new MultiNonBlockingLease(c, 3, "/multi", d, "host-1", at(T0)).obtained())
                .as("a holder gets its own lease again").isTrue();
        assertThat(c.getChildren("/multi")).containsExactlyInAnyOrder("0", "1", "2");
        assertThat(MultiNonBlockingLease.obtainAsync(c, 3, "/multi", d, "host-3", at(T0.plus(d))).get(WAIT))
                .as("overtaken once ended").isTrue();
        assertThat(string(c.get("/multi/0/lease_holder").data())).contains("host-3");
    }
}
