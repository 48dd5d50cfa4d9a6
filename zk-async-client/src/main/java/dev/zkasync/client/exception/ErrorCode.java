package dev.zkasync.client.exception;

/**
 * The error codes a ZooKeeper server (or client) puts in a reply header, with their wire values.
 *
 * <p>{@link #UNKNOWN} is not a ZooKeeper code: {@link #of(int)} returns it for any value this
 * enum does not list, so callers never have to handle {@code null}. The raw value of such a code
 * is kept by {@link UnknownErrorException#intCode()}.
 */
public enum ErrorCode {
    /** 0: success; in a failed multi it marks operations that were rolled back. */
    OK(0, "OK"),
    /** -1: generic server error (also the start of ZooKeeper's system-error range). */
    SYSTEM_ERROR(-1, "SYSTEMERROR"),
    /** -2: the server found a runtime inconsistency. */
    RUNTIME_INCONSISTENCY(-2, "RUNTIMEINCONSISTENCY"),
    /** -3: the server found a data inconsistency. */
    DATA_INCONSISTENCY(-3, "DATAINCONSISTENCY"),
    /** -4: the connection was lost before a reply arrived (client-generated). */
    CONNECTION_LOSS(-4, "CONNECTIONLOSS"),
    /** -5: a record could not be (de)serialized. */
    MARSHALLING_ERROR(-5, "MARSHALLINGERROR"),
    /** -6: the operation is not implemented. */
    UNIMPLEMENTED(-6, "UNIMPLEMENTED"),
    /** -7: the operation timed out. */
    OPERATION_TIMEOUT(-7, "OPERATIONTIMEOUT"),
    /** -8: the request's arguments are invalid. */
    BAD_ARGUMENTS(-8, "BADARGUMENTS"),
    /** -12: the session is unknown (server-internal). */
    UNKNOWN_SESSION(-12, "UNKNOWNSESSION"),
    /** -13: a reconfig's new configuration has no quorum. */
    NEW_CONFIG_NO_QUORUM(-13, "NEWCONFIGNOQUORUM"),
    /** -14: another reconfig is in progress. */
    RECONFIG_IN_PROGRESS(-14, "RECONFIGINPROGRESS"),
    /** -100: generic API error (also the start of ZooKeeper's API-error range). */
    API_ERROR(-100, "APIERROR"),
    /** -101: the node does not exist. */
    NO_NODE(-101, "NONODE"),
    /** -102: the session is not authorized for the operation. */
    NO_AUTH(-102, "NOAUTH"),
    /** -103: the expected version does not match. */
    BAD_VERSION(-103, "BADVERSION"),
    /** -108: ephemeral nodes may not have children. */
    NO_CHILDREN_FOR_EPHEMERALS(-108, "NOCHILDRENFOREPHEMERALS"),
    /** -110: the node already exists. */
    NODE_EXISTS(-110, "NODEEXISTS"),
    /** -111: the node has children. */
    NOT_EMPTY(-111, "NOTEMPTY"),
    /** -112: the session has expired. */
    SESSION_EXPIRED(-112, "SESSIONEXPIRED"),
    /** -113: invalid callback. */
    INVALID_CALLBACK(-113, "INVALIDCALLBACK"),
    /** -114: the ACL is empty or invalid. */
    INVALID_ACL(-114, "INVALIDACL"),
    /** -115: authentication failed. */
    AUTH_FAILED(-115, "AUTHFAILED"),
    /** -118: the session moved to another server. */
    SESSION_MOVED(-118, "SESSIONMOVED"),
    /** -119: a write was sent to a read-only server. */
    NOT_READONLY(-119, "NOTREADONLY"),
    /** -120: an ephemeral node was requested on a local session. */
    EPHEMERAL_ON_LOCAL_SESSION(-120, "EPHEMERALONLOCALSESSION"),
    /** -121: the watch to remove does not exist. */
    NO_WATCHER(-121, "NOWATCHER"),
    /** -122: the request timed out (client-generated). */
    REQUEST_TIMEOUT(-122, "REQUESTTIMEOUT"),
    /** -123: reconfig is disabled on the server. */
    RECONFIG_DISABLED(-123, "RECONFIGDISABLED"),
    /** -124: the server closed the session because it requires SASL authentication. */
    SESSION_CLOSED_REQUIRE_SASL_AUTH(-124, "SESSIONCLOSEDREQUIRESASLAUTH"),
    /** -125: a hard quota was exceeded. */
    QUOTA_EXCEEDED(-125, "QUOTAEXCEEDED"),
    /** -127: the server throttled the operation. */
    THROTTLED_OP(-127, "THROTTLEDOP"),
    /**
     * Not a ZooKeeper code: stands for any code this enum does not know. Its
     * {@link #intValue()} is {@link Integer#MIN_VALUE}.
     */
    UNKNOWN(Integer.MIN_VALUE, "UNKNOWN");

    // All known codes lie in -127..0, so -code indexes a small table.
    private static final ErrorCode[] BY_NEGATED_CODE = new ErrorCode[128];

    static {
        for (ErrorCode c : values()) {
            if (c != UNKNOWN) {
                BY_NEGATED_CODE[-c.code] = c;
            }
        }
    }

    private final int code;
    private final String wireName;

    ErrorCode(int code, String wireName) {
        this.code = code;
        this.wireName = wireName;
    }

    /**
     * Returns the code's value on the wire.
     *
     * @return the int code ({@link Integer#MIN_VALUE} for {@link #UNKNOWN})
     */
    public int intValue() {
        return code;
    }

    /**
     * Returns ZooKeeper's upper-case name for the code, such as {@code NONODE}; a constant
     * string, suitable as a metrics tag.
     *
     * @return the name ({@code UNKNOWN} for {@link #UNKNOWN})
     */
    public String wireName() {
        return wireName;
    }

    /**
     * Looks up a wire code without allocating.
     *
     * @param code the int code from a reply header
     * @return the matching constant, or {@link #UNKNOWN} if the code is not known; never null
     */
    public static ErrorCode of(int code) {
        if (code <= 0 && code > -BY_NEGATED_CODE.length) {
            ErrorCode c = BY_NEGATED_CODE[-code];
            if (c != null) {
                return c;
            }
        }
        return UNKNOWN;
    }
}
