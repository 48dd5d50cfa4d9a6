package dev.zkasync.client.recipe;

import org.junit.jupiter.api.Tag;
import dev.zkasync.client.KazooClient;
import dev.zkasync.test.ZooKeeperExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Party and ShallowParty with several clients against a real server. */
@Tag("server-matrix")
class PartyTest extends RecipeTestSupport {
    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.shared();

    @Override
    ZooKeeperExtension zk() {
        return zk;
    }

    @Test
    void membersJoinLeaveAndVanishWithTheirClient() {
        KazooClient observer = client();
        Party view = KazooRecipes.of(observer).party("/party", null);
        assertThat(view.members()).isEmpty();
        assertThat(view.size()).isZero();

        Party a = KazooRecipes.of(client()).party("/party", "a");
        KazooClient crashing = client();
        Party b = KazooRecipes.of(crashing).party("/party", "b");
        Party c = KazooRecipes.of(client()).party("/party", "c");
        a.join();
        b.join();
        c.join();
        a.join(); // twice is harmless
        assertThat(view.members()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(view.size()).isEqualTo(3);
        assertThat(observer.getChildren("/party")).allMatch(n -> n.matches("[0-9a-f]{32}__party__"));
        assertThat(a.participating()).isTrue();

        assertThat(c.leave()).isTrue();
        assertThat(c.leave()).isFalse();
        assertThat(c.participating()).isFalse();
        crashing.close();
        assertThat(view.members()).containsExactly("a");

        observer.create("/party/not-a-member");
        assertThat(view.size()).isEqualTo(1);
    }

    @Test
    void shallowPartyReadsMembersFromNames() {
        KazooClient observer = client();
        ShallowParty view = KazooRecipes.of(observer).shallowParty("/party", "observer");
        ShallowParty a = KazooRecipes.of(client()).shallowParty("/party", "host-a");
        ShallowParty b = KazooRecipes.of(client()).shallowParty("/party", "host-b");
        a.join();
        b.join();
        assertThat(view.members()).containsExactlyInAnyOrder("host-a", "host-b");
        assertThat(observer.getChildren("/party")).allMatch(n -> n.matches("[0-9a-f]{32}-host-[ab]"));
        b.leave();
        assertThat(view.members()).containsExactly("host-a");
        assertThat(view.size()).isEqualTo(1);
    }

    @Test
    void aMemberWhoseSessionExpiresJoinsAgain() throws Exception {
        KazooClient observer = client();
        Proxied p = proxiedClient();
        Party member = KazooRecipes.of(p.client()).party("/party", "flaky");
        member.join();
        ShallowParty shallow = KazooRecipes.of(p.client()).shallowParty("/shallow", "flaky");
        shallow.join();
        expire(p);
        await("back in the party", () -> KazooRecipes.of(observer).party("/party", null).members().contains("flaky"));
        await("back in the shallow party", () -> KazooRecipes.of(observer).shallowParty("/shallow", "x").members().contains("flaky"));
        member.leave();
        assertThat(KazooRecipes.of(observer).party("/party", null).members()).isEmpty();
    }
}
