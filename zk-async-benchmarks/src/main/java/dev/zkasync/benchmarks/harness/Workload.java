package dev.zkasync.benchmarks.harness;

import java.util.Arrays;
import java.util.List;

/** What a trial does. Ids are stable: they are the CSV's keys. */
public enum Workload {
    GET_1("get-1", Kind.GET, 1, "async getData, 100 B, 1 outstanding"),
    GET_16("get-16", Kind.GET, 16, "async getData, 100 B, 16 outstanding"),
    GET_256("get-256", Kind.GET, 256, "async getData, 100 B, 256 outstanding"),
    GET_1024("get-1024", Kind.GET, 1024, "async getData, 100 B, 1024 outstanding"),
    SET_256("set-256", Kind.SET, 256, "async setData, 100 B, 256 outstanding"),
    CREATE_DELETE_256("create-delete-256", Kind.CREATE_DELETE, 256,
            "async create (ephemeral sequential, 100 B) then delete, 256 outstanding; each request is an op"),
    SYNC_GET("sync-get", Kind.SYNC_GET, 1, "blocking getData round trips, 100 B, 1 thread"),
    CONNECT("connect", Kind.CONNECT, 1, "new client to connected session (then closed), one at a time"),
    CHILDREN_10K("children-10k", Kind.CHILDREN, 16, "async getChildren of a node with 10,000 children, 16 outstanding"),
    MIXED_VT("mixed-vt", Kind.MIXED, 10_000,
            "10,000 virtual threads on the blocking API: 90% getData, 5% setData, 5% exists"),
    BIG_GET("get-1m-4", Kind.BIG_GET, 4, "async getData of a 1 MiB - 1 KiB node, 4 outstanding"),
    BIG_SET("set-1m-4", Kind.BIG_SET, 4, "async setData of 1 MiB - 1 KiB, 4 outstanding");

    public enum Kind { GET, SET, CREATE_DELETE, SYNC_GET, CONNECT, CHILDREN, MIXED, BIG_GET, BIG_SET }

    private final String id;
    private final Kind kind;
    private final int concurrency;
    private final String description;

    Workload(String id, Kind kind, int concurrency, String description) {
        this.id = id;
        this.kind = kind;
        this.concurrency = concurrency;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    /** Outstanding requests (async), threads (blocking). */
    public int concurrency() {
        return concurrency;
    }

    public String description() {
        return description;
    }

    public boolean isAsync() {
        return kind != Kind.SYNC_GET && kind != Kind.CONNECT && kind != Kind.MIXED;
    }

    /** Whether it reads or writes the big node ({@link Fixtures#bigPayload()}). */
    public boolean isBig() {
        return kind == Kind.BIG_GET || kind == Kind.BIG_SET;
    }

    public static Workload byId(String id) {
        for (Workload w : values()) {
            if (w.id.equals(id.strip())) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + id + "'; known: "
                + Arrays.stream(values()).map(Workload::id).toList());
    }

    public static List<Workload> parse(String list) {
        if (list == null || list.isBlank() || list.strip().equals("all")) {
            return List.of(values());
        }
        return Arrays.stream(list.split(",")).filter(s -> !s.isBlank()).map(Workload::byId).toList();
    }
}
