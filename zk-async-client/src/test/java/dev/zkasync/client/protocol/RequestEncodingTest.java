package dev.zkasync.client.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zkasync.client.acl.ACL;
import dev.zkasync.client.acl.Acls;
import dev.zkasync.client.acl.Id;
import dev.zkasync.client.acl.Perms;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Every request frame the operation types write, byte for byte against the layouts of
 * protocol.md: {@code int length; int xid; int type} then the request record.
 */
class RequestEncodingTest extends CodecTestSupport {
    /** {@code "/a"} as a Jute ustring. */
    private static final String A = "00000002 2F61";
    /** OPEN_ACL_UNSAFE as a Jute vector: one ACL {perms 31, world, anyone}. */
    private static final String OPEN_ACL = "00000001 0000001F 00000005 776F726C64 00000006 616E796F6E65";

    private static final byte[] DATA = {1, 2};

    @Test
    void getDataIsThePathAndTheWatchFlag() {
        // protocol.md 1.11's example frame, with watch set.
        assertThat(bytes(sent(GetData.encode(HEAP, "/a", false))))
                .isEqualTo(hex("0000000F 00000007 00000004" + A + "00"));
        assertThat(bytes(sent(GetData.encode(HEAP, "/a", true))))
                .isEqualTo(hex("0000000F 00000007 00000004" + A + "01"));
    }

    @Test
    void existsIsThePathAndTheWatchFlag() {
        assertThat(bytes(sent(Exists.encode(HEAP, "/a", true))))
                .isEqualTo(hex("0000000F 00000007 00000003" + A + "01"));
    }

    @Test
    void getChildrenIsSentAsGetChildren2() {
        assertThat(bytes(sent(GetChildren.encode(HEAP, "/a", false))))
                .isEqualTo(hex("0000000F 00000007 0000000C" + A + "00"));
    }

    @Test
    void createWithoutStatIsCreate() {
        ByteBuf frame = sent(Create.encode(HEAP, "/a", DATA, Acls.OPEN_ACL_UNSAFE, Create.EPHEMERAL_SEQUENTIAL, 0,
                false));
        // path, data, acl, flags
        assertThat(bytes(frame)).isEqualTo(hex("00000033 00000007 00000001" + A + "00000002 0102" + OPEN_ACL
                + "00000003"));
    }

    @Test
    void createWithStatIsCreate2WithTheSameRecord() {
        ByteBuf frame = sent(Create.encode(HEAP, "/a", null, Acls.OPEN_ACL_UNSAFE, Create.PERSISTENT, 0, true));
        assertThat(bytes(frame)).isEqualTo(hex("00000031 00000007 0000000F" + A + "FFFFFFFF" + OPEN_ACL
                + "00000000"));
    }

    @Test
    void containerIsCreateContainerWithStatOrNot() {
        for (boolean withStat : new boolean[] {false, true}) {
            ByteBuf frame = sent(Create.encode(HEAP, "/a", DATA, Acls.OPEN_ACL_UNSAFE, Create.CONTAINER, 0,
                    withStat));
            assertThat(bytes(frame)).isEqualTo(hex("00000033 00000007 00000013" + A + "00000002 0102" + OPEN_ACL
                    + "00000004"));
        }
    }

    @Test
    void ttlNodeIsCreateTtlWithTheTtlAfterTheFlags() {
        ByteBuf frame = sent(Create.encode(HEAP, "/a", DATA, Acls.OPEN_ACL_UNSAFE,
                Create.PERSISTENT_SEQUENTIAL_WITH_TTL, 60_000, false));
        assertThat(bytes(frame)).isEqualTo(hex("0000003B 00000007 00000015" + A + "00000002 0102" + OPEN_ACL
                + "00000006 000000000000EA60"));
    }

    @Test
    void theFlagsChooseTheCreateOpcode() {
        assertThat(Create.opCode(Create.PERSISTENT, false)).isEqualTo(OpCode.CREATE);
        assertThat(Create.opCode(Create.EPHEMERAL, true)).isEqualTo(OpCode.CREATE2);
        assertThat(Create.opCode(Create.PERSISTENT_SEQUENTIAL, false)).isEqualTo(OpCode.CREATE);
        assertThat(Create.opCode(Create.CONTAINER, false)).isEqualTo(OpCode.CREATE_CONTAINER);
        assertThat(Create.opCode(Create.PERSISTENT_WITH_TTL, false)).isEqualTo(OpCode.CREATE_TTL);
        assertThat(Create.opCode(Create.PERSISTENT_SEQUENTIAL_WITH_TTL, true)).isEqualTo(OpCode.CREATE_TTL);
    }

    @Test
    void deleteIsThePathAndTheVersion() {
        assertThat(bytes(sent(Delete.encode(HEAP, "/a", 5))))
                .isEqualTo(hex("00000012 00000007 00000002" + A + "00000005"));
    }

