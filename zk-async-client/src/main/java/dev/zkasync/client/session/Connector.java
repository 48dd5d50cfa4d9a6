package dev.zkasync.client.session;

import dev.zkasync.client.connect.HostAndPort;
import dev.zkasync.client.exception.ConnectionLossException;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Opens the session's connections: which host next (the {@link HostCycle}), resolving it afresh on
 * every attempt (DNS may have moved it), one address after another, and the TCP (and TLS)
 * connection with its pipeline. What an attempt's failure means is the {@link Session}'s business.
 *
 * <p>Event loop only; the DNS lookup runs on a virtual thread and comes back to the loop.
 */
final class Connector {
    /** The session's logger: the messages are the session's, wherever its code sits. */
    private static final Logger log = LoggerFactory.getLogger(Session.class);
    private static final long QUICK_HANDSHAKE_MIN_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

    private final Session session;
    private final SessionConfig config;
    private final EventLoop loop;
    private final RequestPipeline pipeline;
    private final Handshake handshake;
    private final HostCycle hosts;
    private final Transport transport;
    /** The current attempt's host (or address): its string is made when asked for, not kept. */
    private volatile Object serverView;

    // Event loop only.
    /** The resolved addresses of the current host not tried yet; made only for a name with several. */
    private ArrayDeque<InetSocketAddress> candidates;
    private HostAndPort currentHost;
    private ScheduledFuture<?> reconnectTimer;
    /** Hosts that accepted a connection and did not answer the handshake, since the last session; null for none. */
    private Set<HostAndPort> silentHosts;
    /** Handshakes left unanswered since the last session. */
    private int silentHandshakes;
    /** Hosts that refused the TLS handshake outright, while no session has been established yet; null for none. */
    private Set<HostAndPort> tlsRefusingHosts;
    private boolean everEstablished;

    Connector(Session session, SessionConfig config, Transport transport, EventLoop loop, RequestPipeline pipeline,
              Handshake handshake) {
        this.session = session;
        this.config = config;
        this.loop = loop;
        this.pipeline = pipeline;
        this.handshake = handshake;
        this.hosts = new HostCycle(config.hosts(), config.randomizeHosts(), config.reconnect());
        this.transport = transport;
    }

