package dev.zkasync.client.acl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Common ACLs and helpers to build ACL entries.
 */
public final class Acls {

    /** Everyone may do anything. */
    public static final List<ACL> OPEN_ACL_UNSAFE = List.of(new ACL(Perms.ALL, Id.ANYONE_ID_UNSAFE));

    /** The creating session's authenticated ids may do anything. */
    public static final List<ACL> CREATOR_ALL_ACL = List.of(new ACL(Perms.ALL, Id.AUTH_IDS));

    /** Everyone may read. */
    public static final List<ACL> READ_ACL_UNSAFE = List.of(new ACL(Perms.READ, Id.ANYONE_ID_UNSAFE));

    private Acls() {
    }

    /**
     * Computes the id of a {@code digest} identity:
     * {@code username:base64(sha1(username:password))} over UTF-8 bytes. For example
     * {@code digest("super", "test")} is {@code "super:D/InIHSb7yEEbrWz8b9l71RjZJU="}.
     *
     * @param username the user name; must not contain {@code ':'}
     * @param password the password
     * @return the digest id
     * @throws IllegalArgumentException if the user name contains {@code ':'}
     */
    public static String digest(String username, String password) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        // The server splits "user:password" at the first ':', so such a name could never match.
        if (username.indexOf(':') >= 0) {
            throw new IllegalArgumentException("digest user name must not contain ':'");
        }
        byte[] hash = sha1().digest((username + ':' + password).getBytes(StandardCharsets.UTF_8));
        return username + ':' + Base64.getEncoder().encodeToString(hash);
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-1.
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }

    /**
     * Creates a {@code digest} entry for a user and password.
     *
     * @param username the user name; must not contain {@code ':'}
     * @param password the password (only its hash is kept)
     * @param perms    the permission bits
     * @return the entry
     */
    public static ACL digestAcl(String username, String password, int perms) {
        return new ACL(perms, new Id("digest", digest(username, password)));
    }

    /**
     * Creates an entry from a scheme and id.
     *
     * @param scheme the authentication scheme
     * @param id     the id within the scheme
     * @param perms  the permission bits
     * @return the entry
     */
    public static ACL acl(String scheme, String id, int perms) {
        return new ACL(perms, new Id(scheme, id));
    }
}
