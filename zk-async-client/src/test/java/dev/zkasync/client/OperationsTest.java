package dev.zkasync.client;

import org.junit.jupiter.api.Tag;
import dev.zkasync.client.data.CreatedNode;
import dev.zkasync.client.data.NodeAcls;
import dev.zkasync.client.data.NodeChildren;
import dev.zkasync.client.data.NodeData;
import dev.zkasync.client.data.Stat;
import dev.zkasync.client.handler.AsyncResult;

import dev.zkasync.client.acl.ACL;
import dev.zkasync.client.acl.Acls;
import dev.zkasync.client.acl.Id;
import dev.zkasync.client.acl.Perms;
import dev.zkasync.client.exception.BadVersionException;
import dev.zkasync.client.exception.InvalidAclException;
import dev.zkasync.client.exception.InvalidPathException;
import dev.zkasync.client.exception.NoChildrenForEphemeralsException;
import dev.zkasync.client.exception.NoAuthException;
import dev.zkasync.client.exception.NoNodeException;
import dev.zkasync.client.exception.NodeExistsException;
import dev.zkasync.client.exception.NotEmptyException;
import dev.zkasync.client.exception.RequestTooLargeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every data-plane operation, sync and async, against a real server, under both handlers. */
@Tag("server-matrix")
@ParameterizedClass
@EnumSource(HandlerKind.class)
class OperationsTest extends RealServerTest {

    @Test
    void createGetSetDeleteRoundTrip() {
        KazooClient c = client();
        assertThat(c.create("/node", bytes("v1"))).isEqualTo("/node");
        NodeData got = c.get("/node");
        assertThat(string(got.data())).isEqualTo("v1");
        assertThat(got.stat().version()).isZero();
        assertThat(got.stat().dataLength()).isEqualTo(2);

        Stat after = c.set("/node", bytes("v2"));
        assertThat(after.version()).isEqualTo(1);
        assertThat(string(c.get("/node").data())).isEqualTo("v2");

        c.delete("/node");
        assertThat(c.exists("/node")).isNull();
    }

    @Test
    void asyncTwinsGiveTheSameResults() {
        KazooClient c = client();
        assertThat(c.createAsync("/a", bytes("x")).get()).isEqualTo("/a");
        assertThat(c.existsAsync("/a").get().dataLength()).isEqualTo(1);
        assertThat(string(c.getAsync("/a").get().data())).isEqualTo("x");
        assertThat(c.setAsync("/a", bytes("yz"), 0).get().version()).isEqualTo(1);
        assertThat(c.getChildrenAsync("/").get()).containsExactly("a");
        assertThat(c.syncAsync("/a").get()).isEqualTo("/a");
        assertThat(c.deleteAsync("/a", 1).get()).isNull();
        assertThat(c.existsAsync("/a").get()).isNull();
    }

    @Test
    void twoReadsOfAnUnchangedNodeAreEqual() {
        KazooClient c = client();
        c.create("/same", bytes("value"));
        NodeData before = c.get("/same");
        assertThat(before).isEqualTo(c.getAsync("/same").get()).hasSameHashCodeAs(c.get("/same"));
        c.set("/same", bytes("value"));
        assertThat(c.get("/same")).isNotEqualTo(before);
    }

    @Test
    void nullAndEmptyDataAreDistinct() {
        KazooClient c = client();
        c.create("/null", null);
        c.create("/empty", new byte[0]);
        assertThat(c.get("/null").data()).isNull();
        assertThat(c.get("/empty").data()).isEmpty();
    }

    @Test
    void serverErrorsAreTyped() {
        KazooClient c = client();
        assertThatThrownBy(() -> c.get("/missing")).isInstanceOf(NoNodeException.class)
                .hasMessageContaining("/missing");
        c.create("/dup");
        assertThatThrownBy(() -> c.create("/dup")).isInstanceOf(NodeExistsException.class);
        assertThatThrownBy(() -> c.set("/dup", bytes("x"), 7)).isInstanceOf(BadVersionException.class);
        assertThatThrownBy(() -> c.create("/no/parent")).isInstanceOf(NoNodeException.class);
        c.create("/dup/child");
        assertThatThrownBy(() -> c.delete("/dup")).isInstanceOf(NotEmptyException.class);
        c.create("/eph", null, CreateOptions.DEFAULT.ephemeral());
        assertThatThrownBy(() -> c.create("/eph/child")).isInstanceOf(NoChildrenForEphemeralsException.class);
        // The async form completes its result with the same exception.
        AsyncResult<NodeData> missing = c.getAsync("/missing");
        assertThat(missing.await(Duration.ofSeconds(10))).isTrue();
        assertThat(missing.successful()).isFalse();
        assertThat(missing.exception()).isInstanceOf(NoNodeException.class);
    }

