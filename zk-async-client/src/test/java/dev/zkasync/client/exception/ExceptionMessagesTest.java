package dev.zkasync.client.exception;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExceptionMessagesTest {

    @Test
    void standardMessages() {
        assertThat(new NoNodeException("/a/b")).hasMessage("NONODE for /a/b");
        assertThat(new ConnectionLossException(null)).hasMessage("CONNECTIONLOSS");
        assertThat(new ConnectionLossException(null, "connection to 127.0.0.1:2181 dropped", null))
                .hasMessage("CONNECTIONLOSS: connection to 127.0.0.1:2181 dropped");
        assertThat(new BadVersionException("/x", "expected 3", null)).hasMessage("BADVERSION for /x: expected 3");
    }

    @Test
    void pathsInMessagesAreEscaped() {
        assertThat(new NoNodeException("/a\u0001b")).hasMessage("NONODE for /a\\u0001b");
    }

    @Test
    void rolledBackHasDefaultDetail() {
        RolledBackException e = new RolledBackException("/t");
        assertThat(e.code()).isSameAs(ErrorCode.OK);
        assertThat(e).hasMessage("OK for /t: rolled back because another operation in the transaction failed");
    }

    @Test
    void connectionClosedIsSessionExpired() {
        ConnectionClosedException e = new ConnectionClosedException(null);
        assertThat(e).isInstanceOf(SessionExpiredException.class);
        assertThat(e.code()).isSameAs(ErrorCode.SESSION_EXPIRED);
        assertThat(e).hasMessage("CLOSED: the client is closed");
    }

    @Test
    void protocolExceptionIsConnectionLoss() {
        IllegalStateException cause = new IllegalStateException("x");
        ProtocolException e = new ProtocolException("frame length -5", cause);
        assertThat(e).isInstanceOf(ConnectionLossException.class).hasCause(cause);
        assertThat(e.code()).isSameAs(ErrorCode.CONNECTION_LOSS);
        assertThat(e).hasMessage("CONNECTIONLOSS: protocol error: frame length -5");
    }

    @Test
    void invalidPath() {
        InvalidPathException e = new InvalidPathException("/a//b", "empty node name at index 3");
        assertThat(e).isInstanceOf(BadArgumentsException.class);
        assertThat(e.code()).isSameAs(ErrorCode.BAD_ARGUMENTS);
        assertThat(e.intCode()).isEqualTo(-8);
        assertThat(e.path()).isEqualTo("/a//b");
        assertThat(e.reason()).isEqualTo("empty node name at index 3");
        assertThat(e).hasMessage("Invalid path \"/a//b\": empty node name at index 3");
        assertThat(new InvalidPathException(null, "path must not be null"))
                .hasMessage("Invalid path null: path must not be null");
    }

    @Test
    void requestTooLarge() {
        RequestTooLargeException e = new RequestTooLargeException("/a", 1_048_700, 1_048_575, 1_048_600);
        assertThat(e).isInstanceOf(BadArgumentsException.class);
        assertThat(e.code()).isSameAs(ErrorCode.BAD_ARGUMENTS);
        assertThat(e.path()).isEqualTo("/a");
        assertThat(e.size()).isEqualTo(1_048_700);
        assertThat(e.limit()).isEqualTo(1_048_575);
        assertThat(e.dataLength()).isEqualTo(1_048_600);
        assertThat(e).hasMessage("request for /a is 1,048,700 bytes, over the 1,048,575-byte limit"
                + " (the server's jute.maxbuffer); its data is 1,048,600 bytes");
        assertThat(new RequestTooLargeException(null, 2000, 1000, -1))
                .hasMessage("request is 2,000 bytes, over the 1,000-byte limit (the server's jute.maxbuffer)");
    }

    @Test
    void requestQueueFull() {
        RequestQueueFullException e = new RequestQueueFullException(10_000);
        assertThat(e.limit()).isEqualTo(10_000);
        assertThat(e.getMessage()).contains("10,000").contains("maxQueuedRequests");
    }

    @Test
    void interruptedExceptionLeavesTheFlagAlone() {
        try {
            Thread.currentThread().interrupt();
            new KazooInterruptedException("waiting", new InterruptedException());
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        new KazooInterruptedException("waiting");
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void clientSideExceptionsAreKazooExceptions() {
        assertThat(new KazooTimeoutException("t")).isInstanceOf(KazooException.class).hasMessage("t");
        assertThat(new ConfigurationException("c")).isInstanceOf(KazooException.class).hasMessage("c");
        assertThat(new RequestQueueFullException(1)).isInstanceOf(KazooException.class);
        assertThat(new KazooInterruptedException("i")).isInstanceOf(KazooException.class);
    }
}
