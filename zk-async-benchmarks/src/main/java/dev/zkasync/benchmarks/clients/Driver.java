package dev.zkasync.benchmarks.clients;

/**
 * One connected client under test, behind the few operations the workloads need. Asynchronous
 * methods hand the {@link Slot} to the client as its callback; blocking methods return when the
 * reply is in. Implementations add nothing per request beyond what the client itself requires.
 */
public interface Driver extends AutoCloseable {

    void getData(String path, Slot slot);

    void setData(String path, byte[] data, Slot slot);

    /** Creates an ephemeral sequential node under {@code prefix}; the slot receives the created path. */
    void createEphemeralSequential(String prefix, byte[] data, Slot slot);

    void delete(String path, Slot slot);

    void getChildren(String path, Slot slot);

    byte[] getDataBlocking(String path) throws Exception;

    void setDataBlocking(String path, byte[] data) throws Exception;

    boolean existsBlocking(String path) throws Exception;

    /** Closes the session and releases the client's threads. */
    @Override
    void close();
}
