package dev.zkasync.client.acl;

import java.util.Objects;

/**
 * An identity in an ACL: a scheme ({@code world}, {@code auth}, {@code digest}, {@code ip},
 * {@code x509}, {@code sasl}) and an id whose meaning depends on the scheme. Ids hold no secrets
 * (a digest id holds a hash, not a password), so {@link #toString()} shows them.
 *
 * @param scheme the authentication scheme
 * @param id     the id within the scheme
 */
public record Id(String scheme, String id) {

    /** Anyone at all ({@code world:anyone}). */
    public static final Id ANYONE_ID_UNSAFE = new Id("world", "anyone");

    /** Stands for the ids the creating session has authenticated as ({@code auth:}). */
    public static final Id AUTH_IDS = new Id("auth", "");

    /**
     * Validates the components.
     *
     * @param scheme the authentication scheme
     * @param id     the id within the scheme
     * @throws NullPointerException if either is null
     */
    public Id {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(id, "id");
    }

    /**
     * Returns {@code scheme:id}, as ZooKeeper's tools print it.
     *
     * @return the id as text
     */
    @Override
    public String toString() {
        return scheme + ':' + id;
    }
}
