package dev.zkasync.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zkasync.client.acl.ACL;
import dev.zkasync.client.acl.Id;
import dev.zkasync.client.acl.Perms;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class CreateOptionsTest {

    private static final CreateOptions D = CreateOptions.DEFAULT;
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void createModeFlags() {
        assertThat(D.flags()).as("persistent").isEqualTo(0);
        assertThat(D.ephemeral().flags()).as("ephemeral").isEqualTo(1);
        assertThat(D.sequence().flags()).as("persistent sequential").isEqualTo(2);
        assertThat(D.ephemeral().sequence().flags()).as("ephemeral sequential").isEqualTo(3);
        assertThat(D.sequence().ephemeral().flags()).as("ephemeral sequential").isEqualTo(3);
        assertThat(D.container().flags()).as("container").isEqualTo(4);
        assertThat(D.ttl(MINUTE).flags()).as("persistent with TTL").isEqualTo(5);
        assertThat(D.ttl(MINUTE).sequence().flags()).as("persistent sequential with TTL").isEqualTo(6);
        assertThat(D.sequence().ttl(MINUTE).flags()).as("persistent sequential with TTL").isEqualTo(6);
    }

    @Test
    void makepathAndAclDoNotChangeTheFlags() {
        List<ACL> acl = List.of(ACL.of(Perms.READ, Id.ANYONE_ID_UNSAFE));
        assertThat(D.makepath().flags()).isEqualTo(0);
        assertThat(D.makepath().acl(acl).ephemeral().sequence().flags()).isEqualTo(3);
        assertThat(D.container().makepath().flags()).isEqualTo(4);
        assertThat(D.ttl(MINUTE).makepath().acl(acl).flags()).isEqualTo(5);
    }

    @Test
    void defaults() {
        assertThat(D.acl()).isNull();
        assertThat(D.isEphemeral()).isFalse();
        assertThat(D.isSequence()).isFalse();
        assertThat(D.isMakepath()).isFalse();
        assertThat(D.isContainer()).isFalse();
        assertThat(D.ttlMillis()).isZero();
    }

    @Test
    void accessorsReflectTheOptions() {
        CreateOptions o = D.ephemeral().sequence().makepath();
        assertThat(o.isEphemeral()).isTrue();
        assertThat(o.isSequence()).isTrue();
        assertThat(o.isMakepath()).isTrue();
        assertThat(o.isContainer()).isFalse();
        assertThat(D.container().isContainer()).isTrue();
        assertThat(D.ttl(Duration.ofSeconds(90)).ttlMillis()).isEqualTo(90_000);
    }

    @Test
    void containerCannotBeCombinedWithEphemeralSequenceOrTtl() {
        assertInvalid(() -> D.container().ephemeral());
        assertInvalid(() -> D.ephemeral().container());
        assertInvalid(() -> D.container().sequence());
        assertInvalid(() -> D.sequence().container());
        assertInvalid(() -> D.container().ttl(MINUTE));
        assertInvalid(() -> D.ttl(MINUTE).container());
    }

    @Test
    void ephemeralCannotHaveATtl() {
        assertInvalid(() -> D.ephemeral().ttl(MINUTE));
        assertInvalid(() -> D.ttl(MINUTE).ephemeral());
        assertInvalid(() -> D.ephemeral().sequence().ttl(MINUTE));
    }

    @Test
    void ttlBounds() {
        assertInvalid(() -> D.ttl(Duration.ZERO));
        assertInvalid(() -> D.ttl(Duration.ofMillis(-1)));
        assertInvalid(() -> D.ttl(Duration.ofNanos(999_999))); // rounds down to 0 ms
        long max = (1L << 40) - 1;
        assertThat(CreateOptions.MAX_TTL_MILLIS).isEqualTo(max);
        assertThat(D.ttl(Duration.ofMillis(1)).ttlMillis()).isEqualTo(1);
        assertThat(D.ttl(Duration.ofMillis(max)).ttlMillis()).isEqualTo(max);
        assertInvalid(() -> D.ttl(Duration.ofMillis(max + 1)));
        assertThatThrownBy(() -> D.ttl(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void nullOrEmptyAclMeansTheDefault() {
        List<ACL> acl = List.of(ACL.of(Perms.ALL, Id.ANYONE_ID_UNSAFE));
        assertThat(D.acl(acl).acl(null).acl()).isNull();
        assertThat(D.acl(acl).acl(List.of()).acl()).isNull();
        assertThat(D.acl(new ArrayList<>()).acl()).isNull();
    }

    @Test
    void aclIsCopied() {
        List<ACL> acl = new ArrayList<>(List.of(ACL.of(Perms.READ, Id.ANYONE_ID_UNSAFE)));
        CreateOptions o = D.acl(acl);
        acl.add(ACL.of(Perms.ALL, Id.AUTH_IDS));
        assertThat(o.acl()).containsExactly(ACL.of(Perms.READ, Id.ANYONE_ID_UNSAFE));
        assertThatThrownBy(() -> o.acl().add(ACL.of(Perms.ALL, Id.AUTH_IDS)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void everyMethodReturnsANewObject() {
        List<ACL> acl = List.of(ACL.of(Perms.READ, Id.ANYONE_ID_UNSAFE));
        CreateOptions[] derived = {D.ephemeral(), D.sequence(), D.makepath(), D.container(), D.ttl(MINUTE),
            D.acl(acl), D.acl(null)};
        for (CreateOptions o : derived) {
            assertThat(o).isNotSameAs(D);
        }
        // The original is untouched.
        assertThat(D.flags()).isZero();
        assertThat(D.isMakepath()).isFalse();
        assertThat(D.acl()).isNull();
        assertThat(D.ttlMillis()).isZero();

        CreateOptions eph = D.ephemeral();
        CreateOptions ephSeq = eph.sequence();
        assertThat(eph.flags()).isEqualTo(1);
        assertThat(ephSeq.flags()).isEqualTo(3);
        assertThat(eph.makepath().acl(acl)).isNotSameAs(eph);
        assertThat(eph.isMakepath()).isFalse();
        assertThat(eph.acl()).isNull();
    }

    @Test
    void failedCombinationLeavesTheReceiverUsable() {
        CreateOptions container = D.container();
        assertInvalid(container::ephemeral);
        assertThat(container.flags()).isEqualTo(4);
        assertThat(container.isEphemeral()).isFalse();
    }

    private static void assertInvalid(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class);
    }
}
