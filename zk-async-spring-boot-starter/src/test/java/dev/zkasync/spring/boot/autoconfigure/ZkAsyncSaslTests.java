package dev.zkasync.spring.boot.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.zkasync.client.data.ClientInfo;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.state.KeeperState;
import dev.zkasync.client.sasl.SaslConfig;
import dev.zkasync.test.ZooKeeperExtension;
import dev.zkasync.test.ZooKeeperServerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code zk.async.sasl.*} against a real server whose JAAS configuration knows one DIGEST-MD5 user.
 */
class ZkAsyncSaslTests {

    private static final Path JAAS = writeJaas();

    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.perClass(ZooKeeperServerOptions.builder()
        .zooCfg("authProvider.sasl", "org.apache.zookeeper.server.auth.SASLAuthenticationProvider")
        .systemProperty("java.security.auth.login.config", JAAS.toString())
        .build());

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ZkAsyncAutoConfiguration.class));

    private static Path writeJaas() {
        try {
            Path file = Files.createTempFile("zk-async-starter-jaas", ".conf");
            Files.writeString(file, "Server {\n  org.apache.zookeeper.server.auth.DigestLoginModule required\n"
                    + "  user_bob=\"bobsecret\";\n};\n");
            return file;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @AfterAll
    static void deleteJaas() throws IOException {
        Files.deleteIfExists(JAAS);
    }

    @Test
    void usernameAndPasswordAuthenticateWithDigestMd5() {
        this.contextRunner
            .withPropertyValues("zk.async.hosts=" + zk.connectString(), "zk.async.sasl.username=bob",
                    "zk.async.sasl.password=bobsecret")
            .run((context) -> {
                KazooClient client = context.getBean(KazooClient.class);
                SaslConfig sasl = client.settings().sasl();
                assertThat(sasl.mechanism()).isEqualTo(SaslConfig.DIGEST_MD5);
                assertThat(sasl.serviceName()).isEqualTo("zookeeper");
                assertThat(client.whoAmI()).contains(new ClientInfo("sasl", "bob"));
            });
    }

    @Test
    void aRefusedPasswordFailsTheStartupWithoutShowingIt() {
        this.contextRunner
            .withPropertyValues("zk.async.hosts=" + zk.connectString(), "zk.async.sasl.username=bob",
                    "zk.async.sasl.password=not-bobs-password")
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(ZkAsyncStartupException.class)
                    .hasMessageContaining("refused the client's credentials")
                    .hasMessageNotContaining("not-bobs-password");
                assertThat(rootCause(context.getStartupFailure()).getState()).isEqualTo(KeeperState.AUTH_FAILED);
            });
    }

    @Test
    void aJaasLoginContextMeansGssapiAndAnIncompleteDigestIsRefused() {
        ZkAsyncProperties.Sasl kerberos = new ZkAsyncProperties.Sasl();
        kerberos.setJaasLoginContext("ZkClient");
        kerberos.setServerName("zk.example.com");
        SaslConfig gssapi = SecuritySettings.sasl(kerberos);
        assertThat(gssapi.mechanism()).isEqualTo(SaslConfig.GSSAPI);
        assertThat(gssapi.jaasSection()).isEqualTo("ZkClient");
        assertThat(gssapi.serverName()).isEqualTo("zk.example.com");
        this.contextRunner.withPropertyValues("zk.async.hosts=" + zk.connectString(), "zk.async.sasl.username=bob")
            .run((context) -> assertThat(context.getStartupFailure()).hasStackTraceContaining(
                    "Invalid ZooKeeper security settings: zk.async.sasl.*: DIGEST-MD5 needs a username and a password"));
    }

    private static ZkAsyncStartupException rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return (ZkAsyncStartupException) cause;
    }

}
