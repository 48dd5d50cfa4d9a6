package dev.zkasync.client;

import org.junit.jupiter.api.Tag;
import dev.zkasync.test.ZooKeeperProcess;
import dev.zkasync.client.data.ClientInfo;
import dev.zkasync.client.data.NodeData;
import dev.zkasync.client.data.ServerVersion;

import dev.zkasync.client.exception.ConfigurationException;
import dev.zkasync.client.exception.ConnectionLossException;
import dev.zkasync.client.exception.UnimplementedException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Admin and introspection calls against a real (standalone) server. */
@Tag("server-matrix")
class AdminTest extends RealServerTest {

    @Test
    void getEphemeralsAppliesAndStripsTheChroot() {
        KazooClient c = client();
        KazooClient other = client();
        c.create("/e1", null, CreateOptions.DEFAULT.ephemeral());
        c.create("/dir/e2", null, CreateOptions.DEFAULT.ephemeral().makepath());
        other.create("/theirs", null, CreateOptions.DEFAULT.ephemeral());
        assertThat(c.getEphemerals("/")).containsExactlyInAnyOrder("/e1", "/dir/e2");
        assertThat(c.getEphemerals("/dir")).containsExactly("/dir/e2");
        assertThat(other.getEphemeralsAsync("/").get()).containsExactly("/theirs");
    }

    @Test
    void getAllChildrenNumberCountsEveryDescendant() {
        KazooClient c = client();
        c.ensurePath("/t/a/b");
        c.create("/t/c");
        assertThat(c.getAllChildrenNumber("/t")).isEqualTo(3);
    }

    @Test
    void whoAmIListsTheSessionsIdentities() {
        KazooClient c = started(builder().authData("digest", "alice:pw"));
        if (!c.serverVersion().atLeast(3, 7)) {
            // before 3.7 the server does not know the request: a typed answer, not a hang
            assertThatThrownBy(c::whoAmI).isInstanceOf(UnimplementedException.class).hasMessage("UNIMPLEMENTED");
            return;
        }
        List<ClientInfo> me = c.whoAmI();
        assertThat(me).contains(new ClientInfo("digest", "alice"));
        assertThat(me).anySatisfy(i -> assertThat(i.authScheme()).isEqualTo("ip"));
    }

    @Test
    void fourLetterWordsAndServerVersion() {
        KazooClient c = client();
        assertThat(c.command("ruok")).isEqualTo("imok");
        assertThat(c.commandAsync("srvr").get()).contains("Mode: standalone");
        ServerVersion version = c.serverVersion();
        assertThat(version.toString()).isEqualTo(ZooKeeperProcess.serverVersion());
        assertThat(version.atLeast(3, 6)).isTrue();
        assertThatThrownBy(() -> c.command("toolong")).isInstanceOf(IllegalArgumentException.class);
        c.stop();
        assertThatThrownBy(() -> c.command("ruok")).isInstanceOf(ConnectionLossException.class);
    }

    @Test
    void getConfigIsReadOutsideTheChroot() {
        KazooClient c = client();
        NodeData config = c.getConfig(null);
        assertThat(config.stat()).isNotNull();
    }

    @Test
    void setHostsTakesNewHostsButRefusesAChrootChange() {
        KazooClient c = client();
        assertThatThrownBy(() -> c.setHosts(zk.serverConnectString() + "/elsewhere"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("chroot");
        c.setHosts(zk.connectString());
        c.restart();
        c.ensurePath("/");
        assertThat(c.exists("/")).isNotNull();
    }
}
