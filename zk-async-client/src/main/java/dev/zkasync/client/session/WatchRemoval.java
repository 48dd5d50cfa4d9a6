package dev.zkasync.client.session;

import dev.zkasync.client.exception.NoWatcherException;
import dev.zkasync.client.handler.DefaultAsyncResult;
import dev.zkasync.client.handler.Handler;
import dev.zkasync.client.metrics.RequestObserver;
import dev.zkasync.client.protocol.Frames;
import dev.zkasync.client.protocol.CheckWatches;
import dev.zkasync.client.protocol.RemoveWatches;
import dev.zkasync.client.protocol.ReplyDecoder;
import dev.zkasync.client.state.KeeperState;
import dev.zkasync.client.watch.EventType;
import dev.zkasync.client.watch.WatchedEvent;
import dev.zkasync.client.watch.Watcher;
import dev.zkasync.client.watch.WatcherType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.util.List;

/**
 * Removing watches: locally at once, with their REMOVED events, and on the server with
 * RemoveWatches only when no local watcher of that type is left on the path. Event loop only.
 */
final class WatchRemoval {
    private final Handler handler;
    private final RequestObserver observer;
    private final ByteBufAllocator alloc;
    private final WatchRegistry watches;
    private final RequestPipeline pipeline;

    WatchRemoval(SessionConfig config, ByteBufAllocator alloc, WatchRegistry watches, RequestPipeline pipeline) {
        this.handler = config.handler();
        this.observer = config.observer();
        this.alloc = alloc;
        this.watches = watches;
        this.pipeline = pipeline;
    }

    /**
     * Removes {@code watcher} (all watchers when null) of {@code type} on the path and completes
     * {@code result}; {@code state} is the session's, for the events, and {@code running} whether it
     * still takes requests.
     */
    void remove(String path, String serverPath, Watcher watcher, WatcherType type, DefaultAsyncResult<Void> result,
                KeeperState state, boolean running, long deadlineNanos) {
        WatchRegistry.Removal removal = watches.remove(serverPath, watcher, type);
        EventType removedType = switch (type) {
            case CHILDREN -> EventType.CHILD_WATCH_REMOVED;
            case DATA, ANY -> EventType.DATA_WATCH_REMOVED;
            case PERSISTENT, PERSISTENT_RECURSIVE -> EventType.PERSISTENT_WATCH_REMOVED;
        };
        WatchedEvent event = new WatchedEvent(removedType, state, path, WatchedEvent.NO_ZXID);
        for (Watcher w : removal.removed()) {
            handler.dispatch(() -> w.process(event));
        }
        if (removal.removed().isEmpty() && watcher != null) {
            result.setException(new NoWatcherException(path, "no such " + type + " watcher", null));
            return;
        }
        if (!removal.serverWatchGone() || (removal.removed().isEmpty() && !running)) {
            result.set(null);
            return;
        }
        boolean removedLocally = !removal.removed().isEmpty();
        ByteBuf frame = RemoveWatches.encode(alloc, serverPath, type.wireValue());
        Frames.finish(frame);
        boolean persistent = type == WatcherType.PERSISTENT || type == WatcherType.PERSISTENT_RECURSIVE;
        ReplyDecoder<Void> decoder = removedLocally
                ? persistent ? RemoveWatches.AFTER_LOCAL_PERSISTENT_REMOVAL : RemoveWatches.AFTER_LOCAL_REMOVAL
                : persistent ? CheckWatches.PERSISTENT_TYPE : RemoveWatches.DECODER;
        Operation<Void> op = new Operation<>("remove_watches", RemoveWatches.OP_CODE, path, serverPath, frame,
                decoder, result, null, null, deadlineNanos);
        if (observer != null) {
            op.observe(observer);
        }
        pipeline.enqueue(op);
    }

    /** Tells watchers dropped with their session (expired, closed, given up) that they may have missed events. */
    void dropped(List<Watcher> all, KeeperState state) {
        if (!all.isEmpty()) {
            WatchedEvent event = new WatchedEvent(EventType.NONE, state, null, WatchedEvent.NO_ZXID);
            for (Watcher w : all) {
                handler.dispatch(() -> w.process(event));
            }
        }
    }
}
