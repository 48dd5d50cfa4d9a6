package dev.zkasync.benchmarks.clients;

import dev.zkasync.client.handler.AsyncResult;
import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.KeeperException;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One outstanding request of a closed-loop run, reused for every request it carries. It implements
 * each client's own callback type, so a driver hands it to the client as it is: no adapter object,
 * no lambda per request. A slot never has more than one request in flight.
 */
public abstract class Slot implements Completion, Consumer<AsyncResult<?>>, BiConsumer<Object, Throwable>,
        AsyncCallback.DataCallback, AsyncCallback.StatCallback, AsyncCallback.StringCallback,
        AsyncCallback.VoidCallback, AsyncCallback.ChildrenCallback {

    /** {@link System#nanoTime()} when the slot's current request was issued. */
    public long startNanos;
    /** The path the slot's last create returned, for the delete that follows it. */
    public String created;
    /** Which step of a multi-step cycle (create, then delete) comes next. */
    public int step;
    public final int index;

    protected Slot(int index) {
        this.index = index;
    }

    // zk-async: AsyncResult#rawlink
    @Override
    public final void accept(AsyncResult<?> result) {
        completed(result.value(), result.successful());
    }

    // Curator async: CompletionStage#whenComplete
    @Override
    public final void accept(Object value, Throwable error) {
        completed(value, error == null);
    }

    // The official client's callbacks.
    @Override
    public final void processResult(int rc, String path, Object ctx, byte[] data,
                                    org.apache.zookeeper.data.Stat stat) {
        completed(null, rc == KeeperException.Code.OK.intValue());
    }

    @Override
    public final void processResult(int rc, String path, Object ctx, org.apache.zookeeper.data.Stat stat) {
        completed(null, rc == KeeperException.Code.OK.intValue());
    }

    @Override
    public final void processResult(int rc, String path, Object ctx, String name) {
        completed(name, rc == KeeperException.Code.OK.intValue());
    }

    @Override
    public final void processResult(int rc, String path, Object ctx) {
        completed(null, rc == KeeperException.Code.OK.intValue());
    }

    @Override
    public final void processResult(int rc, String path, Object ctx, List<String> children) {
        completed(null, rc == KeeperException.Code.OK.intValue());
    }
}
