package dev.zkasync.client.session;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.socket.SocketChannel;

import java.util.Set;

/** Native epoll, reached only when its classes are on the classpath (the dependency is optional). */
final class Epolls {
    private static final boolean AVAILABLE = probe();
    /** Where SO_RCVLOWAT has the generic number (not on PowerPC, MIPS, SPARC or Alpha). */
    private static final boolean LOW_WATER_ARCH =
            Set.of("amd64", "x86_64", "aarch64", "riscv64").contains(System.getProperty("os.arch"));

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

    /** Whether {@link #setReceiveLowWater} works on {@code ch}: an epoll channel where the option's number is known. */
    static boolean lowWaterWorks(Channel ch) {
        return AVAILABLE && LOW_WATER_ARCH && ch instanceof io.netty.channel.epoll.EpollSocketChannel;
    }

    /**
     * Sets the socket's {@code SO_RCVLOWAT}: epoll reports it readable once that many bytes are
     * queued (or the receive window runs short), not at every segment. An epoll channel only.
     */
    static void setReceiveLowWater(Channel ch, int bytes) {
        ch.config().setOption(LowWater.OPTION, bytes);
    }

    /** Loaded only when used, so that the epoll classes are not needed without epoll. */
    private static final class LowWater {
        /** Linux's SOL_SOCKET and SO_RCVLOWAT; epoll's native library exists for Linux only. */
        static final ChannelOption<Integer> OPTION =
                new io.netty.channel.unix.IntegerUnixChannelOption("SO_RCVLOWAT", 1, 18);
    }
}
