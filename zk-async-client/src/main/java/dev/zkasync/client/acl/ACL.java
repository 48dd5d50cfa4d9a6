package dev.zkasync.client.acl;

import java.util.Objects;

/**
 * One ACL entry: the permissions an identity has on a node.
 *
 * @param perms the permission bits, see {@link Perms}
 * @param id    the identity
 */
public record ACL(int perms, Id id) {

    /**
     * Validates the components.
     *
     * @param perms the permission bits, between 0 and {@link Perms#ALL}
     * @param id    the identity
     * @throws IllegalArgumentException if {@code perms} has bits outside {@link Perms#ALL}
     * @throws NullPointerException     if {@code id} is null
     */
    public ACL {
        if ((perms & ~Perms.ALL) != 0) {
            throw new IllegalArgumentException("perms must be between 0 and 31, got " + perms);
        }
        Objects.requireNonNull(id, "id");
    }

    /**
     * Creates an entry.
     *
     * @param perms the permission bits
     * @param id    the identity
     * @return the entry
     */
    public static ACL of(int perms, Id id) {
        return new ACL(perms, id);
    }

    /**
     * Creates an entry from a scheme and id.
     *
     * @param perms  the permission bits
     * @param scheme the authentication scheme
     * @param id     the id within the scheme
     * @return the entry
     */
    public static ACL of(int perms, String scheme, String id) {
        return new ACL(perms, new Id(scheme, id));
    }

    /**
     * Returns e.g. {@code "ACL(READ|WRITE, world:anyone)"}.
     *
     * @return the entry as text
     */
    @Override
    public String toString() {
        return "ACL(" + Perms.toString(perms) + ", " + id + ')';
    }
}
