package dev.zkasync.client;

import dev.zkasync.client.acl.ACL;
import dev.zkasync.client.acl.Acls;
import dev.zkasync.client.acl.Perms;
import dev.zkasync.client.exception.AuthFailedException;
import dev.zkasync.client.exception.BadArgumentsException;
import dev.zkasync.client.exception.ConnectionClosedException;
import dev.zkasync.client.exception.InvalidAclException;
import dev.zkasync.client.exception.InvalidPathException;
import dev.zkasync.client.exception.RequestTooLargeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a user who gets a call wrong sees: for each misuse the exception type and its whole message,
 * against a real server. Each call is made both ways: the blocking method and its async twin.
 */
class MisuseTest extends RealServerTest {

    /** One misuse: the blocking call, its async twin, and what both must raise. */
    record Case(String name, Consumer<KazooClient> call, Consumer<KazooClient> async,
                Class<? extends RuntimeException> type, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case path(String name, String path, String message) {
        return new Case(name, c -> c.get(path), c -> c.getAsync(path).get(), InvalidPathException.class, message);
    }

    static List<Case> cases() {
        byte[] tooLarge = new byte[1024 * 1024 + 1];
        List<ACL> acl = Acls.OPEN_ACL_UNSAFE;
        return List.of(
                path("null path", null, "Invalid path null: path must not be null"),
                path("empty path", "", "Invalid path \"\": path must not be empty"),
                path("relative path", "a/b", "Invalid path \"a/b\": path must start with '/'"),
                path("trailing slash", "/a/", "Invalid path \"/a/\": path must not end with '/'"),
                path("double slash", "/a//b", "Invalid path \"/a//b\": empty node name at index 3"),
                path("dot", "/a/./b", "Invalid path \"/a/./b\": relative node name \".\" at index 3"),
                path("dot dot", "/a/..", "Invalid path \"/a/..\": relative node name \"..\" at index 3"),
                path("NUL", "/a\u0000b", "Invalid path \"/a\\u0000b\": invalid character \\u0000 at index 2"),
                path("control character", "/a\u0001b", "Invalid path \"/a\\u0001b\": invalid character \\u0001 at index 2"),
                path("unpaired surrogate", "/a\ud800b", "Invalid path \"/a\\uD800b\": invalid character \\uD800 at index 2"),
                new Case("data over the limit", c -> c.create("/big", tooLarge),
                        c -> c.createAsync("/big", tooLarge).get(), RequestTooLargeException.class,
                        // the request's size holds the test's chroot, whose length varies
                        "request for /big is 1,048,6\\d\\d bytes, over the 1,048,575-byte limit \\(the server's"
                                + " jute.maxbuffer\\); its data is 1,048,577 bytes"),
                new Case("set version -2", c -> c.set("/n", null, -2),
                        c -> c.setAsync("/n", null, -2).get(), BadArgumentsException.class,
                        "BADARGUMENTS for /n: version must be -1 (any) or at least 0, not -2"),
                new Case("delete version -5", c -> c.delete("/n", -5),
                        c -> c.deleteAsync("/n", -5).get(), BadArgumentsException.class,
                        "BADARGUMENTS for /n: version must be -1 (any) or at least 0, not -5"),
                new Case("setAcls version -3", c -> c.setAcls("/n", acl, -3),
                        c -> c.setAclsAsync("/n", acl, -3).get(), BadArgumentsException.class,
                        "BADARGUMENTS for /n: version must be -1 (any) or at least 0, not -3"),
                new Case("transaction check version -4", c -> c.transaction().check("/n", -4),
                        c -> c.transaction().check("/n", -4).commitAsync().get(), BadArgumentsException.class,
                        "BADARGUMENTS for /n: version must be -1 (any) or at least 0, not -4"),
                new Case("null options", c -> c.create("/n2", null, null),
                        c -> c.createAsync("/n2", null, null).get(), NullPointerException.class, "options"),
                new Case("null ACL list", c -> c.setAcls("/n", null, -1),
                        c -> c.setAclsAsync("/n", null, -1).get(), InvalidAclException.class,
                        "INVALIDACL for /n: an ACL needs at least one entry"),
                new Case("empty ACL list", c -> c.setAcls("/n", List.of(), -1),
                        c -> c.setAclsAsync("/n", List.of(), -1).get(), InvalidAclException.class,
                        "INVALIDACL for /n: an ACL needs at least one entry"),
                new Case("ACL of an unknown scheme", c -> c.setAcls("/n", List.of(ACL.of(Perms.ALL, "nosuch", "x")), -1),
                        c -> c.setAclsAsync("/n", List.of(ACL.of(Perms.ALL, "nosuch", "x")), -1).get(),
                        InvalidAclException.class, "INVALIDACL for /n"),
                new Case("digest ACL without a colon", c -> c.setAcls("/n", List.of(ACL.of(Perms.ALL, "digest", "bob")), -1),
                        c -> c.setAclsAsync("/n", List.of(ACL.of(Perms.ALL, "digest", "bob")), -1).get(),
                        InvalidAclException.class, "INVALIDACL for /n"),
                new Case("ACL list with a null entry", c -> c.setAcls("/n", Arrays.asList((ACL) null), -1),
                        c -> c.setAclsAsync("/n", Arrays.asList((ACL) null), -1).get(),
                        InvalidAclException.class, "INVALIDACL for /n: ACL entry 0 is null"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void misuseGivesATypedErrorWithAClearMessage(Case misuse) {
        KazooClient c = client();
        c.create("/n");
        assertRefused(misuse, c);
    }

    /** Writes to ZooKeeper's own tree, from a client without a chroot. */
    static List<Case> systemTree() {
        return List.of(
                new Case("create under /zookeeper", c -> c.create("/zookeeper/x"),
                        c -> c.createAsync("/zookeeper/x", null).get(), InvalidPathException.class,
                        "Invalid path \"/zookeeper/x\": /zookeeper is ZooKeeper's own tree; of it only the nodes below /zookeeper/quota take writes"),
                new Case("set /zookeeper/config", c -> c.set("/zookeeper/config", new byte[1]),
                        c -> c.setAsync("/zookeeper/config", new byte[1]).get(), InvalidPathException.class,
                        "Invalid path \"/zookeeper/config\": /zookeeper is ZooKeeper's own tree; of it only the nodes below /zookeeper/quota take writes"),
                new Case("delete /zookeeper", c -> c.delete("/zookeeper"),
                        c -> c.deleteAsync("/zookeeper").get(), InvalidPathException.class,
                        "Invalid path \"/zookeeper\": /zookeeper is ZooKeeper's own tree; of it only the nodes below /zookeeper/quota take writes"),
                new Case("transaction create under /zookeeper", c -> c.transaction().create("/zookeeper/y", null),
                        c -> c.transaction().create("/zookeeper/y", null).commitAsync().get(), InvalidPathException.class,
                        "Invalid path \"/zookeeper/y\": /zookeeper is ZooKeeper's own tree; of it only the nodes below /zookeeper/quota take writes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("systemTree")
    void writesUnderTheSystemTreeAreRefusedTyped(Case misuse) {
        KazooClient c = started(builder(zk.serverConnectString()));
        assertRefused(misuse, c);
        assertThat(c.exists("/zookeeper/x")).isNull();
    }

    private static void assertRefused(Case misuse, KazooClient c) {
        // only the size message is a pattern; every other message is matched whole
        boolean pattern = misuse.type() == RequestTooLargeException.class;
        for (Consumer<KazooClient> call : List.of(misuse.call(), misuse.async())) {
            var thrown = assertThatThrownBy(() -> call.accept(c)).isInstanceOf(misuse.type());
            if (pattern) {
                thrown.hasMessageMatching(misuse.message());
            } else {
                thrown.hasMessage(misuse.message());
            }
        }
    }

    @Test
    void quotaNodesAndAChrootedSystemNameStayWritable() {
        KazooClient root = started(builder(zk.serverConnectString()));
        String quota = "/zookeeper/quota" + zk.chroot();
        root.create(quota, null, CreateOptions.DEFAULT.makepath());
        root.delete(quota, -1, true);
        KazooClient chrooted = client();
        assertThat(chrooted.create("/zookeeper")).isEqualTo("/zookeeper");
        chrooted.set("/zookeeper", new byte[1]);
        chrooted.delete("/zookeeper");
    }

    @Test
    void callsOnAClosedClientFailTyped() {
        KazooClient c = client();
        c.close();
        assertThatThrownBy(() -> c.get("/n")).isInstanceOf(ConnectionClosedException.class)
                .hasMessage("CLOSED for /n: the client is closed");
        assertThatThrownBy(() -> c.createAsync("/n", null).get()).isInstanceOf(ConnectionClosedException.class)
                .hasMessage("CLOSED for /n: the client is closed");
    }

    @Test
    void authWithAnUnknownSchemeFailsTyped() {
        KazooClient c = client();
        assertThatThrownBy(() -> c.addAuth("nosuch", "x")).isInstanceOf(AuthFailedException.class)
                .hasMessage("AUTHFAILED: the server refused the credentials for scheme nosuch (AUTH_FAILED)");
    }
}