    /** A bootstrap per attempt: an idle session keeps no template with its option and attribute maps. */
    private Bootstrap bootstrap() {
        return new Bootstrap()
                .group(loop)
                .channel(transport.channelType())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (config.tls() != null && currentHost != null) {
                            // The configured name, not the resolved address: SNI and host name checks use it.
                            ch.pipeline().addLast("tls", config.tls().sslContext().newHandler(ch.alloc(),
                                    currentHost.host(), currentHost.port()));
                        }
                        ch.pipeline().addLast("session", new ConnectionHandler(session, session.generation(),
                                config.maxFrameSize(), config.tls() == null && Epolls.lowWaterWorks(ch)));
                    }
                });
    }

    HostCycle hosts() {
        return hosts;
    }

    /** The host of the current connection attempt, or null. */
    HostAndPort currentHost() {
        return currentHost;
    }

    /** The server of the current connection attempt ({@code host:port}), readable from any thread. */
    String server() {
        Object server = serverView;
        return server == null ? null : server.toString();
    }

    /** New hosts for the next attempts (the current connection stays). */
    void replaceHosts(List<HostAndPort> newHosts) {
        hosts.replace(newHosts);
        candidates = null;
    }

    /** A session was established: the cycle through the hosts starts over. */
    void established() {
        everEstablished = true;
        hosts.connected();
        silentHosts = null;
        silentHandshakes = 0;
        candidates = null;
    }

    /** The next attempt goes to {@code server}. */
    void preferNext(HostAndPort server) {
        hosts.preferNext(server);
        candidates = null;
    }

    void cancelTimer() {
        if (reconnectTimer != null) {
            reconnectTimer.cancel(false);
        }
    }

    /**
     * Starts the next attempt: the next address of the current host, else the next host, after the
     * cycle's backoff. False, and nothing started, once the allowed cycles are used up.
     */
    boolean connectNext() {
        if (candidates != null) {
            InetSocketAddress next = candidates.poll();
            if (candidates.isEmpty()) {
                candidates = null;
            }
            connectTo(next);
            return true;
        }
        int maxCycles = config.reconnect().maxCycles();
        if (maxCycles >= 0 && hosts.failedCycles() >= maxCycles && hosts.failedCycles() > 0) {
            return false;
        }
        long delay = hosts.delayBeforeNextNanos();
        HostAndPort host = hosts.next();
        if (delay > 0) {
            log.debug("No server reachable in a whole cycle; next attempt in {} ms", TimeUnit.NANOSECONDS.toMillis(delay));
            reconnectTimer = loop.schedule(() -> resolve(host), delay, TimeUnit.NANOSECONDS);
        } else {
            resolve(host);
        }
        return true;
    }

    /** Resolves a host afresh for every attempt (DNS may have moved it), off the event loop. */
    private void resolve(HostAndPort host) {
        if (session.phase() != Phase.CONNECTING) {
            return;
        }
        currentHost = host;
        if (NetUtil.isValidIpV4Address(host.host()) || NetUtil.isValidIpV6Address(host.host())) {
            connectTo(new InetSocketAddress(NetUtil.createInetAddressFromIpAddressString(host.host()), host.port()));
            return;
        }
        int attempt = session.newGeneration();
        Thread.ofVirtual().name("zk-async-resolve").start(() -> {
            try {
                List<InetAddress> addresses = new ArrayList<>(Arrays.asList(InetAddress.getAllByName(host.host())));
                if (config.randomizeHosts()) {
                    Collections.shuffle(addresses);
                }
                loop.execute(() -> {
                    if (attempt != session.generation() || session.phase() != Phase.CONNECTING) {
                        return;
                    }
                    if (addresses.size() > 1) {
                        candidates = new ArrayDeque<>(addresses.size() - 1);
                        for (InetAddress a : addresses.subList(1, addresses.size())) {
                            candidates.add(new InetSocketAddress(a, host.port()));
                        }
                    }
                    connectTo(new InetSocketAddress(addresses.get(0), host.port()));
                });
            } catch (UnknownHostException e) {
                loop.execute(() -> session.connectionLost(attempt,
                        new ConnectionLossException(null, "cannot resolve " + host.host(), e)));
            }
        });
    }

    private void connectTo(InetSocketAddress address) {
        int attempt = session.newGeneration();
        int connectTimeout = (int) Math.max(1, connectTimeout().toMillis());
        serverView = currentHost == null ? address : currentHost;
        // The connect timeout is ours: Netty's channel would keep its cancelled timer for the connection's life.
        ChannelFuture f = bootstrap()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 0)
                .connect(address);
        pipeline.attach(f.channel());
        ScheduledFuture<?> timeout = loop.schedule(() -> {
            if (f instanceof ChannelPromise p && p.tryFailure(new ConnectTimeoutException(
                    "connection timed out after " + connectTimeout + " ms: " + address))) {
                f.channel().close();
            }
        }, connectTimeout, TimeUnit.MILLISECONDS);
        f.addListener(done -> {
            timeout.cancel(false);
            if (!done.isSuccess()) {
                session.connectionLost(attempt, new ConnectionLossException(null,
                        "cannot connect to " + address + ": " + done.cause().getMessage(), done.cause()));
            }
        });
    }

    private Duration connectTimeout() {
        if (config.connectTimeout() != null) {
            return config.connectTimeout();
        }
        int negotiated = handshake.negotiatedTimeout();
        long session = negotiated > 0 ? negotiated : config.sessionTimeout().toMillis();
        return Duration.ofMillis(Math.max(1, session / Math.max(1, hosts.size())));
    }

    /**
     * How long the current handshake may stay unanswered. A healthy server answers a ConnectRequest
     * in milliseconds; a paused or hung one (its kernel still accepts the socket) never does. The
     * full deadline is Kazoo's, the session timeout over the host count, and at most a third of the
     * session timeout, so the wait cannot outlast the session we try to resume. While some host has
     * not been found silent yet, a silent one is left after a twentieth of the session timeout (at
     * least 200 ms) and the next attempt starts at once instead of waiting out a server that may
     * never answer: a ZooKeeper server that reads a ConnectRequest before its database is loaded can
     * leave that connection open and unanswered, and a single host then gets a second attempt. Once
     * every host was silent, the deadline doubles with each further silent handshake up to the full
     * one: a server that stays in that state for seconds under load is not waited out in full.
     */
    long handshakeTimeoutNanos() {
        long full = Math.min(connectTimeout().toNanos(), config.sessionTimeout().toNanos() / 3);
        if (currentHost == null) {
            return full;
        }
        long quick = Math.max(QUICK_HANDSHAKE_MIN_NANOS, config.sessionTimeout().toNanos() / 20);
        int doublings = silentHosts != null && hosts.allIn(silentHosts)
                ? Math.min(20, silentHandshakes - hosts.size() + 1) : 0;
        return Math.min(full, quick << Math.max(0, doublings));
    }

    /**
     * Whether {@code failure}, a TLS refusal by the current host, makes every host one that refused
     * before the client ever had a session: most likely a configuration mistake, which whoever waits
     * for the first session should hear of at once. Later refusals are ordinary failures.
     */
    boolean refusedByEveryHost(Throwable failure) {
        if (everEstablished || currentHost == null || !TlsFailures.isRefusal(failure)) {
            return false;
        }
        if (tlsRefusingHosts == null) {
            tlsRefusingHosts = new HashSet<>();
        }
        tlsRefusingHosts.add(currentHost);
        return tlsRefusingHosts.containsAll(hosts.hosts());
    }

    /** The current host accepted the connection and did not answer the handshake in time. */
    void handshakeSilent() {
        if (currentHost != null) {
            if (silentHosts == null) {
                silentHosts = new HashSet<>();
            }
            silentHosts.add(currentHost);
            silentHandshakes++;
        }
    }
}
