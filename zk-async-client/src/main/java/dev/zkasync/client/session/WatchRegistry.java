package dev.zkasync.client.session;

import dev.zkasync.client.watch.WatchCounts;

import dev.zkasync.client.watch.EventType;
import dev.zkasync.client.watch.WatcherType;
import dev.zkasync.client.watch.Watcher;
import io.netty.channel.EventLoop;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The session's watches, keyed by server (chrooted) path, as ZooKeeper keeps them: one-shot data,
 * exist and child watches, and persistent and persistent-recursive ones. Several local watchers on
 * one path and kind share the one server-side watch; the server watch is only removed when the last
 * of them goes (ZOOKEEPER-1910). Confined to the session's event loop.
 */
final class WatchRegistry {
    /** A kind no watch was ever added to: most sessions watch little, and an empty map costs 48-64 B. */
    private static final Map<String, Object> NONE = Collections.emptyMap();

    // A path's watchers of one kind: the watcher itself (most paths have one), or a Many.
    private Map<String, Object> data = NONE;
    private Map<String, Object> exist = NONE;
    private Map<String, Object> child = NONE;
    private Map<String, Object> persistent = NONE;
    private Map<String, Object> recursive = NONE;

    /** Two or more watchers on one path and kind, in the order they came. */
    private static final class Many extends LinkedHashSet<Watcher> {
        Many(Watcher first, Watcher second) {
            super(4);
            add(first);
            add(second);
        }
    }

    void addData(String path, Watcher w) {
        data = add(data, false, path, w);
    }

    void addExist(String path, Watcher w) {
        exist = add(exist, false, path, w);
    }

    void addChild(String path, Watcher w) {
        child = add(child, false, path, w);
    }

    void addPersistent(String path, Watcher w, boolean isRecursive) {
        if (isRecursive) {
            recursive = add(recursive, true, path, w);
        } else {
            persistent = add(persistent, true, path, w);
        }
    }

    /**
     * The watchers held, by kind, counted on {@code loop} (this registry is confined to it): a hop
     * and a wait of at most a second, for diagnostics, never for requests.
     */
    WatchCounts countOn(EventLoop loop) {
        if (loop.inEventLoop()) {
            return counts();
        }
        try {
            return loop.submit(this::counts).get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return WatchCounts.NONE;
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            return WatchCounts.NONE;
        }
    }

    private WatchCounts counts() {
        return new WatchCounts(count(data), count(exist), count(child), count(persistent), count(recursive));
    }

    private static int count(Map<String, Object> kind) {
        int n = 0;
        for (Object watchers : kind.values()) {
            n += watchers instanceof Many many ? many.size() : 1;
        }
        return n;
    }

    /** Adds {@code w}, making the kind's map on its first watch; returns the map to keep. */
    private static Map<String, Object> add(Map<String, Object> kind, boolean ordered, String path, Watcher w) {
        if (kind == NONE) {
            kind = ordered ? new LinkedHashMap<>() : new HashMap<>();
        }
        kind.merge(path, w, (old, added) -> {
            if (old instanceof Many many) {
                many.add(w);
                return many;
            }
            return w.equals(old) ? old : new Many((Watcher) old, w);
        });
        return kind;
    }

    /** Adds the watchers of one path and kind ({@code watchers}: null, one, or a Many) to {@code into}. */
    private static void addTo(Object watchers, Collection<Watcher> into) {
        if (watchers instanceof Many many) {
            into.addAll(many);
        } else if (watchers != null) {
            into.add((Watcher) watchers);
        }
    }

    /**
     * The watchers an event fires. One-shot ones are removed: created and changed fire data and
     * exist watches, deleted fires all three kinds, a child change fires child watches. Persistent
     * watches on the path fire for every type; recursive ones on the path or any ancestor fire for
     * created, changed and deleted, never for a child change.
     */
    List<Watcher> materialize(EventType type, String path) {
        List<Watcher> fired = new ArrayList<>(2);
        switch (type) {
            case CREATED, CHANGED -> {
                take(data, path, fired);
                take(exist, path, fired);
            }
            case DELETED -> {
                take(data, path, fired);
                take(exist, path, fired);
                take(child, path, fired);
            }
            case CHILD -> take(child, path, fired);
            default -> {
                return fired;
            }
        }
        copy(persistent.get(path), fired);
        if (type != EventType.CHILD && !recursive.isEmpty()) {
            for (String p = path; p != null; p = parent(p)) {
                copy(recursive.get(p), fired);
            }
        }
        return fired;
    }

