package dev.zkasync.client.session;

import dev.zkasync.client.exception.ConnectionLossException;
import dev.zkasync.client.exception.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;

/**
 * The end of a connection's pipeline, after {@link FrameReader}: hands whole frames and channel events to the session, tagged
 * with the connection attempt they belong to so that events of an old connection are ignored.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    private final Session session;
    private final int attempt;

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
        session.connectionLost(attempt, new ConnectionLossException(null,
                "the server closed the connection", null));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable error = cause;
        if (cause instanceof TooLongFrameException || cause instanceof CorruptedFrameException) {
            error = new ProtocolException("bad frame from the server: " + cause.getMessage(), cause);
        } else if (cause instanceof DecoderException && cause.getCause() != null) {
            error = cause.getCause();
        }
        session.connectionLost(attempt, error);
        ctx.close();
    }
}
