package dev.zkasync.client.session;

import dev.zkasync.client.exception.ConnectionLossException;
import dev.zkasync.client.exception.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

import javax.net.ssl.SSLException;

/**
 * The end of a connection's pipeline, after {@link FrameReader}: hands whole frames and channel events to the session, tagged
 * with the connection attempt they belong to so that events of an old connection are ignored.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    private final Session session;
    private final int attempt;
    private boolean answered;

    ConnectionHandler(Session session, int attempt) {
        this.session = session;
        this.attempt = attempt;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        session.onActive(attempt, ctx.channel());
    }

    /** {@code msg} is a frame's body from {@link FrameReader}: a view valid only during this call. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        answered = true;
        session.onFrame(attempt, (ByteBuf) msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        session.onReadComplete(attempt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        session.onWritable(attempt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        String why = "the server closed the connection";
        if (!answered && ctx.pipeline().get(SslHandler.class) == null) {
            // A TLS port drops a plaintext handshake without a word; so does a server not serving yet.
            why += " without answering the handshake (a server still starting does this, and so does a TLS"
                    + " port: for a secureClientPort, configure TLS)";
        }
        session.connectionLost(attempt, new ConnectionLossException(null, why, null));
    }

    /** A failed TLS handshake comes here first, before the exception or the close it also causes. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent done && !done.isSuccess()) {
            session.connectionLost(attempt, TlsFailures.of(done.cause(), session.server(), session.currentHost().host()));
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable error = cause;
        if (cause instanceof TooLongFrameException || cause instanceof CorruptedFrameException) {
            error = new ProtocolException("bad frame from the server: " + cause.getMessage(), cause);
        } else if (cause instanceof DecoderException && cause.getCause() != null) {
            error = cause.getCause();
        }
        if (error instanceof SSLException) {
            // Under TLS 1.3 the server refuses a client certificate after the handshake, with an alert.
            error = TlsFailures.of(error, session.server(), session.currentHost().host());
        }
        session.connectionLost(attempt, error);
        ctx.close();
    }
}