    private static String parent(String path) {
        if (path.equals("/")) {
            return null;
        }
        int slash = path.lastIndexOf('/');
        return slash == 0 ? "/" : path.substring(0, slash);
    }

    private static void take(Map<String, Object> kind, String path, List<Watcher> into) {
        copy(kind.remove(path), into);
    }

    private static void copy(Object watchers, List<Watcher> into) {
        if (watchers instanceof Many many) {
            for (Watcher w : many) {
                copy(w, into);
            }
        } else if (watchers != null && !into.contains(watchers)) {
            into.add((Watcher) watchers);
        }
    }

    /**
     * Removes {@code watcher} (or every watcher, when null) of {@code type} on {@code path}.
     *
     * @return the removed watchers, and whether the server's watch of that type must go too (no
     *         local watcher of the type is left on the path)
     */
    Removal remove(String path, Watcher watcher, WatcherType type) {
        List<Watcher> removed = new ArrayList<>();
        boolean lastGone = true;
        for (Map<String, Object> kind : kinds(type)) {
            Object watchers = kind.get(path);
            if (watchers == null) {
                continue;
            }
            if (watcher == null) {
                addTo(watchers, removed);
                kind.remove(path);
            } else if (watchers instanceof Many many) {
                if (many.remove(watcher)) {
                    removed.add(watcher);
                    if (many.size() == 1) {
                        kind.put(path, many.iterator().next());
                    }
                }
            } else if (watcher.equals(watchers)) {
                removed.add(watcher);
                kind.remove(path);
            }
            if (kind.containsKey(path)) {
                lastGone = false;
            }
        }
        return new Removal(removed, lastGone);
    }

    record Removal(List<Watcher> removed, boolean serverWatchGone) {
    }

    private List<Map<String, Object>> kinds(WatcherType type) {
        return switch (type) {
            case CHILDREN -> List.of(child);
            case DATA -> List.of(data, exist);
            case ANY -> List.of(data, exist, child);
            case PERSISTENT -> List.of(persistent);
            case PERSISTENT_RECURSIVE -> List.of(recursive);
        };
    }

    /** Removes and returns every one-shot watcher (the session ended: each gets one NONE event). */
    List<Watcher> drainOneShot() {
        Set<Watcher> all = new LinkedHashSet<>();
        data.values().forEach(w -> addTo(w, all));
        exist.values().forEach(w -> addTo(w, all));
        child.values().forEach(w -> addTo(w, all));
        data.clear();
        exist.clear();
        child.clear();
        return new ArrayList<>(all);
    }

    /** Removes and returns every watcher, persistent ones included (the client stopped). */
    List<Watcher> drainAll() {
        Set<Watcher> all = new LinkedHashSet<>(drainOneShot());
        persistent.values().forEach(w -> addTo(w, all));
        recursive.values().forEach(w -> addTo(w, all));
        persistent.clear();
        recursive.clear();
        return new ArrayList<>(all);
    }

    /** Every persistent and recursive watcher, once each. */
    List<Watcher> persistentWatchers() {
        Set<Watcher> all = new LinkedHashSet<>();
        persistent.values().forEach(w -> addTo(w, all));
        recursive.values().forEach(w -> addTo(w, all));
        return new ArrayList<>(all);
    }

    boolean isEmpty() {
        return data.isEmpty() && exist.isEmpty() && child.isEmpty() && persistent.isEmpty() && recursive.isEmpty();
    }

    /**
     * The watched paths by kind, in SetWatches2's order: data, exist, child, persistent, recursive.
     * Live read-only views: use them before the registry changes.
     */
    List<Set<String>> pathsByKind() {
        return List.of(Collections.unmodifiableSet(data.keySet()), Collections.unmodifiableSet(exist.keySet()),
                Collections.unmodifiableSet(child.keySet()), Collections.unmodifiableSet(persistent.keySet()),
                Collections.unmodifiableSet(recursive.keySet()));
    }

    List<String> dataPaths() {
        return new ArrayList<>(data.keySet());
    }

    List<String> existPaths() {
        return new ArrayList<>(exist.keySet());
    }

    List<String> childPaths() {
        return new ArrayList<>(child.keySet());
    }
}
