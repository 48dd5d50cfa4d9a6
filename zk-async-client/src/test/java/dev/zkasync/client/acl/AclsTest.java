package dev.zkasync.client.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AclsTest {

    @Test
    void digestMatchesZooKeeperDocsExample() {
        assertThat(Acls.digest("super", "test")).isEqualTo("super:D/InIHSb7yEEbrWz8b9l71RjZJU=");
    }

    @Test
    void digestUsesUtf8() {
        assertThat(Acls.digest("\u00fcser", "p\u00e4ss")).startsWith("\u00fcser:").hasSize("\u00fcser:".length() + 28);
        assertThat(Acls.digest("u", "p\u00e4ss")).isNotEqualTo(Acls.digest("u", "p\u00c3\u00a4ss"));
    }

    @Test
    void digestRejectsColonInUserName() {
        assertThatThrownBy(() -> Acls.digest("a:b", "s3cr3t")).isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain("s3cr3t");
    }

    @Test
    void digestAcl() {
        ACL acl = Acls.digestAcl("super", "test", Perms.READ | Perms.ADMIN);
        assertThat(acl.perms()).isEqualTo(17);
        assertThat(acl.id()).isEqualTo(new Id("digest", "super:D/InIHSb7yEEbrWz8b9l71RjZJU="));
        assertThat(acl.toString()).doesNotContain("test").isEqualTo(
                "ACL(READ|ADMIN, digest:super:D/InIHSb7yEEbrWz8b9l71RjZJU=)");
    }

    @Test
    void wellKnownLists() {
        assertThat(Acls.OPEN_ACL_UNSAFE).containsExactly(new ACL(31, new Id("world", "anyone")));
        assertThat(Acls.CREATOR_ALL_ACL).containsExactly(new ACL(31, new Id("auth", "")));
        assertThat(Acls.READ_ACL_UNSAFE).containsExactly(new ACL(1, new Id("world", "anyone")));
        assertThatThrownBy(() -> Acls.OPEN_ACL_UNSAFE.add(Acls.acl("ip", "10.0.0.1", Perms.ALL)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aclFactories() {
        assertThat(Acls.acl("ip", "10.0.0.0/8", Perms.READ)).isEqualTo(new ACL(1, new Id("ip", "10.0.0.0/8")));
        assertThat(ACL.of(Perms.WRITE, "world", "anyone")).isEqualTo(new ACL(2, Id.ANYONE_ID_UNSAFE));
        assertThat(ACL.of(0, Id.AUTH_IDS).perms()).isZero();
    }

    @Test
    void aclValidation() {
        assertThatThrownBy(() -> new ACL(32, Id.ANYONE_ID_UNSAFE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ACL(-1, Id.ANYONE_ID_UNSAFE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ACL(1, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Id(null, "x")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Id("x", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void idToString() {
        assertThat(Id.ANYONE_ID_UNSAFE).hasToString("world:anyone");
        assertThat(Id.AUTH_IDS).hasToString("auth:");
    }

    @Test
    void permsToString() {
        assertThat(Perms.ALL).isEqualTo(31);
        assertThat(Perms.toString(Perms.ALL)).isEqualTo("ALL");
        assertThat(Perms.toString(0)).isEqualTo("NONE");
        assertThat(Perms.toString(Perms.READ | Perms.WRITE)).isEqualTo("READ|WRITE");
        assertThat(Perms.toString(Perms.CREATE | Perms.DELETE | Perms.ADMIN)).isEqualTo("CREATE|DELETE|ADMIN");
        assertThat(Perms.toString(Perms.READ | 64)).isEqualTo("READ|0x40");
        assertThat(Perms.toString(64)).isEqualTo("0x40");
    }

    @Test
    void permsParse() {
        for (int p = 0; p <= Perms.ALL; p++) {
            assertThat(Perms.parse(Perms.toString(p))).isEqualTo(p);
        }
        assertThat(Perms.parse(" read | Write ")).isEqualTo(3);
        assertThatThrownBy(() -> Perms.parse("READ|FLY")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FLY");
        assertThatThrownBy(() -> Perms.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Perms.parse("READ||WRITE")).isInstanceOf(IllegalArgumentException.class);
    }
}
