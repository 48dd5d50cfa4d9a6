package dev.zkasync.client.exception;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorCodeTest {

    private static final Map<ErrorCode, Class<? extends ZooKeeperException>> CLASSES = Map.ofEntries(
            Map.entry(ErrorCode.OK, RolledBackException.class),
            Map.entry(ErrorCode.SYSTEM_ERROR, SystemErrorException.class),
            Map.entry(ErrorCode.RUNTIME_INCONSISTENCY, RuntimeInconsistencyException.class),
            Map.entry(ErrorCode.DATA_INCONSISTENCY, DataInconsistencyException.class),
            Map.entry(ErrorCode.CONNECTION_LOSS, ConnectionLossException.class),
            Map.entry(ErrorCode.MARSHALLING_ERROR, MarshallingErrorException.class),
            Map.entry(ErrorCode.UNIMPLEMENTED, UnimplementedException.class),
            Map.entry(ErrorCode.OPERATION_TIMEOUT, OperationTimeoutException.class),
            Map.entry(ErrorCode.BAD_ARGUMENTS, BadArgumentsException.class),
            Map.entry(ErrorCode.UNKNOWN_SESSION, UnknownSessionException.class),
            Map.entry(ErrorCode.NEW_CONFIG_NO_QUORUM, NewConfigNoQuorumException.class),
            Map.entry(ErrorCode.RECONFIG_IN_PROGRESS, ReconfigInProgressException.class),
            Map.entry(ErrorCode.API_ERROR, ApiErrorException.class),
            Map.entry(ErrorCode.NO_NODE, NoNodeException.class),
            Map.entry(ErrorCode.NO_AUTH, NoAuthException.class),
            Map.entry(ErrorCode.BAD_VERSION, BadVersionException.class),
            Map.entry(ErrorCode.NO_CHILDREN_FOR_EPHEMERALS, NoChildrenForEphemeralsException.class),
            Map.entry(ErrorCode.NODE_EXISTS, NodeExistsException.class),
            Map.entry(ErrorCode.NOT_EMPTY, NotEmptyException.class),
            Map.entry(ErrorCode.SESSION_EXPIRED, SessionExpiredException.class),
            Map.entry(ErrorCode.INVALID_CALLBACK, InvalidCallbackException.class),
            Map.entry(ErrorCode.INVALID_ACL, InvalidAclException.class),
            Map.entry(ErrorCode.AUTH_FAILED, AuthFailedException.class),
            Map.entry(ErrorCode.SESSION_MOVED, SessionMovedException.class),
            Map.entry(ErrorCode.NOT_READONLY, NotReadOnlyException.class),
            Map.entry(ErrorCode.EPHEMERAL_ON_LOCAL_SESSION, EphemeralOnLocalSessionException.class),
            Map.entry(ErrorCode.NO_WATCHER, NoWatcherException.class),
            Map.entry(ErrorCode.REQUEST_TIMEOUT, RequestTimeoutException.class),
            Map.entry(ErrorCode.RECONFIG_DISABLED, ReconfigDisabledException.class),
            Map.entry(ErrorCode.SESSION_CLOSED_REQUIRE_SASL_AUTH, SessionClosedRequireSaslException.class),
            Map.entry(ErrorCode.QUOTA_EXCEEDED, QuotaExceededException.class),
            Map.entry(ErrorCode.THROTTLED_OP, ThrottledOpException.class));

    private static Stream<ErrorCode> known() {
        return Arrays.stream(ErrorCode.values()).filter(c -> c != ErrorCode.UNKNOWN);
    }

    @Test
    void everyKnownCodeRoundTrips() {
        known().forEach(c -> assertThat(ErrorCode.of(c.intValue())).isSameAs(c));
    }

    @Test
    void codesMatchZooKeeper() {
        assertThat(ErrorCode.OK.intValue()).isZero();
        assertThat(ErrorCode.CONNECTION_LOSS.intValue()).isEqualTo(-4);
        assertThat(ErrorCode.BAD_ARGUMENTS.intValue()).isEqualTo(-8);
        assertThat(ErrorCode.UNKNOWN_SESSION.intValue()).isEqualTo(-12);
        assertThat(ErrorCode.RECONFIG_IN_PROGRESS.intValue()).isEqualTo(-14);
        assertThat(ErrorCode.API_ERROR.intValue()).isEqualTo(-100);
        assertThat(ErrorCode.NO_NODE.intValue()).isEqualTo(-101);
        assertThat(ErrorCode.NO_CHILDREN_FOR_EPHEMERALS.intValue()).isEqualTo(-108);
        assertThat(ErrorCode.NODE_EXISTS.intValue()).isEqualTo(-110);
        assertThat(ErrorCode.SESSION_EXPIRED.intValue()).isEqualTo(-112);
        assertThat(ErrorCode.SESSION_MOVED.intValue()).isEqualTo(-118);
        assertThat(ErrorCode.THROTTLED_OP.intValue()).isEqualTo(-127);
        assertThat(known().map(ErrorCode::intValue).distinct().count()).isEqualTo(32);
    }

    @Test
    void wireNamesAreZooKeeperNames() {
        known().forEach(c -> assertThat(c.wireName()).isEqualTo(c.name().replace("_", "")));
        assertThat(ErrorCode.NO_NODE.wireName()).isEqualTo("NONODE");
        assertThat(ErrorCode.SESSION_CLOSED_REQUIRE_SASL_AUTH.wireName()).isEqualTo("SESSIONCLOSEDREQUIRESASLAUTH");
        assertThat(ErrorCode.UNKNOWN.wireName()).isEqualTo("UNKNOWN");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, -9, -10, -11, -15, -99, -104, -109, -116, -117, -126, -128, -129, -1000,
            Integer.MAX_VALUE, Integer.MIN_VALUE + 1})
    void unknownCodesMapToUnknown(int code) {
        assertThat(ErrorCode.of(code)).isSameAs(ErrorCode.UNKNOWN);
        ZooKeeperException e = ZooKeeperException.of(code, "/a");
        assertThat(e).isInstanceOf(UnknownErrorException.class);
        assertThat(e.code()).isSameAs(ErrorCode.UNKNOWN);
        assertThat(e.intCode()).isEqualTo(code);
        assertThat(e.path()).isEqualTo("/a");
        assertThat(e).hasMessage("UNKNOWN(" + code + ") for /a");
    }

    @Test
    void everyCodeHasAClass() {
        assertThat(CLASSES.keySet()).isEqualTo(EnumSet.complementOf(EnumSet.of(ErrorCode.UNKNOWN)));
    }

    @ParameterizedTest
    @EnumSource(value = ErrorCode.class, names = "UNKNOWN", mode = EnumSource.Mode.EXCLUDE)
    void factoryReturnsTheTypedSubclass(ErrorCode code) {
        ZooKeeperException e = ZooKeeperException.of(code.intValue(), "/p", "why");
        assertThat(e).isExactlyInstanceOf(CLASSES.get(code)).isInstanceOf(KazooException.class);
        assertThat(e.code()).isSameAs(code);
        assertThat(e.intCode()).isEqualTo(code.intValue());
        assertThat(e.path()).isEqualTo("/p");
        assertThat(e.getMessage()).isEqualTo(code.wireName() + " for /p: why");

        ZooKeeperException noPath = ZooKeeperException.of(code.intValue(), null);
        assertThat(noPath).isExactlyInstanceOf(CLASSES.get(code));
        assertThat(noPath.path()).isNull();
        assertThat(noPath.getMessage()).startsWith(code.wireName());
    }

    @ParameterizedTest
    @EnumSource(value = ErrorCode.class, names = "UNKNOWN", mode = EnumSource.Mode.EXCLUDE)
    void pathConstructorGivesStandardMessage(ErrorCode code) throws ReflectiveOperationException {
        ZooKeeperException e = CLASSES.get(code).getConstructor(String.class).newInstance("/a/b");
        assertThat(e.code()).isSameAs(code);
        assertThat(e.path()).isEqualTo("/a/b");
        if (code != ErrorCode.OK) {
            assertThat(e).hasMessage(code.wireName() + " for /a/b").hasNoCause();
        }
    }
}
