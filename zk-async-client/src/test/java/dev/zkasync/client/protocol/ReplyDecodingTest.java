package dev.zkasync.client.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zkasync.client.acl.ACL;
import dev.zkasync.client.acl.Id;
import dev.zkasync.client.acl.Perms;
import dev.zkasync.client.data.ClientInfo;
import dev.zkasync.client.data.CreatedNode;
import dev.zkasync.client.data.NodeAcls;
import dev.zkasync.client.data.NodeChildren;
import dev.zkasync.client.data.NodeData;
import dev.zkasync.client.exception.ErrorCode;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Every single-operation reply decoder, on reply bodies laid out as protocol.md gives them. */
class ReplyDecodingTest extends CodecTestSupport {

    @Test
    void getDataReadsTheDataThenTheStat() {
        ByteBuf body = body("00000002 0102" + STAT_HEX);
        NodeData value = GetData.DECODER.decode(body, "");
        assertThat(value.data()).containsExactly(1, 2);
        assertThat(value.stat()).isEqualTo(STAT);
        assertThat(body.isReadable()).isFalse();
    }

    @Test
    void getDataOfANodeWithNullData() {
        assertThat(GetData.DECODER.decode(body("FFFFFFFF" + STAT_HEX), "").data()).isNull();
    }

    @Test
    void existsIsTheStatOrNullForAnAbsentNode() {
        assertThat(Exists.DECODER.decode(body(STAT_HEX), "")).isEqualTo(STAT);
        ByteBuf absent = body(b -> {
            b.writeLong(-1);
            b.writeZero(Jute.STAT_SIZE - 8);
        });
        assertThat(Exists.DECODER.decode(absent, "")).isNull();

        assertThat(Exists.DECODER.nullOnError(ErrorCode.NO_NODE.intValue())).isTrue();
        assertThat(Exists.DECODER.nullOnError(ErrorCode.NO_AUTH.intValue())).isFalse();
        assertThat(Exists.DECODER.decodesErrors()).isFalse();
    }

    @Test
    void aWatchRemovedLocallyTakesNoWatcherForSuccess() {
        assertThat(RemoveWatches.AFTER_LOCAL_REMOVAL.decode(body(""), "")).isNull();
        assertThat(RemoveWatches.AFTER_LOCAL_REMOVAL.nullOnError(ErrorCode.NO_WATCHER.intValue())).isTrue();
        assertThat(RemoveWatches.AFTER_LOCAL_REMOVAL.nullOnError(ErrorCode.NO_NODE.intValue())).isFalse();
        assertThat(RemoveWatches.DECODER.nullOnError(ErrorCode.NO_WATCHER.intValue())).isFalse();
    }

    @Test
    void onlyExistsTakesAnErrorForANullValue() {
        List<ReplyDecoder<?>> others = List.of(GetData.DECODER, GetChildren.DECODER, GetChildren.WITH_STAT,
                Create.DECODER, Create.WITH_STAT, Delete.DECODER, SetData.DECODER, GetAcl.DECODER, SetAcl.DECODER,
                Sync.DECODER, AddWatch.DECODER, CheckWatches.DECODER, GetEphemerals.DECODER,
                GetAllChildrenNumber.DECODER, WhoAmI.DECODER, Reconfig.DECODER, SetAuth.DECODER);
        for (ReplyDecoder<?> decoder : others) {
            assertThat(decoder.nullOnError(ErrorCode.NO_NODE.intValue())).isFalse();
            assertThat(decoder.nullOnError(ErrorCode.NO_WATCHER.intValue())).isFalse();
            assertThat(decoder.decodesErrors()).isFalse();
        }
    }

    @Test
    void getChildrenReadsPastTheStat() {
        ByteBuf body = body("00000002 00000001 61 00000002 6263" + STAT_HEX);
        assertThat(GetChildren.DECODER.decode(body, "/app")).containsExactly("a", "bc");
        assertThat(body.isReadable()).as("the stat is consumed").isFalse();
    }

    @Test
    void getChildrenWithStatKeepsTheStat() {
        NodeChildren value = GetChildren.WITH_STAT.decode(body("00000001 00000001 61" + STAT_HEX), "");
        assertThat(value.children()).containsExactly("a");
        assertThat(value.stat()).isEqualTo(STAT);
    }

    @Test
    void getChildrenOfALeafIsEmpty() {
        assertThat(GetChildren.DECODER.decode(body("00000000" + STAT_HEX), "")).isEmpty();
    }

    @Test
    void aTruncatedStatIsAMalformedFrame() {
        String shortStat = STAT_HEX.replace(" ", "").substring(0, 2 * (Jute.STAT_SIZE - 1));
        assertThatThrownBy(() -> GetChildren.DECODER.decode(body("00000000" + shortStat), ""))
                .isInstanceOf(MalformedFrameException.class);
        assertThatThrownBy(() -> SetData.DECODER.decode(body(shortStat), ""))
                .isInstanceOf(MalformedFrameException.class);
    }

    @Test
    void createdPathsLoseTheChroot() {
        // "/app/x-0000000001"
        String created = "00000011 2F6170702F782D30303030303030303031";
        assertThat(Create.DECODER.decode(body(created), "/app")).isEqualTo("/x-0000000001");
        assertThat(Create.DECODER.decode(body(created), "")).isEqualTo("/app/x-0000000001");
        assertThat(Create.DECODER.decode(body("00000004 2F617070"), "/app")).as("the chroot itself").isEqualTo("/");
    }

    @Test
    void createWithStatReadsCreate2Response() {
        ByteBuf body = body("00000006 2F6170702F78" + STAT_HEX);
        CreatedNode value = Create.WITH_STAT.decode(body, "/app");
        assertThat(value.path()).isEqualTo("/x");
        assertThat(value.stat()).isEqualTo(STAT);
        assertThat(body.isReadable()).isFalse();
    }

