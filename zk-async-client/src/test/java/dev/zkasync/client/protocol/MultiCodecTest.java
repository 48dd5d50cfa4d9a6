package dev.zkasync.client.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zkasync.client.acl.Acls;
import dev.zkasync.client.data.NodeData;
import dev.zkasync.client.exception.BadVersionException;
import dev.zkasync.client.exception.NoAuthException;
import dev.zkasync.client.exception.NoNodeException;
import dev.zkasync.client.exception.RolledBackException;
import dev.zkasync.client.exception.RuntimeInconsistencyException;
import dev.zkasync.client.exception.ZooKeeperException;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * multi and multiRead: each operation after a MultiHeader {type, done, err} and a closing header
 * with done set, in requests and replies alike (protocol.md 1.6).
 */
class MultiCodecTest extends CodecTestSupport {
    private static final String OPEN_ACL = "00000001 0000001F 00000005 776F726C64 00000006 616E796F6E65";
    /** The header of one operation of a request. */
    private static final String OP = "00 FFFFFFFF";
    /** The header that ends requests and replies. */
    private static final String END = "FFFFFFFF 01 FFFFFFFF";
    /** A successful result's header after its type. */
    private static final String OK = "00 00000000";

    /** create /a, delete /b, setData /c, check /d, under the chroot /app. */
    private static Multi transaction() {
        Multi multi = new Multi();
        multi.create("/a", "/app/a", new byte[] {1}, Acls.OPEN_ACL_UNSAFE, Create.PERSISTENT, 0);
        multi.delete("/b", "/app/b", 2);
        multi.setData("/c", "/app/c", new byte[] {9}, -1);
        multi.check("/d", "/app/d", 4);
        return multi;
    }

    @Test
    void aTransactionIsEachOperationAfterItsHeaderThenTheEnd() {
        Multi multi = new Multi();
        multi.create("/a", "/a", new byte[] {1}, Acls.OPEN_ACL_UNSAFE, Create.PERSISTENT, 0);
        multi.delete("/b", "/b", 2);
        multi.setData("/c", "/c", new byte[] {9}, -1);
        multi.check("/d", "/d", 4);
        assertThat(multi.size()).isEqualTo(4);
        assertThat(multi.dataLength()).isEqualTo(2);

        assertThat(bytes(sent(multi.encode(HEAP)))).isEqualTo(hex("00000082 00000007 0000000E"
                + "00000001" + OP + "00000002 2F61 00000001 01" + OPEN_ACL + "00000000"
                + "00000002" + OP + "00000002 2F62 00000002"
                + "00000005" + OP + "00000002 2F63 00000001 09 FFFFFFFF"
                + "0000000D" + OP + "00000002 2F64 00000004"
                + END));
    }

    @Test
    void containersAndTtlNodesKeepTheirOwnCreateTypes() {
        Multi multi = new Multi();
        multi.create("/x", "/x", null, Acls.OPEN_ACL_UNSAFE, Create.CONTAINER, 0);
        multi.create("/y", "/y", null, Acls.OPEN_ACL_UNSAFE, Create.PERSISTENT_WITH_TTL, 1_000);
        assertThat(multi.dataLength()).isZero();

        assertThat(bytes(sent(multi.encode(HEAP)))).isEqualTo(hex("0000007D 00000007 0000000E"
                + "00000013" + OP + "00000002 2F78 FFFFFFFF" + OPEN_ACL + "00000004"
                + "00000015" + OP + "00000002 2F79 FFFFFFFF" + OPEN_ACL + "00000005 00000000000003E8"
                + END));
    }

    @Test
    void anEmptyTransactionIsTheEndAlone() {
        assertThat(bytes(sent(new Multi().encode(HEAP)))).isEqualTo(hex("00000011 00000007 0000000E" + END));
    }

    @Test
    void eachResultIsReadAgainstItsOperation() {
        ByteBuf body = body("00000001" + OK + "00000006 2F6170702F61"
                + "00000002" + OK
                + "00000005" + OK + STAT_HEX
                + "0000000D" + OK
                + END);
        assertThat(transaction().decode(body, "/app")).containsExactly("/a", Boolean.TRUE, STAT, Boolean.TRUE);
        assertThat(body.isReadable()).isFalse();
    }

    @Test
    void theStatOfACreate2ResultIsReadPastAndItsAbsenceTolerated() {
        Multi multi = new Multi();
        multi.create("/x", "/x", null, Acls.OPEN_ACL_UNSAFE, Create.CONTAINER, 0);

        ByteBuf withStat = body("00000013" + OK + "00000002 2F78" + STAT_HEX + END);
        assertThat(multi.decode(withStat, "")).containsExactly("/x");
        assertThat(withStat.isReadable()).isFalse();

        ByteBuf withoutStat = body("00000013" + OK + "00000002 2F78" + END);
        assertThat(multi.decode(withoutStat, "")).containsExactly("/x");
        assertThat(withoutStat.isReadable()).isFalse();
    }

