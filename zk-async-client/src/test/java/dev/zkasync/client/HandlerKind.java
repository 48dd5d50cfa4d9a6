package dev.zkasync.client;

import dev.zkasync.client.handler.DirectHandler;
import dev.zkasync.client.handler.Handler;
import dev.zkasync.client.handler.SequentialThreadingHandler;
import dev.zkasync.client.handler.SequentialVirtualThreadHandler;

/** The handlers every real-server suite runs under. */
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
    },
    /** Callbacks on the I/O thread: tests that block inside a callback skip it, saying why. */
    DIRECT {
        @Override
        Handler create() {
            return new DirectHandler();
        }
    };

    abstract Handler create();

    /** How the names of the threads that run this handler's callbacks begin. */
    String threadPrefix() {
        return this == DIRECT ? "zk-async-io" : "zk-async-callback";
    }
}
