package dev.zkasync.client.recipe;

import dev.zkasync.client.data.NodeData;
import dev.zkasync.client.data.Stat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The tree a cache holds, kept small: one {@link Node} per znode, linked to its parent and
 * children, and one byte array holding its name (not its path), its stat (variable-length, zxids
 * and times as deltas) and its data. {@link CachedNode} and {@link Stat} are built when asked for.
 * Paths are found by walking from the root. Not thread-safe: {@link CacheBase} guards it.
 */
final class NodeStore {
    /** Up to this many children are kept in a packed array searched in order; more, in a hash table. */
    static final int SMALL = 8;

    private final String root;
    /** What every path below the root starts with, and its UTF-8 length. */
    private final String prefix;
    private final int prefixBytes;
    private Node top;
    private int size;

    /** A cached znode. */
    static final class Node {
        Node parent;
        /** Null, a packed {@code Node[]} of at most {@link #SMALL}, or a {@link Table}. */
        Object children;
        /** Name, stat and data; see {@link NodeStore#encode}. */
        byte[] blob;

        Node(Node parent, byte[] blob) {
            this.parent = parent;
            this.blob = blob;
        }
    }

    /** Open addressing with linear probing, at most half full. */
    private static final class Table {
        Node[] slots;
        int size;

        Table(int capacity) {
            slots = new Node[capacity];
        }
    }

    NodeStore(String root) {
        this.root = root;
        this.prefix = root.equals("/") ? "/" : root + "/";
        this.prefixBytes = prefix.getBytes(StandardCharsets.UTF_8).length;
    }

    int size() {
        return size;
    }

    void clear() {
        top = null;
        size = 0;
    }

    /** {@return the node at {@code path} (in the cached tree), or null} */
    Node find(String path) {
        if (top == null || path.equals(root)) {
            return top;
        }
        if (!path.startsWith(prefix)) {
            return null;
        }
        byte[] p = path.getBytes(StandardCharsets.UTF_8);
        Node node = top;
        int from = prefixBytes;
        while (node != null && from <= p.length) {
            int to = from;
            while (to < p.length && p[to] != '/') {
                to++;
            }
            node = child(node, p, from, to);
            from = to + 1;
        }
        return node;
    }

    /** {@return the child of {@code parent} named by the last segment of {@code path}, or null} */
    static Node child(Node parent, String path) {
        byte[] name = path.substring(path.lastIndexOf('/') + 1).getBytes(StandardCharsets.UTF_8);
        return child(parent, name, 0, name.length);
    }

    /**
     * Adds the node at {@code path}, a child of {@code parent} (null for the root), which must not
     * have it yet.
     */
    Node add(Node parent, String path, NodeData nd) {
        byte[] name = parent == null ? new byte[0]
                : path.substring(path.lastIndexOf('/') + 1).getBytes(StandardCharsets.UTF_8);
        Node node = new Node(parent, encode(name, nd.data(), nd.stat()));
        if (parent == null) {
            top = node;
        } else {
            insert(parent, node);
        }
        size++;
        return node;
    }

    /** Replaces the node's data and stat. */
    void set(Node node, NodeData nd) {
        Reader r = new Reader(node.blob);
        int length = r.varInt();
        node.blob = encode(Arrays.copyOfRange(node.blob, r.pos, r.pos + length), nd.data(), nd.stat());
    }

    /** {@return the node as callers see it: its data copied, its stat built} */
    static CachedNode view(String path, Node node) {
        byte[] b = node.blob;
        Reader r = new Reader(b);
        r.skipName();
        boolean nullData = b[r.pos] == 1;
        Stat stat = r.stat();
        return new CachedNode(path, nullData ? null : Arrays.copyOfRange(b, r.pos, b.length), stat);
    }

    static long mzxid(Node node) {
        Reader r = new Reader(node.blob);
        r.skipName();
        r.pos++; // flags
        long czxid = r.varLong();
        return czxid + unzig(r.varLong());
    }

    static long czxid(Node node) {
        Reader r = new Reader(node.blob);
        r.skipName();
        r.pos++;
        return r.varLong();
    }

    /** {@return the node's children names, in name order} */
    static List<String> childNames(Node node) {
        List<String> names = new ArrayList<>();
        for (Named c : sorted(node)) {
            names.add(c.name);
        }
        return names;
    }

