package dev.zkasync.reactor;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.zkasync.client.CreateOptions;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.ReadOp;
import dev.zkasync.client.Transaction;
import dev.zkasync.client.acl.ACL;
import dev.zkasync.client.data.ClientInfo;
import dev.zkasync.client.data.CreatedNode;
import dev.zkasync.client.data.NodeAcls;
import dev.zkasync.client.data.NodeChildren;
import dev.zkasync.client.data.NodeData;
import dev.zkasync.client.data.Stat;
import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.recipe.ChildrenWatch;
import dev.zkasync.client.recipe.DataWatch;
import dev.zkasync.client.recipe.KazooRecipes;
import dev.zkasync.client.recipe.TreeCache;
import dev.zkasync.client.recipe.TreeEvent;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.client.state.KazooStateListener;
import dev.zkasync.client.watch.AddWatchMode;
import dev.zkasync.client.watch.WatchedEvent;
import dev.zkasync.client.watch.Watcher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A {@link KazooClient} for Reactor: every operation as a cold {@link Mono}, and the session's
 * states, persistent watches, Kazoo's DataWatch and ChildrenWatch and a tree cache's events as
 * {@link Flux}es. It holds no connection of its own: it sends through the client it wraps, which
 * the application starts and stops.
 *
 * <pre>{@code
 * ReactiveKazooClient zk = ReactiveKazooClient.of(client);
 * Mono<NodeData> config = zk.get("/app/config");                   // nothing sent yet
 * zk.data("/app/config")                                           // now, then every change
 *   .map(value -> value.map(NodeData::data))                      // Optional.empty(): no node
 *   .subscribe(this::apply);
 * }</pre>
 *
 * <h2>Operations</h2>
 * Each {@code Mono} sends its request when subscribed, once per subscription (so
 * {@code retryWhen} and {@code repeat} send it again), and fails with the same typed exception as
 * the {@code ...Async} method's {@link AsyncResult} ({@code NoNodeException},
 * {@code ConnectionLossException}, ... under {@code KazooException}). Errors found before anything
 * is sent (an invalid path, a null argument) are signalled at subscription. Operations whose value
 * may be absent complete empty: {@link #exists} for a missing node, and the {@code Void} ones.
 * Cancelling before the reply withdraws a request that is still queued (it is never sent and
 * takes no room) and stops waiting for one already sent (ZooKeeper cannot withdraw it, so a write
 * may still be applied); cancelling after the reply changes nothing.
 *
 * <h2>Streams</h2>
 * Each subscription starts its own watch and ends it when it cancels, completes or fails.
 * <ul>
 *   <li>Conflated ({@link #data}, {@link #children}): they carry the node's latest value, so a
 *       slow subscriber skips intermediate values and sees the newest; at most two values wait
 *       for it.</li>
 *   <li>Events ({@link #states}, {@link #watch}, {@link #treeCache}): every event matters, so they
 *       are buffered up to {@code eventBufferSize} (default {@value #DEFAULT_EVENT_BUFFER_SIZE})
 *       for a subscriber that does not keep up (plus one on its way to it); past that the stream fails
 *       at once with {@link EventOverflowException}.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * Signals arrive on the client's {@link dev.zkasync.client.handler.Handler} thread, in order,
 * never on the I/O event loop (unless the client was built with the opt-in {@code DirectHandler}):
 * a subscriber may call the client, but should not block that thread for long, since it also runs
 * the client's other callbacks. Use {@code publishOn} to move work elsewhere. Exceptions: an error
 * found at subscription is signalled on the subscribing thread; a {@code Mono}'s value that
 * arrived before it was requested is delivered on the thread that requests it; and once the client
 * is stopped its handler no longer runs, so the last signals (LOST, for instance) come on a thread
 * of the handler's kind started for them, as the client's own callbacks do.
 */
public final class ReactiveKazooClient {

    /** How many undelivered events an event stream holds for a slow subscriber by default. */
    public static final int DEFAULT_EVENT_BUFFER_SIZE = 1024;

    private final KazooClient client;
    private final KazooRecipes recipes;
    private final Streams streams;

    private ReactiveKazooClient(KazooClient client, int eventBufferSize) {
        this.client = Objects.requireNonNull(client, "client");
        if (eventBufferSize < 1) {
            throw new IllegalArgumentException("eventBufferSize must be at least 1, was " + eventBufferSize);
        }
        this.recipes = KazooRecipes.of(client);
        this.streams = new Streams(client.handler(), eventBufferSize);
    }

    /**
     * The reactive face of {@code client}, with the default event buffer.
     *
     * @param client the client to send through; the caller starts and stops it
     * @return a reactive client over {@code client}
     */
    public static ReactiveKazooClient of(KazooClient client) {
        return new ReactiveKazooClient(client, DEFAULT_EVENT_BUFFER_SIZE);
    }

    /**
     * The reactive face of {@code client}, whose event streams hold at most {@code eventBufferSize}
     * undelivered events per subscriber.
     *
     * @param client the client to send through; the caller starts and stops it
     * @param eventBufferSize undelivered events held per subscriber of an event stream; at least 1
     * @return a reactive client over {@code client}
     * @throws IllegalArgumentException if {@code eventBufferSize} is less than 1
     */
    public static ReactiveKazooClient of(KazooClient client, int eventBufferSize) {
        return new ReactiveKazooClient(client, eventBufferSize);
    }

    /** {@return the client this sends through} */
    public KazooClient client() {
        return client;
    }

    /** {@return how many undelivered events an event stream holds per subscriber} */
    public int eventBufferSize() {
        return streams.bufferSize();
    }

    // ------------------------------------------------------------------ operations

    /**
     * {@return {@link KazooClient#createAsync(String, byte[])}: the created node's path}
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param data the data, or null for none
     */
    public Mono<String> create(String path, byte[] data) {
        return mono(() -> client.createAsync(path, data));
    }

    /**
     * {@return {@link KazooClient#createAsync(String, byte[], CreateOptions)}: the created node's path}
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param data the data, or null for none
     * @param options mode, ACL, TTL, sequence and parent creation
     */
    public Mono<String> create(String path, byte[] data, CreateOptions options) {
        return mono(() -> client.createAsync(path, data, options));
    }

    /**
     * {@return {@link KazooClient#createWithStatAsync}: the created node's path and stat}
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param data the data, or null for none
     * @param options mode, ACL, TTL, sequence and parent creation
     */
    public Mono<CreatedNode> createWithStat(String path, byte[] data, CreateOptions options) {
        return mono(() -> client.createWithStatAsync(path, data, options));
    }

    /**
     * {@return {@link KazooClient#ensurePathAsync(String)}: creates the missing nodes of {@code path}}
     *
     * @param path the node's absolute path (below the chroot, if any)
     */
    public Mono<String> ensurePath(String path) {
        return mono(() -> client.ensurePathAsync(path));
    }

    /**
     * {@return {@link KazooClient#ensurePathAsync(String, List)} with the given ACL}
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param acl the nodes' ACL; null or empty for the default ACL
     */
    public Mono<String> ensurePath(String path, List<ACL> acl) {
        return mono(() -> client.ensurePathAsync(path, acl));
    }

    /**
     * {@return {@link KazooClient#existsAsync(String)}: the node's stat, or empty if there is no node}
     *
     * @param path the node's absolute path (below the chroot, if any)
     */
    public Mono<Stat> exists(String path) {
        return mono(() -> client.existsAsync(path));
    }

    /**
     * {@return {@link KazooClient#getAsync(String)}: the node's data and stat}
     *
     * @param path the node's absolute path (below the chroot, if any)
     */
    public Mono<NodeData> get(String path) {
        return mono(() -> client.getAsync(path));
    }

    /**
     * {@return {@link KazooClient#getChildrenAsync(String)}: the child names}
     *
     * @param path the node's absolute path (below the chroot, if any)
     */
    public Mono<List<String>> getChildren(String path) {
        return mono(() -> client.getChildrenAsync(path));
    }

    /**
     * {@return {@link KazooClient#getChildrenWithStatAsync}: the child names and the node's stat}
     *
     * @param path the node's absolute path (below the chroot, if any)
     */
    public Mono<NodeChildren> getChildrenWithStat(String path) {
        return mono(() -> client.getChildrenWithStatAsync(path, null));
    }

    /**
     * {@return {@link KazooClient#getAclsAsync}: the node's ACL and stat}
     *
     * @param path the node's absolute path (below the chroot, if any)
     */
    public Mono<NodeAcls> getAcls(String path) {
        return mono(() -> client.getAclsAsync(path));
    }

    /**
     * {@return {@link KazooClient#setAclsAsync}: the node's new stat}
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param acls the new ACL
     * @param version the version the node must have, or -1 for any
     */
    public Mono<Stat> setAcls(String path, List<ACL> acls, int version) {
        return mono(() -> client.setAclsAsync(path, acls, version));
    }

    /**
     * {@return {@link KazooClient#setAsync(String, byte[])}: the node's new stat}
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param data the data, or null for none
     */
    public Mono<Stat> set(String path, byte[] data) {
        return mono(() -> client.setAsync(path, data));
    }

    /**
     * {@return {@link KazooClient#setAsync(String, byte[], int)}, if the node is at {@code version} (-1: any)}
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param data the data, or null for none
     * @param version the version the node must have, or -1 for any
     */
    public Mono<Stat> set(String path, byte[] data, int version) {
        return mono(() -> client.setAsync(path, data, version));
    }

    /**
     * {@return {@link KazooClient#deleteAsync(String)}; completes empty}
     *
     * @param path the node's absolute path (below the chroot, if any)
     */
    public Mono<Void> delete(String path) {
        return mono(() -> client.deleteAsync(path));
    }

    /**
     * {@return {@link KazooClient#deleteAsync(String, int)}; completes empty}
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param version the version the node must have, or -1 for any
     */
    public Mono<Void> delete(String path, int version) {
        return mono(() -> client.deleteAsync(path, version));
    }

    /**
     * {@return {@link KazooClient#deleteAsync(String, int, boolean)}: with {@code recursive}, the whole subtree}
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param version the version the node must have, or -1 for any
     * @param recursive whether to delete the node's descendants first
     */
    public Mono<Void> delete(String path, int version, boolean recursive) {
        return mono(() -> client.deleteAsync(path, version, recursive));
    }

    /**
     * {@return {@link KazooClient#syncAsync}: the path, once the server caught up with the leader}
     *
     * @param path the node's absolute path (below the chroot, if any)
     */
    public Mono<String> sync(String path) {
        return mono(() -> client.syncAsync(path));
    }

    /**
     * Builds a new transaction with {@code body} and commits it, at each subscription; the results
     * as {@link Transaction#commitAsync()} (a transaction that failed is still a value, as in
     * Kazoo: each operation's exception in its place). A throw from {@code body} is the error,
     * and nothing is sent.
     *
     * @param body adds operations to the transaction
     * @return each operation's result, or its exception, in order
     */
    public Mono<List<Object>> inTransaction(Consumer<Transaction> body) {
        Objects.requireNonNull(body, "body");
        return mono(() -> {
            Transaction tx = client.transaction();
            body.accept(tx);
            return tx.commitAsync();
        });
    }

    /**
     * {@return {@link KazooClient#multiReadAsync}: each read's value or exception, in order}
     *
     * @param reads the reads, in order
     */
    public Mono<List<Object>> multiRead(List<ReadOp> reads) {
        return mono(() -> client.multiReadAsync(reads));
    }

    /**
     * {@return {@link KazooClient#getEphemeralsAsync}: this session's ephemeral nodes under {@code prefix}}
     *
     * @param prefix a path prefix, {@code "/"} for all
     */
    public Mono<List<String>> getEphemerals(String prefix) {
        return mono(() -> client.getEphemeralsAsync(prefix));
    }

    /**
     * {@return {@link KazooClient#getAllChildrenNumberAsync}: how many descendants {@code path} has}
     *
     * @param path the node's absolute path (below the chroot, if any)
     */
    public Mono<Integer> getAllChildrenNumber(String path) {
        return mono(() -> client.getAllChildrenNumberAsync(path));
    }

    /** {@return {@link KazooClient#whoAmIAsync}: the identities the server knows this session by} */
    public Mono<List<ClientInfo>> whoAmI() {
        return mono(client::whoAmIAsync);
    }

    /** {@return {@link KazooClient#getConfigAsync}: the ensemble's configuration node} */
    public Mono<NodeData> getConfig() {
        return mono(() -> client.getConfigAsync(null));
    }

    /**
     * {@return {@link KazooClient#reconfigAsync}: the new configuration}
     *
     * @param joining servers to add, as {@code server.N=host:port:port[:role];clientPort}, comma-separated, or null
     * @param leaving server ids to remove, comma-separated, or null
     * @param newMembers the whole new membership, or null for an incremental change
     * @param fromConfig the configuration version to change, or -1 for any
     */
    public Mono<NodeData> reconfig(String joining, String leaving, String newMembers, long fromConfig) {
        return mono(() -> client.reconfigAsync(joining, leaving, newMembers, fromConfig));
    }

    /**
     * {@return {@link KazooClient#addAuthAsync(String, String)}: true once the server accepted it}
     *
     * @param scheme the authentication scheme, such as {@code digest}
     * @param credential the credential in that scheme's format
     */
    public Mono<Boolean> addAuth(String scheme, String credential) {
        return mono(() -> client.addAuthAsync(scheme, credential));
    }

    /**
     * {@return {@link KazooClient#commandAsync}: a four-letter word's answer from the connected server}
     *
     * @param word the four-letter word
     */
    public Mono<String> command(String word) {
        return mono(() -> client.commandAsync(word));
    }

    // ------------------------------------------------------------------ streams

    /**
     * {@return the client's {@link KazooState} now, then every change (CONNECTED, SUSPENDED, LOST), never the
     * same state twice in a row} It does not complete; an event stream.
     */
    public Flux<KazooState> states() {
        return streams.events("state stream", (sink, next) -> {
            KazooState[] last = new KazooState[1]; // touched only on the handler thread
            KazooStateListener listener = state -> {
                if (state != last[0]) {
                    last[0] = state;
                    next.accept(state);
                }
            };
            client.addListener(listener);
            sink.onDispose(() -> client.removeListener(listener));
            // Read after the listener is in and on the handler, so no change slips between them.
            client.handler().dispatch(() -> listener.stateChanged(client.state()));
        });
    }

    /**
     * A persistent watch on {@code path} ({@link KazooClient#addWatchAsync}; ZooKeeper 3.6+): every
     * event, from the moment the server registered it, for as long as the subscription lasts. It
     * survives connection loss (re-registered on reconnect, so changes made after the reconnect are
     * all seen) and session expiry (re-added, then an {@code EventType.NONE} event says changes may
     * have been missed). Cancelling removes this subscription's watcher; the server's watch goes
     * with the last one. Fails with the add's exception (e.g. {@code UnimplementedException} on
     * ZooKeeper 3.5). An event stream; it does not complete.
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @param mode {@link AddWatchMode#PERSISTENT} or {@link AddWatchMode#PERSISTENT_RECURSIVE}
     * @return the watch's events
     */
    public Flux<WatchedEvent> watch(String path, AddWatchMode mode) {
        Objects.requireNonNull(mode, "mode");
        return streams.events("watch on " + path, (sink, next) -> {
            Watcher watcher = next::accept;
            AsyncResult<Void> added = client.addWatchAsync(path, mode, watcher);
            added.rawlink(r -> {
                if (!r.successful()) {
                    sink.error(r.exception());
                }
            });
            // Removed once added, however late the cancel: a watch added after it would leak.
            sink.onDispose(() -> added.rawlink(r -> {
                if (r.successful()) {
                    client.removeWatchesAsync(path, watcher, mode.watcherType());
                }
            }));
        });
    }

    /**
     * Kazoo's DataWatch as a stream: the node's data and stat now, then after every change, as
     * {@code Optional.of(NodeData)}; {@code Optional.empty()} while the node does not exist. A
     * deleted node is an element, not the end: the stream goes on and reports the node if it is
     * created again. Values are de-duplicated by the node's version and re-read after reconnects.
     * Conflated (a slow subscriber gets the newest value); fails if the first read fails (e.g.
     * {@code NoAuthException}); does not complete.
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @return the node's data, now and after every change
     */
    public Flux<Optional<NodeData>> data(String path) {
        return streams.conflated(sink -> {
            DataWatch watch = recipes.dataWatch(path, (data, stat, event) -> {
                sink.next(stat == null ? Optional.empty() : Optional.of(new NodeData(data, stat)));
                return true;
            });
            Streams.follow(watch.initialized(), watch.ended(), watch::close, sink);
        });
    }

    /**
     * Kazoo's ChildrenWatch as a stream: the child names of {@code path} now, then after every
     * change. The node must exist: the stream fails with {@code NoNodeException} if it does not,
     * and completes when the node is deleted (as Kazoo's ChildrenWatch stops then). De-duplicated by
     * the children's version, re-read after reconnects, conflated (a slow subscriber gets the
     * newest list).
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @return the child names, now and after every change
     */
    public Flux<List<String>> children(String path) {
        return streams.conflated(sink -> {
            ChildrenWatch watch = recipes.childrenWatch(path, (children, event) -> {
                sink.next(children);
                return true;
            });
            Streams.follow(watch.initialized(), watch.ended(), watch::close, sink);
        });
    }

    /**
     * The events of a {@link TreeCache} of the subtree at {@code path}, started at subscription and
     * closed when it ends: a {@code NODE_ADDED} for every node present, {@code INITIALIZED}, then
     * every change and the connection events, as the cache's listeners get them. Fails if the
     * initial load fails. An event stream; it does not complete.
     *
     * @param path the node's absolute path (below the chroot, if any)
     * @return the cache's events
     */
    public Flux<TreeEvent> treeCache(String path) {
        return streams.events("tree cache of " + path, (sink, next) -> {
            TreeCache cache = recipes.treeCache(path);
            cache.listen(next);
            sink.onDispose(cache::close);
            cache.start().rawlink(r -> {
                if (!r.successful()) {
                    sink.error(r.exception());
                }
            });
        });
    }

    /**
     * A cold {@code Mono} of the result {@code call} makes at each subscription; cancelling cancels
     * the result, so a request still queued is dropped before it is sent.
     */
    static <T> Mono<T> mono(Supplier<? extends AsyncResult<T>> call) {
        return Mono.create(sink -> {
            AsyncResult<T> result = call.get();
            Consumer<AsyncResult<T>> relay = r -> {
                Throwable error = r.exception();
                if (error != null) {
                    sink.error(error);
                } else {
                    sink.success(r.value());
                }
            };
            sink.onCancel(() -> {
                result.unlink(relay);
                result.cancel(false);
            });
            result.rawlink(relay);
        });
    }

    @Override
    public String toString() {
        return "ReactiveKazooClient{" + client + "}";
    }
}
