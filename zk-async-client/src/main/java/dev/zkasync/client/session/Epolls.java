package dev.zkasync.client.session;

import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.socket.SocketChannel;

/** Native epoll, reached only when its classes are on the classpath (the dependency is optional). */
final class Epolls {
    private static final boolean AVAILABLE = probe();

    private Epolls() {
    }

    private static boolean probe() {
        if (Boolean.getBoolean("zk.async.noEpoll")) {
            return false;
        }
        try {
            return io.netty.channel.epoll.Epoll.isAvailable();
        } catch (Throwable notThere) {
            return false;
        }
    }

    static boolean available() {
        return AVAILABLE;
    }

    static IoHandlerFactory ioHandlerFactory() {
        return io.netty.channel.epoll.EpollIoHandler.newFactory();
    }

    static boolean isEpoll(IoEventLoopGroup group) {
        return group.isIoType(io.netty.channel.epoll.EpollIoHandler.class);
    }

    static Class<? extends SocketChannel> channelType() {
        return io.netty.channel.epoll.EpollSocketChannel.class;
    }
}
