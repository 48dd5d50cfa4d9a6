package dev.zkasync.client;

import dev.zkasync.client.handler.Handler;
import dev.zkasync.client.handler.SequentialThreadingHandler;
import dev.zkasync.client.handler.SequentialVirtualThreadHandler;

/** The two handlers every real-server suite runs under. */
public enum HandlerKind {
    THREADING {
        @Override
        Handler create() {
            return new SequentialThreadingHandler();
        }
    },
    VIRTUAL {
        @Override
        Handler create() {
            return new SequentialVirtualThreadHandler();
        }
    };

    abstract Handler create();
}