    @Test
    void setDataIsThePathTheDataAndTheVersion() {
        assertThat(bytes(sent(SetData.encode(HEAP, "/a", DATA, -1))))
                .isEqualTo(hex("00000018 00000007 00000005" + A + "00000002 0102 FFFFFFFF"));
        assertThat(bytes(sent(SetData.encode(HEAP, "/a", null, 3))))
                .isEqualTo(hex("00000016 00000007 00000005" + A + "FFFFFFFF 00000003"));
    }

    @Test
    void checkWritesItsRecordAlone() {
        ByteBuf out = body(b -> Check.writeRequest(b, "/a", 9));
        assertThat(bytes(out)).isEqualTo(hex(A + "00000009"));
        assertThat(Check.OP_CODE).isEqualTo(13);
    }

    @Test
    void getAclIsThePath() {
        assertThat(bytes(sent(GetAcl.encode(HEAP, "/a")))).isEqualTo(hex("0000000E 00000007 00000006" + A));
    }

    @Test
    void setAclIsThePathTheAclAndTheVersion() {
        List<ACL> acl = List.of(new ACL(Perms.READ, new Id("digest", "u:x")));
        assertThat(bytes(sent(SetAcl.encode(HEAP, "/a", acl, 3))))
                .isEqualTo(hex("0000002B 00000007 00000007" + A
                        + "00000001 00000001 00000006 646967657374 00000003 753A78" + "00000003"));
    }

    @Test
    void syncIsThePath() {
        assertThat(bytes(sent(Sync.encode(HEAP, "/a")))).isEqualTo(hex("0000000E 00000007 00000009" + A));
    }

    @Test
    void addWatchIsThePathAndTheMode() {
        assertThat(bytes(sent(AddWatch.encode(HEAP, "/a", 1))))
                .isEqualTo(hex("00000012 00000007 0000006A" + A + "00000001"));
    }

    @Test
    void checkWatchesIsThePathAndTheWatcherType() {
        assertThat(bytes(sent(CheckWatches.encode(HEAP, "/a", 2))))
                .isEqualTo(hex("00000012 00000007 00000011" + A + "00000002"));
    }

    @Test
    void removeWatchesIsThePathAndTheWatcherType() {
        assertThat(bytes(sent(RemoveWatches.encode(HEAP, "/a", 1))))
                .isEqualTo(hex("00000012 00000007 00000012" + A + "00000001"));
    }

    @Test
    void getEphemeralsIsThePrefix() {
        assertThat(bytes(sent(GetEphemerals.encode(HEAP, "/a"))))
                .isEqualTo(hex("0000000E 00000007 00000067" + A));
    }

    @Test
    void getAllChildrenNumberIsThePath() {
        assertThat(bytes(sent(GetAllChildrenNumber.encode(HEAP, "/a"))))
                .isEqualTo(hex("0000000E 00000007 00000068" + A));
    }

    @Test
    void whoAmIIsTheHeaderAlone() {
        assertThat(bytes(sent(WhoAmI.encode(HEAP)))).isEqualTo(hex("00000008 00000007 0000006B"));
    }

    @Test
    void reconfigIsThreeStringsAndTheConfigVersion() {
        assertThat(bytes(sent(Reconfig.encode(HEAP, "s", null, null, -1))))
                .isEqualTo(hex("0000001D 00000007 00000010 00000001 73 FFFFFFFF FFFFFFFF FFFFFFFFFFFFFFFF"));
        assertThat(bytes(sent(Reconfig.encode(HEAP, null, "2", "m", 0x1_0000_0005L))))
                .isEqualTo(hex("0000001E 00000007 00000010 FFFFFFFF 00000001 32 00000001 6D 0000000100000005"));
    }

    @Test
    void setAuthCarriesTheReservedXid() {
        ByteBuf frame = SetAuth.encode(HEAP, "digest", "u:p".getBytes(StandardCharsets.UTF_8));
        Frames.finish(frame);
        assertThat(bytes(frame)).isEqualTo(hex("0000001D FFFFFFFC 00000064 00000000 00000006 646967657374"
                + "00000003 753A70"));
        frame.release();
    }

    @Test
    void theSessionsAuthReplayIsTheSameFrameFinished() {
        byte[] credential = "u:p".getBytes(StandardCharsets.UTF_8);
        ByteBuf replay = SetAuth.replay(HEAP, "digest", credential);
        ByteBuf direct = SetAuth.encode(HEAP, "digest", credential);
        Frames.finish(direct);
        assertThat(bytes(replay)).isEqualTo(bytes(direct));
        replay.release();
        direct.release();
    }

    @Test
    void nonAsciiPathsAreUtf8() {
        // "/é" is 3 bytes in UTF-8.
        assertThat(bytes(sent(Sync.encode(HEAP, "/\u00e9"))))
                .isEqualTo(hex("0000000F 00000007 00000009 00000003 2FC3A9"));
    }
}