    private record Named(String name, Node node) {
    }

    private static List<Named> sorted(Node node) {
        List<Named> out = new ArrayList<>();
        forEachChild(node, c -> out.add(new Named(name(c), c)));
        out.sort(Comparator.comparing(Named::name));
        return out;
    }

    static String name(Node node) {
        Reader r = new Reader(node.blob);
        int length = r.varInt();
        return new String(node.blob, r.pos, length, StandardCharsets.UTF_8);
    }

    /** Every cached path, each node before its children, children in name order. */
    List<String> paths() {
        List<String> out = new ArrayList<>(size);
        if (top != null) {
            collect(root, top, out);
        }
        return out;
    }

    private static void collect(String path, Node node, List<String> out) {
        out.add(path);
        for (Named c : sorted(node)) {
            collect(Recipes.join(path, c.name), c.node, out);
        }
    }

    /**
     * Removes {@code node} (at {@code path}) and its descendants, telling {@code removed} of each
     * as it was, descendants before their parent, siblings in name order.
     */
    void remove(String path, Node node, Consumer<CachedNode> removed) {
        removeBelow(path, node, removed);
        if (node.parent == null) {
            top = null;
        } else {
            detach(node.parent, node);
        }
    }

    private void removeBelow(String path, Node node, Consumer<CachedNode> removed) {
        for (Named c : sorted(node)) {
            removeBelow(Recipes.join(path, c.name), c.node, removed);
        }
        node.children = null;
        size--;
        removed.accept(view(path, node));
    }

    // ------------------------------------------------------------------ children

    private static void forEachChild(Node node, Consumer<Node> action) {
        if (node.children instanceof Node[] packed) {
            for (Node c : packed) {
                action.accept(c);
            }
        } else if (node.children instanceof Table t) {
            for (Node c : t.slots) {
                if (c != null) {
                    action.accept(c);
                }
            }
        }
    }

    /** The child named by {@code p[from, to)}, or null. */
    private static Node child(Node parent, byte[] p, int from, int to) {
        if (parent.children instanceof Node[] packed) {
            for (Node c : packed) {
                if (hasName(c, p, from, to)) {
                    return c;
                }
            }
        } else if (parent.children instanceof Table t) {
            int mask = t.slots.length - 1;
            for (int i = hash(p, from, to) & mask; t.slots[i] != null; i = (i + 1) & mask) {
                if (hasName(t.slots[i], p, from, to)) {
                    return t.slots[i];
                }
            }
        }
        return null;
    }

    private static void insert(Node parent, Node node) {
        if (parent.children == null) {
            parent.children = new Node[] {node};
        } else if (parent.children instanceof Node[] packed && packed.length < SMALL) {
            Node[] grown = Arrays.copyOf(packed, packed.length + 1);
            grown[packed.length] = node;
            parent.children = grown;
        } else {
            Table t;
            if (parent.children instanceof Node[] packed) {
                t = new Table(4 * SMALL);
                for (Node c : packed) {
                    put(t, c);
                }
                parent.children = t;
            } else {
                t = (Table) parent.children;
            }
            if (2 * (t.size + 1) > t.slots.length) {
                Node[] old = t.slots;
                t.slots = new Node[old.length * 2];
                t.size = 0;
                for (Node c : old) {
                    if (c != null) {
                        put(t, c);
                    }
                }
            }
            put(t, node);
        }
    }

    private static void put(Table t, Node node) {
        int mask = t.slots.length - 1;
        int i = hash(node) & mask;
        while (t.slots[i] != null) {
            i = (i + 1) & mask;
        }
        t.slots[i] = node;
        t.size++;
    }

