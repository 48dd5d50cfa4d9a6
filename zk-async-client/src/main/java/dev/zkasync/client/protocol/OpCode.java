package dev.zkasync.client.protocol;

/**
 * ZooKeeper 3.9 request types (the {@code type} of a RequestHeader). Internal: not part of the API.
 */
public final class OpCode {
    public static final int NOTIFICATION = 0;
    public static final int CREATE = 1;
    public static final int DELETE = 2;
    public static final int EXISTS = 3;
    public static final int GET_DATA = 4;
    public static final int SET_DATA = 5;
    public static final int GET_ACL = 6;
    public static final int SET_ACL = 7;
    public static final int GET_CHILDREN = 8;
    public static final int SYNC = 9;
    public static final int PING = 11;
    public static final int GET_CHILDREN2 = 12;
    public static final int CHECK = 13;
    public static final int MULTI = 14;
    public static final int CREATE2 = 15;
    public static final int RECONFIG = 16;
    public static final int CHECK_WATCHES = 17;
    public static final int REMOVE_WATCHES = 18;
    public static final int CREATE_CONTAINER = 19;
    public static final int CREATE_TTL = 21;
    public static final int MULTI_READ = 22;
    public static final int AUTH = 100;
    public static final int SET_WATCHES = 101;
    public static final int SASL = 102;
    public static final int GET_EPHEMERALS = 103;
    public static final int GET_ALL_CHILDREN_NUMBER = 104;
    public static final int SET_WATCHES2 = 105;
    public static final int ADD_WATCH = 106;
    public static final int WHO_AM_I = 107;
    public static final int CLOSE_SESSION = -11;
    public static final int ERROR = -1;

    private OpCode() {
    }

    /** A low-cardinality operation name, as used in logs and metrics ({@code get_data}, {@code create}...). */
    public static String name(int opCode) {
        return switch (opCode) {
            case CREATE -> "create";
            case DELETE -> "delete";
            case EXISTS -> "exists";
            case GET_DATA -> "get_data";
            case SET_DATA -> "set_data";
            case GET_ACL -> "get_acl";
            case SET_ACL -> "set_acl";
            case GET_CHILDREN -> "get_children";
            case SYNC -> "sync";
            case PING -> "ping";
            case GET_CHILDREN2 -> "get_children2";
            case CHECK -> "check";
            case MULTI -> "multi";
            case CREATE2 -> "create2";
            case RECONFIG -> "reconfig";
            case CHECK_WATCHES -> "check_watches";
            case REMOVE_WATCHES -> "remove_watches";
            case CREATE_CONTAINER -> "create_container";
            case CREATE_TTL -> "create_ttl";
            case MULTI_READ -> "multi_read";
            case AUTH -> "auth";
            case SET_WATCHES -> "set_watches";
            case SASL -> "sasl";
            case GET_EPHEMERALS -> "get_ephemerals";
            case GET_ALL_CHILDREN_NUMBER -> "get_all_children_number";
            case SET_WATCHES2 -> "set_watches2";
            case ADD_WATCH -> "add_watch";
            case WHO_AM_I -> "who_am_i";
            case CLOSE_SESSION -> "close_session";
            default -> "op_" + opCode;
        };
    }
}
