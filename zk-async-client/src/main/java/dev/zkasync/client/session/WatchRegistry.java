package dev.zkasync.client.session;

import dev.zkasync.client.EventType;
import dev.zkasync.client.Watcher;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The session's one-shot watches, keyed by server (chrooted) path, as ZooKeeper keeps them: data
 * watches, exist watches (on nodes that did not exist) and child watches. The same watcher on the
 * same path and kind is held once. Confined to the session's event loop.
 */
final class WatchRegistry {
    private final Map<String, Set<Watcher>> data = new HashMap<>();
    private final Map<String, Set<Watcher>> exist = new HashMap<>();
    private final Map<String, Set<Watcher>> child = new HashMap<>();

    void addData(String path, Watcher w) {
        data.computeIfAbsent(path, p -> new LinkedHashSet<>(2)).add(w);
    }

    void addExist(String path, Watcher w) {
        exist.computeIfAbsent(path, p -> new LinkedHashSet<>(2)).add(w);
    }

    void addChild(String path, Watcher w) {
        child.computeIfAbsent(path, p -> new LinkedHashSet<>(2)).add(w);
    }

    /**
     * Removes and returns the watchers an event fires: created and changed fire data and exist
     * watches; deleted fires all three kinds; a child change fires child watches.
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
                // Other types carry nothing one-shot watches wait for.
            }
        }
        return fired;
    }

    private static void take(Map<String, Set<Watcher>> kind, String path, List<Watcher> into) {
        Set<Watcher> watchers = kind.remove(path);
        if (watchers != null) {
            for (Watcher w : watchers) {
                if (!into.contains(w)) {
                    into.add(w);
                }
            }
        }
    }

    /** Removes and returns every watcher (the session ended: each gets one NONE event). */
    List<Watcher> drainAll() {
        Set<Watcher> all = new LinkedHashSet<>();
        data.values().forEach(all::addAll);
        exist.values().forEach(all::addAll);
        child.values().forEach(all::addAll);
        data.clear();
        exist.clear();
        child.clear();
        return new ArrayList<>(all);
    }

    boolean isEmpty() {
        return data.isEmpty() && exist.isEmpty() && child.isEmpty();
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
