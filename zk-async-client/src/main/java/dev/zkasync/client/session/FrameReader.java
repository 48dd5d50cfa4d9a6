package dev.zkasync.client.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * Cuts the inbound bytes into ZooKeeper frames ({@code int length}, then the body) and passes each
 * body on. The bytes are first copied into a heap buffer, and every frame is passed on as a view of
 * it, bounded by its reader and writer index: decoding then reads plain arrays (on JDK 24+ Netty
 * reads direct memory through a new {@code ByteBuffer} per call) and no slice, reference count or
 * buffer is made per frame. A frame is valid only during the call that receives it and must not be
 * released or kept. Lengths are checked before anything is allocated.
 *
 * <p>The buffer belongs to the I/O thread, not the connection: a connection takes it for one read
 * and keeps it only while a frame is left partial, so an idle session holds no buffer at all.
 */
final class FrameReader extends ChannelInboundHandlerAdapter {
    private static final int INITIAL_CAPACITY = 8 * 1024;
    /** Past this, an emptied buffer is replaced by a small one so a rare big reply does not pin memory. */
    private static final int RETAINED_CAPACITY = 256 * 1024;
    /** The I/O thread's free buffer; absent while a read on that thread uses it. */
    private static final FastThreadLocal<ByteBuf> SHARED = new FastThreadLocal<>();

    private final int maxFrameSize;
    /** Bytes of a partial frame, between reads; null when the last read ended on a frame boundary. */
    private ByteBuf partial;

    FrameReader(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = partial != null ? partial : takeShared();
        partial = buf;
        try {
            buf.writeBytes((ByteBuf) msg);
        } finally {
            ((ByteBuf) msg).release();
        }
        try {
            readFrames(ctx, buf);
        } finally {
            settle(buf);
        }
    }

    private void readFrames(ChannelHandlerContext ctx, ByteBuf buf) {
        int end = buf.writerIndex();
        while (buf.readableBytes() >= 4 && ctx.channel().isActive()) {
            int start = buf.readerIndex();
            int length = buf.getInt(start);
            if (length < 0) {
                throw new CorruptedFrameException("negative frame length " + length);
            }
            if (length > maxFrameSize) {
                throw new TooLongFrameException("frame of " + length + " bytes is over the limit of " + maxFrameSize);
            }
            if (end - start - 4 < length) {
                break; // the rest comes with a later read
            }
            int next = start + 4 + length;
            buf.setIndex(start + 4, next);
            try {
                ctx.fireChannelRead(buf);
            } finally {
                buf.setIndex(next, end);
            }
        }
    }

    private static ByteBuf takeShared() {
        ByteBuf buf = SHARED.get();
        if (buf == null) {
            return Unpooled.buffer(INITIAL_CAPACITY);
        }
        SHARED.set(null); // a read on another channel during this one (not Netty's way) gets its own
        return buf;
    }

    /** Keeps a partial frame with this connection; otherwise hands the emptied buffer back to the thread. */
    private void settle(ByteBuf buf) {
        if (partial != buf) {
            return; // removed from the pipeline during the read
        }
        if (buf.isReadable()) {
            if (buf.readerIndex() > buf.capacity() / 2) {
                buf.discardReadBytes();
            }
            return;
        }
        partial = null;
        if (buf.capacity() <= RETAINED_CAPACITY && SHARED.get() == null) {
            SHARED.set(buf.clear());
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        partial = null;
    }
}