    @Test
    void sequentialAndEphemeralNodes() {
        KazooClient c = client();
        c.create("/q");
        String first = c.create("/q/item-", bytes("1"), CreateOptions.DEFAULT.sequence());
        String second = c.create("/q/item-", bytes("2"), CreateOptions.DEFAULT.sequence());
        assertThat(first).matches("/q/item-\\d{10}");
        assertThat(second).isGreaterThan(first);
        String bare = c.create("/q/", null, CreateOptions.DEFAULT.sequence());
        assertThat(bare).matches("/q/\\d{10}");

        String eph = c.create("/q/eph-", null, CreateOptions.DEFAULT.ephemeral().sequence());
        Stat stat = c.exists(eph);
        assertThat(stat.isEphemeral()).isTrue();
        assertThat(stat.ownerSessionId()).isEqualTo(c.clientId().sessionId());
    }

    @Test
    void makepathCreatesMissingParents() {
        KazooClient c = client();
        assertThat(c.create("/x/y/z", bytes("deep"), CreateOptions.DEFAULT.makepath())).isEqualTo("/x/y/z");
        assertThat(c.exists("/x/y")).isNotNull();
        assertThat(c.create("/x/y/seq-", null, CreateOptions.DEFAULT.makepath().sequence()))
                .startsWith("/x/y/seq-");
        assertThat(c.create("/m/n/", null, CreateOptions.DEFAULT.makepath().sequence())).matches("/m/n/\\d{10}");
    }

    @Test
    void ensurePathAndRecursiveDelete() {
        KazooClient c = client();
        assertThat(c.ensurePath("/t/u/v")).isEqualTo("/t/u/v");
        assertThat(c.ensurePath("/t/u/v")).isEqualTo("/t/u/v");
        for (int i = 0; i < 20; i++) {
            c.create("/t/u/v/n" + i, null);
            c.create("/t/u/w" + i, null);
        }
        c.deleteAsync("/t", -1, true).get();
        assertThat(c.exists("/t")).isNull();
        // A missing tree is not an error.
        c.delete("/t", -1, true);
    }

    @Test
    void childrenWithStatAndCreateWithStat() {
        KazooClient c = client();
        CreatedNode created = c.createWithStat("/p", bytes("abc"), CreateOptions.DEFAULT);
        assertThat(created.path()).isEqualTo("/p");
        assertThat(created.stat().dataLength()).isEqualTo(3);
        c.create("/p/c1");
        c.create("/p/c2");
        NodeChildren children = c.getChildrenWithStat("/p", null);
        assertThat(children.children()).containsExactlyInAnyOrder("c1", "c2");
        assertThat(children.stat().numChildren()).isEqualTo(2);
    }

    @Test
    void containerAndTtlNodes() {
        KazooClient c = client();
        String container = c.create("/box", null, CreateOptions.DEFAULT.container());
        assertThat(container).isEqualTo("/box");
        c.create("/box/item", null);
        // The server reports 0 as the owner of container and TTL nodes: they are not ephemeral.
        assertThat(c.exists("/box").isEphemeral()).isFalse();
        assertThat(c.create("/ttl", bytes("t"), CreateOptions.DEFAULT.ttl(Duration.ofMinutes(5)))).isEqualTo("/ttl");
        assertThat(c.createWithStat("/ttl-", null, CreateOptions.DEFAULT.ttl(Duration.ofSeconds(30)).sequence())
                .path()).matches("/ttl-\\d{10}");
        assertThat(string(c.get("/ttl").data())).isEqualTo("t");
    }

    @Test
    void aclsAreReadAndWritten() {
        KazooClient c = client();
        c.create("/secured", null);
        NodeAcls acls = c.getAcls("/secured");
        assertThat(acls.acls()).isEqualTo(Acls.OPEN_ACL_UNSAFE);
        List<ACL> readOnly = List.of(new ACL(Perms.READ | Perms.ADMIN, Id.ANYONE_ID_UNSAFE));
        Stat stat = c.setAcls("/secured", readOnly, acls.stat().aversion());
        assertThat(stat.aversion()).isEqualTo(1);
        assertThat(c.getAcls("/secured").acls()).isEqualTo(readOnly);
        assertThatThrownBy(() -> c.setAcls("/secured", Acls.OPEN_ACL_UNSAFE, 0)).isInstanceOf(BadVersionException.class);
        assertThatThrownBy(() -> c.setAcls("/secured", List.of(), -1)).isInstanceOf(InvalidAclException.class);
        // READ|ADMIN: the data can no longer be written.
        assertThatThrownBy(() -> c.set("/secured", bytes("x"))).isInstanceOf(NoAuthException.class);
    }

