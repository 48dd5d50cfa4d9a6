package dev.zkasync.client.metrics;

/**
 * Sees every request from the moment it is submitted to the moment its reply (or failure) completes
 * it, for metrics and tracing. A client without an observer pays nothing for this.
 *
 * <p>{@link #started} runs on the caller's thread before the request is queued; {@link #completed}
 * runs on the I/O thread when the reply is decoded (or on whatever thread fails the request), before
 * any callback. Both must be fast, thread-safe and must not block or throw.
 */
public interface RequestObserver {

    /**
     * A request is about to be queued.
     *
     * @param operation the API operation, one name whatever request type carries it: {@code create},
     *                  {@code exists}, {@code get}, {@code get_children}, {@code get_acls}, {@code set},
     *                  {@code set_acls}, {@code delete}, {@code sync}, {@code transaction},
     *                  {@code multi_read}, {@code add_watch}, {@code remove_watches},
     *                  {@code check_watches}, {@code get_ephemerals}, {@code get_all_children_number},
     *                  {@code who_am_i}, {@code reconfig}, {@code get_config}, {@code add_auth}
     * @param path      the request's path relative to the chroot, or null
     * @return any context to hand back to {@link #completed} (a started timer, an observation), or null
     */
    Object started(String operation, String path);

    /**
     * The request completed.
     *
     * @param context    what {@link #started} returned
     * @param operation  the operation name given to {@link #started}
     * @param resultCode {@code OK}, or the ZooKeeper error name ({@code NONODE}, {@code CONNECTIONLOSS}...),
     *                   or {@code CLIENT_ERROR} for failures that carry no ZooKeeper code
     * @param error      the failure, or null on success
     */
    void completed(Object context, String operation, String resultCode, Throwable error);
}
