package dev.zkasync.client;

import dev.zkasync.client.acl.ACL;
import dev.zkasync.client.exception.BadArgumentsException;
import dev.zkasync.client.exception.InvalidAclException;
import dev.zkasync.client.exception.InvalidPathException;

import java.util.List;

/** Checks of a call's arguments beyond the path, made before anything is encoded or queued. */
final class Arguments {

    private static final String SYSTEM_TREE = "/zookeeper";
    private static final String QUOTA_TREE = "/zookeeper/quota";

    private Arguments() {
    }

    /**
     * The server path of a write (create, set, setAcls, delete), refused when it lies in ZooKeeper's
     * own tree: the server takes some such writes silently (a create under {@code /zookeeper}) and
     * refuses others with codes that do not say why. {@code /zookeeper/quota} below its root is
     * where clients keep quotas, so writes there pass.
     */
    static String writable(String path, String serverPath) {
        if (serverPath.equals(SYSTEM_TREE) || serverPath.startsWith(SYSTEM_TREE + "/")) {
            if (!serverPath.startsWith(QUOTA_TREE + "/")) {
                throw new InvalidPathException(path, SYSTEM_TREE + " is ZooKeeper's own tree; of it only the nodes"
                        + " below " + QUOTA_TREE + " take writes");
            }
        }
        return serverPath;
    }

    /**
     * A version condition: -1 (any version) or a version a node can have. Any other negative number
     * could never match, so it is refused here rather than answered BADVERSION by the server.
     */
    static int version(String path, int version) {
        if (version < -1) {
            throw new BadArgumentsException(path, "version must be -1 (any) or at least 0, not " + version, null);
        }
        return version;
    }

    /** An ACL to set: at least one entry, none of them null. */
    static List<ACL> acls(String path, List<ACL> acls) {
        if (acls == null || acls.isEmpty()) {
            throw new InvalidAclException(path, "an ACL needs at least one entry", null);
        }
        for (int i = 0; i < acls.size(); i++) {
            if (acls.get(i) == null) {
                throw new InvalidAclException(path, "ACL entry " + i + " is null", null);
            }
        }
        return acls;
    }
}
