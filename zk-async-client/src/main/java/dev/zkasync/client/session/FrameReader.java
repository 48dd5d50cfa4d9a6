package dev.zkasync.client.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelException;
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
 *
 * <p>A frame of {@code gatherFrom} bytes or more that a read leaves partial (a big node's data) is
 * not copied: its inbound buffers are gathered as they come into a composite buffer, which is
 * passed on whole. Its bytes are then copied once, by the decoder into the caller's array, instead
 * of into a heap buffer that grows by doubling (a copy per step) and then into the array. Decoding
 * its fields reads direct memory, which costs little next to the bulk of such a frame. Only pieces
 * of {@value #KEEP_FROM} bytes or more that fill at least half their buffer are kept; smaller ones
 * are copied together into buffers of up to {@value #COPY_CHUNK} bytes, so a frame holds at most
 * about twice its size however a server cuts it.
 */
class FrameReader extends ChannelInboundHandlerAdapter {
    private static final int INITIAL_CAPACITY = 8 * 1024;
    /** Past this, an emptied buffer is replaced by a small one so a rare big reply does not pin memory. */
    private static final int RETAINED_CAPACITY = 256 * 1024;
    /** Frames from this size on are gathered, not copied: past the buffer kept, each would grow a new one. */
    static final int GATHER_FROM = RETAINED_CAPACITY;
    /** The most bytes a gathered frame waits for on the socket before a read (see {@link #lowWater}). */
    static final int LOW_WATER_MAX = 256 * 1024;
    /** Pieces of a gathered frame smaller than this are copied, not kept (see the class comment). */
    static final int KEEP_FROM = 4 * 1024;
    /** The buffer that small pieces of a gathered frame are copied into, at most. */
    private static final int COPY_CHUNK = 64 * 1024;
    /** The I/O thread's free buffer; absent while a read on that thread uses it. */
    private static final FastThreadLocal<ByteBuf> SHARED = new FastThreadLocal<>();

    private final int maxFrameSize;
    private final int gatherFrom;
    /**
     * Whether a gathered frame's missing bytes set the socket's low-water mark, so that the I/O
     * thread wakes once per {@link #LOW_WATER_MAX} bytes instead of once per segment the server
     * writes (64 KiB at most from ZooKeeper's NIO layer): wake-ups, not copies, were most of the
     * I/O thread's time for big values. Never more than the frame still lacks, so the bytes it
     * waits for always come; not under TLS, where records hide how many bytes are on their way.
     */
    private boolean lowWater;
    /** The low-water mark last set on the socket; 1 is the kernel's default. */
    private int lowWaterSet = 1;
    /** Bytes of a partial frame, between reads; null when the last read ended on a frame boundary. */
    private ByteBuf partial;
    /** The body so far of a big frame being gathered, or null. */
    private CompositeByteBuf gathered;
    /** The buffer small pieces of the gathered frame are copied into, or null. */
    private ByteBuf copied;
    /** Where the bytes of {@link #copied} not yet added to the gathered frame start. */
    private int copiedFrom;
    /** Bytes the gathered frame still lacks. */
    private int missing;

    FrameReader(int maxFrameSize, boolean lowWater) {
        this(maxFrameSize, GATHER_FROM, lowWater);
    }

    /** Without the low-water mark (a test's channel has no socket). */
    FrameReader(int maxFrameSize) {
        this(maxFrameSize, GATHER_FROM, false);
    }

    /** With another size from which frames are gathered (tests take both paths with small frames). */
    FrameReader(int maxFrameSize, int gatherFrom) {
        this(maxFrameSize, gatherFrom, false);
    }

    private FrameReader(int maxFrameSize, int gatherFrom, boolean lowWater) {
        this.maxFrameSize = maxFrameSize;
        this.gatherFrom = gatherFrom;
        this.lowWater = lowWater;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        if (gathered != null && (in = gather(ctx, in)) == null) {
            return;
        }
        ByteBuf buf = partial != null ? partial : takeShared();
        partial = buf;
        try {
            buf.writeBytes(in);
        } finally {
            in.release();
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
                if (length >= gatherFrom) {
                    startGathering(ctx, buf, start + 4, end - start - 4, length);
                }
                break; // the rest comes with a later read
            }
            int next = start + 4 + length;
            buf.setIndex(start + 4, next);
            try {
                frame(ctx, buf);
            } finally {
                buf.setIndex(next, end);
            }
        }
    }

    /** Moves the start of a big frame out of the shared buffer, which this read then leaves empty. */
    private void startGathering(ChannelHandlerContext ctx, ByteBuf buf, int from, int have, int length) {
        gathered = ctx.alloc().compositeBuffer(Integer.MAX_VALUE); // never consolidates, which would copy
        missing = length;
        buf.readerIndex(from);
        if (have > 0) {
            copy(ctx, buf, have);
        }
    }

    /**
     * Adds the inbound bytes to the gathered frame and passes it on once whole. Returns what is left
     * of {@code in} after the frame, or null when nothing is (then {@code in} is released).
     */
    private ByteBuf gather(ChannelHandlerContext ctx, ByteBuf in) {
        int n = Math.min(in.readableBytes(), missing);
        try {
            if (n >= KEEP_FROM && n >= in.capacity() / 2) {
                addCopied();
                gathered.addComponent(true, in.readRetainedSlice(n));
                missing -= n;
            } else {
                copy(ctx, in, n);
            }
        } catch (RuntimeException e) {
            in.release();
            throw e;
        }
        if (missing == 0) {
            addCopied();
            dropCopyBuffer();
            CompositeByteBuf frame = gathered;
            gathered = null;
            try {
                frame(ctx, frame);
            } finally {
                frame.release();
            }
        }
        if (in.isReadable() && ctx.channel().isActive()) {
            return in;
        }
        in.release();
        return null;
    }

    /** Copies {@code n} bytes of {@code in} to the gathered frame's small pieces. */
    private void copy(ChannelHandlerContext ctx, ByteBuf in, int n) {
        if (copied != null && copied.writableBytes() < n) {
            addCopied();
            dropCopyBuffer();
        }
        if (copied == null) {
            copied = ctx.alloc().heapBuffer(Math.max(n, Math.min(COPY_CHUNK, missing)));
            copiedFrom = 0;
        }
        copied.writeBytes(in, n);
        missing -= n;
    }

    /**
     * Adds the pieces copied since the last call to the gathered frame, before a kept piece or at
     * its end, as a view: later pieces go on into the rest of the same buffer.
     */
    private void addCopied() {
        if (copied != null && copied.writerIndex() > copiedFrom) {
            gathered.addComponent(true, copied.retainedSlice(copiedFrom, copied.writerIndex() - copiedFrom));
            copiedFrom = copied.writerIndex();
        }
    }

    private void dropCopyBuffer() {
        if (copied != null) {
            copied.release();
            copied = null;
        }
    }

    /** The end of a read, with the socket drained: how many bytes the next one waits for. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (lowWater) {
            int want = gathered == null ? 1 : Math.min(missing, LOW_WATER_MAX);
            if (want != lowWaterSet && ctx.channel().isActive()) {
                try {
                    Epolls.setReceiveLowWater(ctx.channel(), want);
                    lowWaterSet = want;
                } catch (ChannelException e) {
                    lowWater = false; // the kernel refused; reads stay as they were, the connection fine
                }
            }
        }
        readComplete(ctx);
    }

    /** A whole frame's body, valid only during the call: passed on down the pipeline. */
    void frame(ChannelHandlerContext ctx, ByteBuf body) {
        ctx.fireChannelRead(body);
    }

    /** The end of a read, after the low-water mark is set: passed on down the pipeline. */
    void readComplete(ChannelHandlerContext ctx) {
        ctx.fireChannelReadComplete();
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
        if (gathered != null) {
            gathered.release();
            gathered = null;
        }
        dropCopyBuffer();
    }
}
