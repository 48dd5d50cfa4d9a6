package dev.zkasync.spring.boot.config;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import dev.zkasync.client.recipe.CachedNode;
import dev.zkasync.client.recipe.TreeCache;
import dev.zkasync.client.recipe.TreeEvent;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.EnumerablePropertySource;

/**
 * The properties of one context node, read from a {@link TreeCache} of its subtree. Lookups read
 * an immutable snapshot; the snapshot is rebuilt on the client's handler thread when the cache
 * reports a change, and the keys whose value changed are handed on.
 *
 * <p>The mapping is Spring Cloud Zookeeper's: a node's path below the context, with {@code /} as
 * {@code .}, is its key; a node with data is a key (its children too); a node without data is a key
 * with the empty value only when it has no children. Data is UTF-8; a node that is not valid UTF-8
 * is skipped with a warning that names it (never its data).
 */
final class ZkAsyncPropertySource extends EnumerablePropertySource<TreeCache> {

    private final String context;

    private final Log logger;

    private final Consumer<Set<String>> onChange;

    /** The nodes already reported as not UTF-8, with the data version reported. */
    private final Map<String, Long> reportedInvalid = new ConcurrentHashMap<>();

    private volatile Map<String, String> values = Map.of();

    private volatile boolean loaded;

    ZkAsyncPropertySource(String context, TreeCache cache, Log logger, Consumer<Set<String>> onChange) {
        super("zk-async:" + context, cache);
        this.context = context;
        this.logger = logger;
        this.onChange = onChange;
        cache.listen(this::onEvent);
    }

    /** The context node this source reads. */
    String getContext() {
        return this.context;
    }

    @Override
    public String[] getPropertyNames() {
        return this.values.keySet().toArray(String[]::new);
    }

    @Override
    public @Nullable Object getProperty(String name) {
        return this.values.get(name);
    }

    @Override
    public boolean containsProperty(String name) {
        return this.values.containsKey(name);
    }

    private void onEvent(TreeEvent event) {
        switch (event.type()) {
            case INITIALIZED -> this.loaded = true;
            case NODE_ADDED, NODE_UPDATED, NODE_REMOVED -> {
                if (!this.loaded) {
                    // the initial load reports every node; one rebuild at INITIALIZED is enough
                    return;
                }
            }
            default -> {
                return;
            }
        }
        Set<String> changed = reload();
        if (!changed.isEmpty()) {
            this.onChange.accept(changed);
        }
    }

    /**
     * Rebuilds the snapshot from the cache.
     * @return the keys added, removed or given another value
     */
    synchronized Set<String> reload() {
        Map<String, String> next = new LinkedHashMap<>();
        collect(this.context, next);
        Map<String, String> previous = this.values;
        Set<String> changed = new HashSet<>();
        next.forEach((key, value) -> {
            if (!value.equals(previous.get(key))) {
                changed.add(key);
            }
        });
        previous.keySet().stream().filter((key) -> !next.containsKey(key)).forEach(changed::add);
        this.values = Collections.unmodifiableMap(next);
        return changed;
    }

    private void collect(String path, Map<String, String> out) {
        Set<String> children = getSource().getChildren(path);
        if (children == null) {
            return;
        }
        for (String child : new TreeSet<>(children)) {
            String childPath = path.equals("/") ? "/" + child : path + "/" + child;
            CachedNode node = getSource().getData(childPath);
            if (node == null) {
                continue;
            }
            Set<String> grandChildren = getSource().getChildren(childPath);
            byte[] data = node.data();
            if (data != null && data.length > 0) {
                String value = decode(node);
                if (value != null) {
                    out.put(key(childPath), value);
                }
            }
            else if (grandChildren == null || grandChildren.isEmpty()) {
                out.put(key(childPath), "");
            }
            collect(childPath, out);
        }
    }

    private String key(String path) {
        int prefix = this.context.equals("/") ? 1 : this.context.length() + 1;
        return path.substring(prefix).replace('/', '.');
    }

    private @Nullable String decode(CachedNode node) {
        try {
            String value = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(node.data()))
                .toString();
            this.reportedInvalid.remove(node.path());
            return value;
        }
        catch (CharacterCodingException ex) {
            long version = node.stat().mzxid();
            if (!Objects.equals(this.reportedInvalid.put(node.path(), version), version)) {
                this.logger.warn("Skipping ZooKeeper node " + node.path() + " in " + getName()
                        + ": its data is not valid UTF-8");
            }
            return null;
        }
    }

}