    private static void detach(Node parent, Node node) {
        if (parent.children instanceof Node[] packed) {
            int at = Arrays.asList(packed).indexOf(node);
            if (packed.length == 1) {
                parent.children = null;
            } else if (at >= 0) {
                Node[] shrunk = new Node[packed.length - 1];
                System.arraycopy(packed, 0, shrunk, 0, at);
                System.arraycopy(packed, at + 1, shrunk, at, packed.length - at - 1);
                parent.children = shrunk;
            }
        } else if (parent.children instanceof Table t) {
            Node[] s = t.slots;
            int mask = s.length - 1;
            int i = hash(node) & mask;
            while (s[i] != null && s[i] != node) {
                i = (i + 1) & mask;
            }
            if (s[i] == null) {
                return;
            }
            s[i] = null;
            t.size--;
            // Shift later entries of the run back so every probe still finds them.
            for (int j = (i + 1) & mask; s[j] != null; j = (j + 1) & mask) {
                int home = hash(s[j]) & mask;
                if (((j - home) & mask) >= ((j - i) & mask)) {
                    s[i] = s[j];
                    s[j] = null;
                    i = j;
                }
            }
            if (t.size <= SMALL / 2) {
                Node[] packed = new Node[t.size];
                int k = 0;
                for (Node c : s) {
                    if (c != null) {
                        packed[k++] = c;
                    }
                }
                parent.children = packed;
            }
        }
    }

    private static boolean hasName(Node node, byte[] p, int from, int to) {
        byte[] b = node.blob;
        Reader r = new Reader(b);
        int length = r.varInt();
        return Arrays.equals(b, r.pos, r.pos + length, p, from, to);
    }

    private static int hash(Node node) {
        Reader r = new Reader(node.blob);
        int length = r.varInt();
        return hash(node.blob, r.pos, r.pos + length);
    }

    private static int hash(byte[] b, int from, int to) {
        int h = 1;
        for (int i = from; i < to; i++) {
            h = 31 * h + b[i];
        }
        return h ^ (h >>> 16);
    }

    // ------------------------------------------------------------------ the blob

    /*
     * Layout: name length (varint), name (UTF-8), flags (1: data is null), then as varints czxid,
     * mzxid - czxid, ctime, mtime - ctime, version, cversion, aversion, ephemeralOwner, dataLength,
     * numChildren, pzxid - czxid (signed ones zigzag-encoded), then the data to the end.
     */
    static byte[] encode(byte[] name, byte[] data, Stat s) {
        long[] fields = fields(s);
        int length = varSize(name.length) + name.length + 1 + (data == null ? 0 : data.length);
        for (long f : fields) {
            length += varSize(f);
        }
        byte[] b = new byte[length];
        int pos = putVar(b, 0, name.length);
        System.arraycopy(name, 0, b, pos, name.length);
        pos += name.length;
        b[pos++] = (byte) (data == null ? 1 : 0);
        for (long f : fields) {
            pos = putVar(b, pos, f);
        }
        if (data != null) {
            System.arraycopy(data, 0, b, pos, data.length);
        }
        return b;
    }

    private static long[] fields(Stat s) {
        return new long[] {s.czxid(), zig(s.mzxid() - s.czxid()), zig(s.ctime()), zig(s.mtime() - s.ctime()),
                zig(s.version()), zig(s.cversion()), zig(s.aversion()), zig(s.ephemeralOwner()),
                zig(s.dataLength()), zig(s.numChildren()), zig(s.pzxid() - s.czxid())};
    }

    private static long zig(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unzig(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    private static int varSize(long v) {
        int n = 1;
        while ((v & ~0x7FL) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    private static int putVar(byte[] b, int pos, long v) {
        while ((v & ~0x7FL) != 0) {
            b[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b[pos++] = (byte) v;
        return pos;
    }

    /** Reads a blob front to back. */
    private static final class Reader {
        final byte[] b;
        int pos;

        Reader(byte[] b) {
            this.b = b;
        }

        long varLong() {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                byte x = b[pos++];
                v |= (long) (x & 0x7F) << shift;
                if (x >= 0) {
                    return v;
                }
            }
        }

        int varInt() {
            return (int) varLong();
        }

        void skipName() {
            int length = varInt();
            pos += length;
        }

        /** After the name: the flags and the stat. */
        Stat stat() {
            pos++;
            long czxid = varLong();
            long mzxid = czxid + unzig(varLong());
            long ctime = unzig(varLong());
            long mtime = ctime + unzig(varLong());
            int version = (int) unzig(varLong());
            int cversion = (int) unzig(varLong());
            int aversion = (int) unzig(varLong());
            long owner = unzig(varLong());
            int dataLength = (int) unzig(varLong());
            int numChildren = (int) unzig(varLong());
            long pzxid = czxid + unzig(varLong());
            return new Stat(czxid, mzxid, ctime, mtime, version, cversion, aversion, owner, dataLength,
                    numChildren, pzxid);
        }
    }
}