    @Test
    void chrootIsAddedAndStripped() {
        KazooClient c = client();
        KazooClient root = started(builder(zk.serverConnectString()));
        String created = c.create("/inside", bytes("1"));
        assertThat(created).isEqualTo("/inside");
        assertThat(root.exists(zk.chroot() + "/inside")).isNotNull();
        String seq = c.create("/s-", null, CreateOptions.DEFAULT.sequence());
        assertThat(seq).startsWith("/s-");
        assertThat(c.sync("/inside")).isEqualTo("/inside");
        assertThat(c.getChildren("/")).contains("inside");
    }

    @Test
    void invalidPathsAreRefusedBeforeSending() {
        KazooClient c = client();
        for (String bad : List.of("", "relative", "/trailing/", "//double", "/a/./b", "/a/../b", "/nul\u0000",
                "/ctl\u0001", "/del\u007f", "/sur\ud800")) {
            assertThatThrownBy(() -> c.create(bad)).as(bad).isInstanceOf(InvalidPathException.class);
            assertThatThrownBy(() -> c.getAsync(bad)).as(bad).isInstanceOf(InvalidPathException.class);
        }
        assertThatThrownBy(() -> c.exists(null)).isInstanceOf(InvalidPathException.class);
        // Nothing was sent, the session is fine.
        assertThat(c.exists("/")).isNotNull();
    }

    @Test
    void dataOverTheServerLimitIsRefusedBeforeSending() {
        KazooClient c = client();
        c.create("/big");
        byte[] tooBig = new byte[1024 * 1024 + 1];
        assertThatThrownBy(() -> c.set("/big", tooBig)).isInstanceOf(RequestTooLargeException.class)
                .hasMessageContaining("/big").hasMessageContaining("jute.maxbuffer");
        assertThatThrownBy(() -> c.createAsync("/big2", tooBig)).isInstanceOf(RequestTooLargeException.class);
        // Still connected, and a large-but-allowed value round-trips.
        byte[] fits = new byte[1000 * 1000];
        fits[fits.length - 1] = 42;
        c.set("/big", fits);
        assertThat(c.get("/big").data()).isEqualTo(fits);
        assertThat(c.connected()).isTrue();
    }

    @Test
    void bigValuesInFlightTogetherWithSmallOnesArriveIntact() {
        KazooClient c = client();
        c.create("/small", bytes("s"));
        byte[][] values = new byte[4][];
        List<AsyncResult<Stat>> sets = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            values[i] = new byte[1024 * 1024 - 1024]; // the harness's big value: fits the server's default limit
            for (int j = 0; j < values[i].length; j++) {
                values[i][j] = (byte) (j * 31 + i);
            }
            c.create("/big" + i);
            sets.add(c.setAsync("/big" + i, values[i]));
        }
        for (AsyncResult<Stat> set : sets) {
            assertThat(set.get().dataLength()).isEqualTo(values[0].length);
        }
        for (int round = 0; round < 3; round++) {
            List<AsyncResult<NodeData>> bigs = new ArrayList<>();
            List<AsyncResult<NodeData>> smalls = new ArrayList<>();
            for (int i = 0; i < values.length; i++) {
                bigs.add(c.getAsync("/big" + i));
                smalls.add(c.getAsync("/small")); // small replies right behind big ones, often in the same read
            }
            for (int i = 0; i < values.length; i++) {
                assertThat(bigs.get(i).get().data()).as("/big" + i).isEqualTo(values[i]);
                assertThat(string(smalls.get(i).get().data())).isEqualTo("s");
            }
        }
        assertThat(c.connected()).isTrue();
    }

    @Test
    void getChildrenIsAnsweredFromTheServersResponseCacheAndStaysCurrent() {
        KazooClient c = client();
        c.create("/cached");
        c.create("/cached/a");
        c.create("/cached/b");
        assertThat(c.getChildren("/cached")).containsExactlyInAnyOrder("a", "b"); // fills the cache
        long hits = childrenCacheHits(c);

        assertThat(c.getChildren("/cached")).containsExactlyInAnyOrder("a", "b");
        assertThat(childrenCacheHits(c)).isGreaterThan(hits);

        c.create("/cached/c");
        assertThat(c.getChildren("/cached")).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(c.getChildrenWithStat("/cached", null).stat().numChildren()).isEqualTo(3);
    }

    private static long childrenCacheHits(KazooClient c) {
        return c.command("mntr").lines()
                .filter(line -> line.startsWith("zk_response_packet_get_children_cache_hits"))
                .mapToLong(line -> Long.parseLong(line.split("\\s+")[1]))
                .findFirst().orElseThrow(() -> new AssertionError("mntr has no get-children cache figure"));
    }

    @Test
    void manyChildrenAndUnicodeNames() {
        KazooClient c = client();
        c.create("/many");
        List<AsyncResult<String>> creates = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            creates.add(c.createAsync("/many/child-" + i + "-é中", null));
        }
        creates.forEach(AsyncResult::get);
        List<String> names = c.getChildren("/many");
        assertThat(names).hasSize(500).contains("child-7-é中");
    }
}
