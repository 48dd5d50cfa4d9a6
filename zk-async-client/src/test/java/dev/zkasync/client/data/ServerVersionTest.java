package dev.zkasync.client.data;

import dev.zkasync.client.exception.KazooException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The version is read from srvr (on the default whitelist) as well as from envi. */
class ServerVersionTest {

    @Test
    void readsSrvr() {
        ServerVersion v = ServerVersion.parse("Zookeeper version: 3.9.4-7246445ec281, built on 2025-08-19 19:53 UTC\n"
                + "Latency min/avg/max: 0/0.0/0\nMode: standalone\n");
        assertThat(v).isEqualTo(new ServerVersion(3, 9, 4, "3.9.4-7246445ec281, built on 2025-08-19 19:53 UTC"));
    }

    @Test
    void readsEnvi() {
        ServerVersion v = ServerVersion.parse("Environment:\nzookeeper.version=3.8.4-abc, built on x\nhost.name=h\n");
        assertThat(v.toString()).isEqualTo("3.8.4");
        assertThat(v.atLeast(3, 8)).isTrue();
    }

    @Test
    void anAnswerWithoutAVersionIsAnError() {
        assertThatThrownBy(() -> ServerVersion.parse("imok")).isInstanceOf(KazooException.class)
            .hasMessageContaining("no ZooKeeper version");
    }
}
