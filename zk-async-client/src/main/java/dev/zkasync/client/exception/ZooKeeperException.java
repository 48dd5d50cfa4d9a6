package dev.zkasync.client.exception;



/**
 * An error identified by a ZooKeeper error code, usually from a server reply. Each code has its
 * own subclass, so callers can catch, say, {@link NoNodeException}; {@link #of(int, String)}
 * builds the right one from a wire code.
 *
 * <p>The message has the form {@code "NONODE for /a/b"}, {@code "CONNECTIONLOSS"} or, with a
 * detail, {@code "CONNECTIONLOSS: connection to 127.0.0.1:2181 dropped"}.
 */
public abstract class ZooKeeperException extends KazooException {

    /** The error code. */
    private final ErrorCode code;
    /** The raw code from the reply. */
    private final int intCode;
    /** The client path the request named, or null. */
    private final String path;

    /**
     * Builds the standard message from the code, path and detail.
     *
     * @param code   the error code
     * @param path   the client path the request named, or null
     * @param detail extra context, or null; must not contain data or credentials
     * @param cause  the underlying cause, or null
     */
    protected ZooKeeperException(ErrorCode code, String path, String detail, Throwable cause) {
        this(code, code.intValue(), path, cause, message(code.wireName(), path, detail));
    }

    // Full control over the message, for client-side subclasses with their own wording.
    ZooKeeperException(ErrorCode code, int intCode, String path, Throwable cause, String message) {
        super(message, cause);
        this.code = code;
        this.intCode = intCode;
        this.path = path;
    }

    static String message(String name, String path, String detail) {
        StringBuilder sb = new StringBuilder(name);
        if (path != null) {
            sb.append(" for ").append(PrintablePath.of(path));
        }
        if (detail != null) {
            sb.append(": ").append(detail);
        }
        return sb.toString();
    }

    /**
     * Returns the error code.
     *
     * @return the code; {@link ErrorCode#UNKNOWN} for {@link UnknownErrorException}
     */
    public ErrorCode code() {
        return code;
    }

    /**
     * Returns the raw int code, which for {@link UnknownErrorException} is the value the server
     * sent.
     *
     * @return the wire value of the code
     */
    public int intCode() {
        return intCode;
    }

    /**
     * Returns the client path (without chroot) of the request that failed.
     *
     * @return the path, or null if the error is not about one path
     */
    public String path() {
        return path;
    }

    /**
     * Returns the exception for a wire error code.
     *
     * @param code the int code from a reply
     * @param path the client path of the request, or null
     * @return the subclass for the code, or an {@link UnknownErrorException}
     */
    public static ZooKeeperException of(int code, String path) {
        return of(code, path, null);
    }

    /**
     * Returns the exception for a wire error code, with extra context in the message.
     *
     * @param code   the int code from a reply
     * @param path   the client path of the request, or null
     * @param detail extra context, or null; must not contain data or credentials
     * @return the subclass for the code, or an {@link UnknownErrorException}
     */
    public static ZooKeeperException of(int code, String path, String detail) {
        return switch (ErrorCode.of(code)) {
            case OK -> new RolledBackException(path, detail, null);
            case SYSTEM_ERROR -> new SystemErrorException(path, detail, null);
            case RUNTIME_INCONSISTENCY -> new RuntimeInconsistencyException(path, detail, null);
            case DATA_INCONSISTENCY -> new DataInconsistencyException(path, detail, null);
            case CONNECTION_LOSS -> new ConnectionLossException(path, detail, null);
            case MARSHALLING_ERROR -> new MarshallingErrorException(path, detail, null);
            case UNIMPLEMENTED -> new UnimplementedException(path, detail, null);
            case OPERATION_TIMEOUT -> new OperationTimeoutException(path, detail, null);
            case BAD_ARGUMENTS -> new BadArgumentsException(path, detail, null);
            case UNKNOWN_SESSION -> new UnknownSessionException(path, detail, null);
            case NEW_CONFIG_NO_QUORUM -> new NewConfigNoQuorumException(path, detail, null);
            case RECONFIG_IN_PROGRESS -> new ReconfigInProgressException(path, detail, null);
            case API_ERROR -> new ApiErrorException(path, detail, null);
            case NO_NODE -> new NoNodeException(path, detail, null);
            case NO_AUTH -> new NoAuthException(path, detail, null);
            case BAD_VERSION -> new BadVersionException(path, detail, null);
            case NO_CHILDREN_FOR_EPHEMERALS -> new NoChildrenForEphemeralsException(path, detail, null);
            case NODE_EXISTS -> new NodeExistsException(path, detail, null);
            case NOT_EMPTY -> new NotEmptyException(path, detail, null);
            case SESSION_EXPIRED -> new SessionExpiredException(path, detail, null);
            case INVALID_CALLBACK -> new InvalidCallbackException(path, detail, null);
            case INVALID_ACL -> new InvalidAclException(path, detail, null);
            case AUTH_FAILED -> new AuthFailedException(path, detail, null);
            case SESSION_MOVED -> new SessionMovedException(path, detail, null);
            case NOT_READONLY -> new NotReadOnlyException(path, detail, null);
            case EPHEMERAL_ON_LOCAL_SESSION -> new EphemeralOnLocalSessionException(path, detail, null);
            case NO_WATCHER -> new NoWatcherException(path, detail, null);
            case REQUEST_TIMEOUT -> new RequestTimeoutException(path, detail, null);
            case RECONFIG_DISABLED -> new ReconfigDisabledException(path, detail, null);
            case SESSION_CLOSED_REQUIRE_SASL_AUTH -> new SessionClosedRequireSaslException(path, detail, null);
            case QUOTA_EXCEEDED -> new QuotaExceededException(path, detail, null);
            case THROTTLED_OP -> new ThrottledOpException(path, detail, null);
            case UNKNOWN -> new UnknownErrorException(code, path, detail, null);
        };
    }
}
