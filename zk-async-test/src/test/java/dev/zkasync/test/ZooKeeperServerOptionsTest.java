package dev.zkasync.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class ZooKeeperServerOptionsTest {

    @Test
    void defaults() {
        ZooKeeperServerOptions options = ZooKeeperServerOptions.defaults();

        assertThat(options.fourLetterWordWhitelist()).isEqualTo("*");
        assertThat(options.extendedTypes()).isTrue();
        assertThat(options.readOnlyMode()).isFalse();
        assertThat(options.tickTime()).isEqualTo(Duration.ofSeconds(2));
        assertThat(options.superDigest()).isEmpty();
        assertThat(options.minSessionTimeout()).isEmpty();
        assertThat(options.maxSessionTimeout()).isEmpty();
        assertThat(options.maxClientConnections()).isZero();
        assertThat(options.maxHeap()).isEqualTo("256m");
        assertThat(options.startTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options).isEqualTo(ZooKeeperServerOptions.builder().build());
    }

    @Test
    void superDigestIsUserColonBase64OfSha1() {
        ZooKeeperServerOptions options = ZooKeeperServerOptions.builder().superDigest("super", "secret").build();

        assertThat(options.superDigest()).contains("super:lK75jTNcA+U9vtVEw5vB51mj/w4=");
        assertThat(options.superUser()).contains("super");
        assertThat(options.superPassword()).contains("secret");
        assertThat(options.toString()).doesNotContain("secret");
    }

    @Test
    void toBuilderCopiesAndLeavesTheOriginalAlone() {
        ZooKeeperServerOptions original = ZooKeeperServerOptions.builder()
                .zooCfg("snapCount", "10").systemProperty("a", "b").jvmArgs("-Dx=y").build();

        ZooKeeperServerOptions changed = original.toBuilder().zooCfg("snapCount", "20").readOnlyMode(true).build();

        assertThat(original.zooCfg()).containsEntry("snapCount", "10");
        assertThat(changed.zooCfg()).containsEntry("snapCount", "20");
        assertThat(changed.systemProperties()).containsEntry("a", "b");
        assertThat(changed.jvmArgs()).containsExactly("-Dx=y");
        assertThat(changed).isNotEqualTo(original);
        assertThat(original.toBuilder().build()).isEqualTo(original).hasSameHashCodeAs(original);
    }

    @Test
    void invalidValuesAreRejected() {
        ZooKeeperServerOptions.Builder builder = ZooKeeperServerOptions.builder();

        assertThatThrownBy(() -> builder.tickTime(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.maxClientConnections(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.fourLetterWordWhitelist(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void zooCfgForAStandaloneServer() {
        ZooKeeperServerOptions options = ZooKeeperServerOptions.builder()
                .tickTime(Duration.ofMillis(500))
                .maxSessionTimeout(Duration.ofSeconds(10))
                .zooCfg("forceSync", "yes")
                .build();

        String cfg = ZooCfg.standalone(options, Path.of("/data"), 12345);

        assertThat(cfg.lines()).contains("tickTime=500", "dataDir=/data", "clientPort=12345",
                "clientPortAddress=127.0.0.1", "admin.enableServer=false", "4lw.commands.whitelist=*",
                "maxSessionTimeout=10000", "preAllocSize=1024", "forceSync=yes", "maxClientCnxns=0")
                .doesNotContain("forceSync=no")
                .noneMatch(line -> line.startsWith("minSessionTimeout"));
    }

    @Test
    void zooCfgForAQuorumMember() {
        String cfg = ZooCfg.quorumMember(ZooKeeperServerOptions.defaults(), Path.of("/data"),
                Path.of("/data/zoo.cfg.dynamic"));

        assertThat(cfg.lines()).contains("initLimit=10", "syncLimit=5", "standaloneEnabled=false",
                "reconfigEnabled=true", "dynamicConfigFile=/data/zoo.cfg.dynamic")
                .noneMatch(line -> line.startsWith("clientPort"));
    }

    @Test
    void restrictedWhitelistKeepsTheStartupChecks() {
        assertThat(ZooCfg.whitelist("stat, mntr")).isEqualTo("stat, mntr, ruok, envi, srvr");
        assertThat(ZooCfg.whitelist("srvr,ruok")).isEqualTo("srvr, ruok, envi");
        assertThat(ZooCfg.whitelist(" * ")).isEqualTo("*");
    }
}
