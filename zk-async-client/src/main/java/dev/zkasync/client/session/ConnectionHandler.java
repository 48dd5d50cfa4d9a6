package dev.zkasync.client.session;

import dev.zkasync.client.exception.ConnectionLossException;
import dev.zkasync.client.exception.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

import javax.net.ssl.SSLException;

/**
 * The end of a connection's pipeline: cuts frames as its {@link FrameReader} and hands them and
 * the channel's events to the session, tagged with the connection attempt they belong to so that
 * events of an old connection are ignored. One handler, not two: each costs every connection a
 * context in its pipeline.
 */
final class ConnectionHandler extends FrameReader {
    private final Session session;
    private final int attempt;
    private boolean answered;

    ConnectionHandler(Session session, int attempt, int maxFrameSize, boolean lowWater) {
        super(maxFrameSize, lowWater);
        this.session = session;
        this.attempt = attempt;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        session.onActive(attempt, ctx.channel());
    }

    /** {@code body} is a view valid only during this call. */
    @Override
    void frame(ChannelHandlerContext ctx, ByteBuf body) {
        answered = true;
        session.onFrame(attempt, body);
    }

    @Override
    void readComplete(ChannelHandlerContext ctx) {
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
