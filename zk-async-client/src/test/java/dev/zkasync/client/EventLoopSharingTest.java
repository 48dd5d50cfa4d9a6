package dev.zkasync.client;

import dev.zkasync.client.session.Transport;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Clients share one event loop group: the process-wide default, or a user's own. */
class EventLoopSharingTest extends RealServerTest {

    @Test
    void clientsShareAUsersGroupAndLeaveItRunning() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            KazooClient a = started(builder().eventLoopGroup(group));
            KazooClient b = started(builder().eventLoopGroup(group));
            a.create("/shared", bytes("a"));
            assertThat(string(b.get("/shared").data())).isEqualTo("a");
            a.close();
            b.close();
            assertThat(group.isShuttingDown()).as("a user's group is the user's to shut down").isFalse();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void aTaskScheduledAfterTheGroupIsGoneStillRunsAfterItsDelay() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        KazooClient c = started(builder().eventLoopGroup(group));
        c.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        CountDownLatch ran = new CountDownLatch(1);
        long start = System.nanoTime();
        c.schedule(Duration.ofMillis(100), ran::countDown);
        assertThat(ran.await(10, TimeUnit.SECONDS)).as("a late timer is not lost").isTrue();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(100).toNanos());
    }

    @Test
    void theDefaultGroupIsSharedAndUsesEpollWhenAvailable() {
        Transport first = Transport.acquireShared();
        Transport second = Transport.acquireShared();
        try {
            assertThat(second.group()).isSameAs(first.group());
            assertThat(first.isEpoll()).isEqualTo(Epoll.isAvailable());
            KazooClient c = client();
            assertThat(c.exists("/")).isNotNull();
        } finally {
            second.release();
            first.release();
        }
    }
}