    @Test
    void aFailedTransactionIsAnErrorPerOperation() {
        // ops before the failing one: 0; the failing one: its code (BADVERSION); after it: RUNTIMEINCONSISTENCY
        ByteBuf body = body("FFFFFFFF 00 00000000 00000000"
                + "FFFFFFFF 00 FFFFFF99 FFFFFF99"
                + "FFFFFFFF 00 FFFFFFFE FFFFFFFE"
                + "FFFFFFFF 00 FFFFFFFE FFFFFFFE"
                + END);
        Multi multi = transaction();
        assertThat(multi.decodesErrors()).isTrue();
        List<Object> results = multi.decode(body, "/app");

        assertThat(results).hasSize(4);
        assertThat(results.get(0)).isInstanceOf(RolledBackException.class);
        assertThat(results.get(1)).isInstanceOf(BadVersionException.class);
        assertThat(results.get(2)).isInstanceOf(RuntimeInconsistencyException.class);
        assertThat(results.get(3)).isInstanceOf(RuntimeInconsistencyException.class);
        assertThat(results).extracting(r -> ((ZooKeeperException) r).path()).as("the caller's paths")
                .containsExactly("/a", "/b", "/c", "/d");
    }

    @Test
    void aResultCountOtherThanTheOperationsIsAMalformedFrame() {
        assertThatThrownBy(() -> transaction().decode(body("00000002" + OK + END), "/app"))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("1 results for 4");
    }

    @Test
    void aReadResultInATransactionIsAMalformedFrame() {
        assertThatThrownBy(() -> transaction().decode(body("00000004" + OK + "FFFFFFFF" + STAT_HEX + END), ""))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("type 4");
    }

    @Test
    void aReplyCutShortIsAMalformedFrame() {
        assertThatThrownBy(() -> transaction().decode(body("00000002" + OK), ""))
                .isInstanceOf(MalformedFrameException.class);
    }

    // ---------------------------------------------------------------- multiRead

    @Test
    void readsAreGetDataAndGetChildrenRecordsWithoutWatches() {
        MultiRead reads = new MultiRead(3);
        reads.getData("/a");
        reads.getChildren("/b");
        reads.exists("/c");
        assertThat(bytes(sent(reads.encode(HEAP)))).isEqualTo(hex("00000041 00000007 00000016"
                + "00000004" + OP + "00000002 2F61 00"
                + "00000008" + OP + "00000002 2F62 00"
                + "00000004" + OP + "00000002 2F63 00"
                + END));
    }

    @Test
    void eachReadSucceedsOrFailsOnItsOwn() {
        MultiRead reads = new MultiRead(6);
        reads.getData("/app/a");
        reads.getChildren("/app/b");
        reads.exists("/app/c");
        reads.exists("/app/d");
        reads.getData("/app/e");
        reads.exists("/app/f");
        ByteBuf body = body("00000004" + OK + "00000001 07" + STAT_HEX
                + "00000008" + OK + "00000001 00000001 78"
                + "00000004" + OK + "FFFFFFFF" + STAT_HEX
                + "FFFFFFFF 00 FFFFFF9B FFFFFF9B"
                + "FFFFFFFF 00 FFFFFF9B FFFFFF9B"
                + "FFFFFFFF 00 FFFFFF9A FFFFFF9A"
                + END);
        assertThat(reads.decodesErrors()).isTrue();
        List<Object> results = reads.decode(body, "/app");

        assertThat(results).hasSize(6);
        assertThat(((NodeData) results.get(0)).data()).containsExactly(7);
        assertThat(((NodeData) results.get(0)).stat()).isEqualTo(STAT);
        assertThat(results.get(1)).isEqualTo(List.of("x"));
        assertThat(results.get(2)).as("exists keeps the stat").isEqualTo(STAT);
        assertThat(results.get(3)).as("exists of an absent node").isNull();
        assertThat(results.get(4)).isInstanceOf(NoNodeException.class);
        assertThat(((ZooKeeperException) results.get(4)).path()).as("without the chroot").isEqualTo("/e");
        assertThat(results.get(5)).isInstanceOf(NoAuthException.class);
        assertThat(body.isReadable()).isFalse();
    }

    @Test
    void moreOrFewerResultsThanReadsAreAMalformedFrame() {
        MultiRead one = new MultiRead(1);
        one.getChildren("/a");
        String result = "00000008" + OK + "00000000";
        assertThatThrownBy(() -> one.decode(body(result + result + END), ""))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("more results than reads");
        assertThatThrownBy(() -> one.decode(body(END), ""))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("0 results for 1");
    }

    @Test
    void errorResultsPastTheOperationsAreAMalformedFrameBeforeAnyExceptionIsMade() {
        Multi one = new Multi();
        one.delete("/a", "/a", -1);
        String error = "FFFFFFFF" + OK + "FFFFFF9B";
        assertThatThrownBy(() -> one.decode(body(error.repeat(1000) + END), ""))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("multi answered more results than operations");
    }

    @Test
    void aWriteResultInAMultiReadIsAMalformedFrame() {
        MultiRead one = new MultiRead(1);
        one.getData("/a");
        assertThatThrownBy(() -> one.decode(body("00000002" + OK + END), ""))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("type 2");
    }
}