    @Test
    void createReadsOnlyThePathOfACreate2Response() {
        // containers and TTL nodes are answered with a Create2Response even when no stat is asked for
        assertThat(Create.DECODER.decode(body("00000002 2F78" + STAT_HEX), "")).isEqualTo("/x");
    }

    @Test
    void setDataAndSetAclAnswerTheNewStat() {
        assertThat(SetData.DECODER.decode(body(STAT_HEX), "")).isEqualTo(STAT);
        assertThat(SetAcl.DECODER.decode(body(STAT_HEX), "")).isEqualTo(STAT);
    }

    @Test
    void getAclReadsTheAclThenTheStat() {
        ByteBuf body = body("00000002"
                + "0000001F 00000005 776F726C64 00000006 616E796F6E65"
                + "00000001 00000006 646967657374 00000003 753A78"
                + STAT_HEX);
        NodeAcls value = GetAcl.DECODER.decode(body, "");
        assertThat(value.acls()).containsExactly(new ACL(Perms.ALL, new Id("world", "anyone")),
                new ACL(Perms.READ, new Id("digest", "u:x")));
        assertThat(value.stat()).isEqualTo(STAT);
        assertThat(body.isReadable()).isFalse();
    }

    @Test
    void syncAnswersThePathWithoutTheChroot() {
        assertThat(Sync.DECODER.decode(body("00000006 2F6170702F78"), "/app")).isEqualTo("/x");
    }

    @Test
    void headerOnlyRepliesHaveNoValue() {
        assertThat(Delete.DECODER.decode(body(""), "")).isNull();
        assertThat(CheckWatches.DECODER.decode(body(""), "")).isNull();
        assertThat(AddWatch.DECODER.decode(body("00000000"), "")).as("its ErrorResponse is not read").isNull();
        assertThat(SetAuth.DECODER.decode(body(""), "")).isTrue();
    }

    @Test
    void ephemeralsOutsideTheChrootAreLeftOut() {
        ByteBuf body = body(b -> Jute.writeStringList(b, List.of("/app/a", "/apple", "/app", "/other/b", "/app/c/d")));
        assertThat(GetEphemerals.DECODER.decode(body, "/app")).containsExactly("/a", "/", "/c/d");
    }

    @Test
    void ephemeralsWithoutAChrootAreAllKept() {
        ByteBuf body = body(b -> Jute.writeStringList(b, List.of("/app/a", "/apple")));
        assertThat(GetEphemerals.DECODER.decode(body, "")).containsExactly("/app/a", "/apple");
    }

    @Test
    void allChildrenNumberIsAnInt() {
        assertThat(GetAllChildrenNumber.DECODER.decode(body("00010000"), "")).isEqualTo(65_536);
    }

    @Test
    void whoAmIReadsEveryClientInfo() {
        ByteBuf body = body("00000002 00000002 6970 00000009 3132372E302E302E31 00000006 646967657374 00000001 75");
        assertThat(WhoAmI.DECODER.decode(body, "")).containsExactly(new ClientInfo("ip", "127.0.0.1"),
                new ClientInfo("digest", "u"));
        assertThat(body.isReadable()).isFalse();
    }

    @Test
    void whoAmIWithACountTheFrameCannotHoldFailsWithoutAllocatingForIt() {
        ByteBuf body = body("7FFFFFFF 00000002 6970 00000001 75");
        assertThatThrownBy(() -> WhoAmI.DECODER.decode(body, "")).isInstanceOf(MalformedFrameException.class);
    }

    @Test
    void reconfigAnswersTheNewConfigAndItsStat() {
        // "server.1=h:1:2"
        NodeData value = Reconfig.DECODER.decode(body("0000000E 7365727665722E313D683A313A32" + STAT_HEX), "");
        assertThat(new String(value.data(), StandardCharsets.UTF_8)).isEqualTo("server.1=h:1:2");
        assertThat(value.stat()).isEqualTo(STAT);
    }

    @Test
    void aNullListReadsAsEmptyAndANullNameIsMalformed() {
        assertThat(GetEphemerals.DECODER.decode(body("FFFFFFFF"), "/app")).isEmpty();
        assertThat(GetChildren.DECODER.decode(body("FFFFFFFF" + STAT_HEX), "")).isEmpty();
        assertThat(GetAcl.DECODER.decode(body("FFFFFFFF" + STAT_HEX), "").acls()).isEmpty();
        assertThatThrownBy(() -> GetChildren.DECODER.decode(body("00000001 FFFFFFFF" + STAT_HEX), ""))
                .isInstanceOf(MalformedFrameException.class).hasMessage("children element is null");
        assertThatThrownBy(() -> Create.DECODER.decode(body("FFFFFFFF"), "/app"))
                .isInstanceOf(MalformedFrameException.class).hasMessage("path is null");
    }

    @Test
    void anAclEntryThatIsNoAclIsMalformed() {
        // perms 64, "world", "anyone"
        assertThatThrownBy(() -> GetAcl.DECODER.decode(
                body("00000001 00000040 00000005 776F726C64 00000006 616E796F6E65" + STAT_HEX), ""))
                .isInstanceOf(MalformedFrameException.class).hasMessage("ACL perms 64 are not between 0 and 31");
        assertThatThrownBy(() -> GetAcl.DECODER.decode(
                body("00000001 0000001F FFFFFFFF 00000006 616E796F6E65" + STAT_HEX), ""))
                .isInstanceOf(MalformedFrameException.class).hasMessage("ACL scheme is null");
    }
}
