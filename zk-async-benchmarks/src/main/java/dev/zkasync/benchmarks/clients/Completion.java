package dev.zkasync.benchmarks.clients;

/**
 * Where a driver reports the end of one asynchronous request. The harness keeps one reusable
 * {@link Slot} per outstanding request, so completing a request allocates nothing in the harness:
 * whatever is allocated per operation belongs to the client under test.
 */
public interface Completion {

    /**
     * @param value the request's value (the created path of a create; otherwise unused)
     * @param ok    whether the request succeeded
     */
    void completed(Object value, boolean ok);
}
