package dev.zkasync.client;

import dev.zkasync.client.data.ClientInfo;
import dev.zkasync.client.state.KeeperState;

import dev.zkasync.client.acl.ACL;
import dev.zkasync.client.acl.Perms;
import dev.zkasync.client.exception.AuthFailedException;
import dev.zkasync.client.exception.NoAuthException;
import dev.zkasync.client.sasl.SaslConfig;
import dev.zkasync.test.ZooKeeperExtension;
import dev.zkasync.test.ZooKeeperServerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SASL against a real server whose JAAS configuration knows one DIGEST-MD5 user. GSSAPI needs a
 * Kerberos KDC, which this machine lacks: it is tested as far as a failed JAAS login, which must be
 * a typed AUTH_FAILED, never a hang.
 */
class SaslTest {
    private static final Path JAAS = writeJaas();

    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.perClass(ZooKeeperServerOptions.builder()
            .zooCfg("authProvider.sasl", "org.apache.zookeeper.server.auth.SASLAuthenticationProvider")
            .systemProperty("java.security.auth.login.config", JAAS.toString())
            .build());

    private final List<KazooClient> clients = new ArrayList<>();

    private static Path writeJaas() {
        try {
            Path file = Files.createTempFile("zk-async-jaas", ".conf");
            Files.writeString(file, "Server {\n  org.apache.zookeeper.server.auth.DigestLoginModule required\n"
                    + "  user_bob=\"bobsecret\";\n};\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void deleteJaas() throws IOException {
        Files.deleteIfExists(JAAS);
    }

    @AfterEach
    void closeClients() {
        clients.forEach(KazooClient::close);
    }

    private KazooClient client(SaslConfig sasl) {
        KazooClientBuilder b = KazooClient.builder().hosts(zk.connectString()).sessionTimeout(Duration.ofSeconds(6));
        if (sasl != null) {
            b.sasl(sasl);
        }
        KazooClient c = b.build();
        clients.add(c);
        return c;
    }

    @Test
    void digestMd5AuthenticatesTheSessionAndItsAclsApply() {
        KazooClient bob = client(SaslConfig.digestMd5("bob", "bobsecret"));
        bob.start(Duration.ofSeconds(20));
        bob.ensurePath("/");
        assertThat(bob.whoAmI()).contains(new ClientInfo("sasl", "bob"));
        bob.create("/bobs", "mine".getBytes(), CreateOptions.DEFAULT.acl(List.of(ACL.of(Perms.ALL, "sasl", "bob"))));

        KazooClient anonymous = client(null);
        anonymous.start(Duration.ofSeconds(20));
        assertThatThrownBy(() -> anonymous.get("/bobs")).isInstanceOf(NoAuthException.class);

        // Re-authenticated after a reconnect.
        zk.server().restart();
        RealServerTest.await(Duration.ofSeconds(30), "reconnect", bob::connected);
        assertThat(new String(bob.get("/bobs").data())).isEqualTo("mine");
    }

    @Test
    void aWrongPasswordIsAuthFailedNotAHang() {
        KazooClient c = client(SaslConfig.digestMd5("bob", "wrong-password"));
        assertThatThrownBy(() -> c.start(Duration.ofSeconds(20))).isInstanceOf(AuthFailedException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-password"));
        assertThat(c.clientState()).isEqualTo(KeeperState.CLOSED);
    }

    @Test
    void gssapiWithoutKerberosFailsWithATypedError() {
        KazooClient c = client(SaslConfig.gssapi("NoSuchJaasSection"));
        assertThatThrownBy(() -> c.start(Duration.ofSeconds(20))).isInstanceOf(AuthFailedException.class);
    }

    @Test
    void configsNeverPrintPasswords() {
        assertThat(SaslConfig.digestMd5("bob", "bobsecret").toString()).doesNotContain("bobsecret");
        assertThatThrownBy(() -> SaslConfig.digestMd5("bob", null))
                .isInstanceOf(dev.zkasync.client.exception.ConfigurationException.class);
    }
}
