package dev.zkasync.benchmarks.scale;

import dev.zkasync.client.KazooClient;
import dev.zkasync.client.exception.NodeExistsException;
import dev.zkasync.client.handler.AsyncResult;

import java.util.ArrayList;
import java.util.List;

/**
 * A tree of {@code size} znodes of 100 bytes in at most 10 levels: node {@code i > 0} is a child of
 * node {@code (i - 1) / fanout}, the fan-out the smallest that fits the tree in 10 levels (4 for
 * 100,000 nodes). Node 0 is the root.
 */
final class ZnodeTree {
    static final int LEVELS = 10;
    static final int DATA_BYTES = 100;
    /** Requests outstanding while creating: enough to pipeline, few enough for the server's queue. */
    private static final int CREATE_WINDOW = 500;

    private final String[] paths;
    private final int fanout;

    ZnodeTree(String root, int size) {
        this.fanout = fanout(size);
        this.paths = new String[size];
        paths[0] = root;
        for (int i = 1; i < size; i++) {
            paths[i] = paths[(i - 1) / fanout] + "/n" + i;
        }
    }

    private static int fanout(int size) {
        for (int b = 2; ; b++) {
            long total = 0;
            long level = 1;
            for (int k = 0; k < LEVELS && total < size; k++) {
                total += level;
                level *= b;
            }
            if (total >= size) {
                return b;
            }
        }
    }

    int size() {
        return paths.length;
    }

    String root() {
        return paths[0];
    }

    String path(int i) {
        return paths[i];
    }

    /** The depth of the deepest node, the root's being 1. */
    int levels() {
        return paths[paths.length - 1].split("/").length - paths[0].split("/").length + 1;
    }

    /**
     * Creates every node that is missing, parents first. Requests on one session are served in order,
     * so a child may be sent before its parent's reply is in.
     */
    void create(KazooClient zk) {
        String parent = paths[0].substring(0, paths[0].lastIndexOf('/'));
        if (!parent.isEmpty()) {
            zk.ensurePath(parent);
        }
        byte[] data = new byte[DATA_BYTES];
        List<AsyncResult<String>> window = new ArrayList<>(CREATE_WINDOW);
        for (int i = 0; i < paths.length; i++) {
            window.add(zk.createAsync(paths[i], data));
            if (window.size() == CREATE_WINDOW || i == paths.length - 1) {
                for (AsyncResult<String> r : window) {
                    try {
                        r.get();
                    } catch (NodeExistsException e) {
                        // from an earlier scenario on the same server
                    }
                }
                window.clear();
            }
        }
    }
}
