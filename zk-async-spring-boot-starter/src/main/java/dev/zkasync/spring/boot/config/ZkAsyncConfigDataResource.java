package dev.zkasync.spring.boot.config;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.config.ConfigDataResource;

/**
 * One ZooKeeper node whose subtree becomes one property source.
 */
final class ZkAsyncConfigDataResource extends ConfigDataResource {

    private final String path;

    private final boolean optional;

    private final @Nullable String profile;

    ZkAsyncConfigDataResource(String path, boolean optional, @Nullable String profile) {
        super(optional);
        this.path = path;
        this.optional = optional;
        this.profile = profile;
    }

    String getPath() {
        return this.path;
    }

    /** The profile this context belongs to; its property source is then profile-specific. */
    @Nullable String getProfile() {
        return this.profile;
    }

    /** Whether the import was {@code optional:} (ConfigDataResource keeps its own flag package-private). */
    boolean optional() {
        return this.optional;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return (other instanceof ZkAsyncConfigDataResource that) && this.path.equals(that.path)
                && Objects.equals(this.profile, that.profile) && this.optional == that.optional;
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.path, this.profile, this.optional);
    }

    @Override
    public String toString() {
        return "zk-async:" + this.path;
    }

}
