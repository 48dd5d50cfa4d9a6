package dev.zkasync.client.session;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * The event loop group sessions run on, and the socket channel type that fits it: native epoll
 * when the platform has it, NIO otherwise. By default every client shares one process-wide group,
 * created with the first client and shut down with the last.
 */
public final class Transport {
    private static final Logger log = LoggerFactory.getLogger(Transport.class);
    private static final Object SHARED_LOCK = new Object();
    private static Transport shared;
    private static int sharedUsers;

    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> channelType;
    private final boolean owned;

    private Transport(EventLoopGroup group, Class<? extends SocketChannel> channelType, boolean owned) {
        this.group = group;
        this.channelType = channelType;
        this.owned = owned;
    }

    /** A user's own group; never shut down by the client. */
    public static Transport of(EventLoopGroup group) {
        return new Transport(group, channelTypeFor(group), false);
    }

    /** The shared default group, reference-counted; give it back with {@link #release()}. */
    public static Transport acquireShared() {
        synchronized (SHARED_LOCK) {
            if (shared == null) {
                int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
                IoHandlerFactory io = Epolls.available() ? Epolls.ioHandlerFactory() : NioIoHandler.newFactory();
                EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads,
                        new DefaultThreadFactory("zk-async-io", true), io);
                shared = new Transport(group, channelTypeFor(group), true);
                log.debug("zk-async I/O: {} event loop(s), {}", threads, Epolls.available() ? "epoll" : "nio");
            }
            sharedUsers++;
            return shared;
        }
    }

    /** Gives back a shared group; the last user shuts it down. No effect on a user's group. */
    public void release() {
        if (!owned) {
            return;
        }
        synchronized (SHARED_LOCK) {
            if (--sharedUsers == 0 && shared == this) {
                shared = null;
                group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            }
        }
    }

    private static Class<? extends SocketChannel> channelTypeFor(EventLoopGroup group) {
        if (Epolls.available() && group instanceof IoEventLoopGroup io && Epolls.isEpoll(io)) {
            return Epolls.channelType();
        }
        return NioSocketChannel.class;
    }

    public EventLoopGroup group() {
        return group;
    }

    public Class<? extends SocketChannel> channelType() {
        return channelType;
    }

    /** Whether sockets use native epoll. */
    public boolean isEpoll() {
        return channelType != NioSocketChannel.class;
    }
}
