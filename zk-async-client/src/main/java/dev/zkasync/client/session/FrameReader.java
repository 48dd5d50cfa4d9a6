package dev.zkasync.client.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;

/**
 * Cuts the inbound bytes into ZooKeeper frames ({@code int length}, then the body) and passes each
 * body on. The bytes are first copied into one heap buffer owned by the connection, and every frame
 * is passed on as a view of it, bounded by its reader and writer index: decoding then reads plain
 * arrays (on JDK 24+ Netty reads direct memory through a new {@code ByteBuffer} per call) and no
 * slice, reference count or buffer is made per frame. A frame is valid only during the call that
 * receives it and must not be released or kept. Lengths are checked before anything is allocated.
 */
final class FrameReader extends ChannelInboundHandlerAdapter {
    private static final int INITIAL_CAPACITY = 8 * 1024;
    /** Past this, an emptied buffer is replaced by a small one so a rare big reply does not pin memory. */
    private static final int RETAINED_CAPACITY = 256 * 1024;

    private final int maxFrameSize;
    private ByteBuf bytes = Unpooled.buffer(INITIAL_CAPACITY);

    FrameReader(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            bytes.writeBytes(in);
        } finally {
            in.release();
        }
        ByteBuf buf = bytes;
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
        compact(buf);
    }

    private void compact(ByteBuf buf) {
        if (buf.isReadable()) {
            if (buf.readerIndex() > buf.capacity() / 2) {
                buf.discardReadBytes();
            }
        } else if (buf.capacity() > RETAINED_CAPACITY) {
            bytes = Unpooled.buffer(INITIAL_CAPACITY);
        } else {
            buf.clear();
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        bytes = Unpooled.EMPTY_BUFFER;
    }
}
