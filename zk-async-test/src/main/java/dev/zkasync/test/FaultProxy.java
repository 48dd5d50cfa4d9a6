package dev.zkasync.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy on 127.0.0.1 in front of one target, with switches for network faults: stall the
 * bytes, delay them, cap the bandwidth, drop connections with a reset, half-close them, refuse new
 * connections, black-hole traffic both ways or one way, or inject raw bytes towards clients.
 *
 * <pre>{@code
 * try (ZooKeeperProcess zk = ZooKeeperProcess.start();
 *      FaultProxy proxy = FaultProxy.start("127.0.0.1", zk.port())) {
 *     client.connect(proxy.connectString());
 *     proxy.stall();            // the client's requests now hang
 *     proxy.dropConnections();  // and now its connection is reset
 * }
 * }</pre>
 *
 * <p>Plain blocking sockets: one accepting thread and two threads per connection, all daemons,
 * all ended by {@link #close()}. Methods are thread-safe.
 */
public final class FaultProxy implements AutoCloseable {

    /** Which way bytes go through the proxy. */
    public enum Direction {
        /** From the client to the target. */
        TO_SERVER,
        /** From the target to the client. */
        TO_CLIENT
    }

    private static final Logger LOG = LoggerFactory.getLogger(FaultProxy.class);
    private static final Duration REBIND_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(2);

    private final InetSocketAddress target;
    private final int port;
    private final ProxyControls controls = new ProxyControls();
    private final Set<ProxyConnection> connections = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger connectionIds = new AtomicInteger();
    private final Object listenerLock = new Object();
    /** Null while refusing new connections. Guarded by listenerLock. */
    private ServerSocket listener;
    /** Guarded by listenerLock. */
    private boolean closed;
    /** True while the accepting thread waits for a listener, i.e. is surely out of accept(). Guarded by listenerLock. */
    private boolean acceptorParked;

    private FaultProxy(String targetHost, int targetPort) {
        this.target = new InetSocketAddress(targetHost, targetPort);
        this.listener = bind(0);
        this.port = listener.getLocalPort();
        FreePorts.reserve(port);
    }

    /**
     * Starts a proxy on a free port of 127.0.0.1 that forwards to {@code targetHost:targetPort}.
     *
     * @param targetHost the target's host, e.g. {@code "127.0.0.1"}
     * @param targetPort the target's port
     * @return the running proxy
     */
    public static FaultProxy start(String targetHost, int targetPort) {
        FaultProxy proxy = new FaultProxy(targetHost, targetPort);
        proxy.startThread("accept", proxy::acceptLoop);
        LOG.debug("fault proxy 127.0.0.1:{} -> {}", proxy.port, proxy.target);
        return proxy;
    }

    /**
     * The proxy's port.
     *
     * @return the port on 127.0.0.1
     */
    public int port() {
        return port;
    }

    /**
     * The address clients use to go through the proxy.
     *
     * @return {@code 127.0.0.1:<port>}
     */
    public String connectString() {
        return "127.0.0.1:" + port;
    }

    /**
     * The proxy's address with a chroot suffix.
     *
     * @param chroot an absolute path such as {@code /app}; {@code "/"} means no chroot
     * @return {@code 127.0.0.1:<port><chroot>}
     */
    public String connectString(String chroot) {
        return connectString() + Chroots.suffix(chroot);
    }

    /**
     * Stops forwarding in both directions; sockets stay open and bytes wait in the proxy (and then in
     * TCP buffers) until {@link #unstall()}. New connections are still accepted.
     */
    public void stall() {
        controls.stalled(true);
    }

    /** Resumes forwarding, delivering the bytes held back since {@link #stall()}. */
    public void unstall() {
        controls.stalled(false);
    }

    /**
     * Whether forwarding is stalled.
     *
     * @return true between {@link #stall()} and {@link #unstall()}
     */
    public boolean isStalled() {
        return controls.stalled();
    }

    /** Closes every proxied connection abruptly: SO_LINGER 0, so both the client and the target get a reset. */
    public void dropConnections() {
        List.copyOf(connections).forEach(ProxyConnection::abort);
    }

    /**
     * Refuses (with connection refused) or accepts new connections. Refusing closes the listening
     * socket; accepting again binds the same port. Existing connections are unaffected.
     *
     * @param refuse true to refuse
     * @throws UncheckedIOException if the port cannot be bound again within 5 s
     */
    public void refuseNewConnections(boolean refuse) {
        synchronized (listenerLock) {
            ensureOpen();
            if (refuse && listener != null) {
                closeQuietly(listener);
                listener = null;
                awaitAcceptorParked();
            } else if (!refuse && listener == null) {
                listener = rebind();
                listenerLock.notifyAll();
            }
        }
    }

    /**
     * Turns the black hole on or off. While on, every byte in either direction is read and dropped
     * (end-of-stream too), and connections accepted meanwhile never reach the target, not even after
     * it is turned off. Connections that existed before forward again once it is off.
     *
     * @param on true to drop all traffic
     */
    public void blackhole(boolean on) {
        controls.blackholed(on);
    }

    /**
     * Black-holes one direction only: bytes going {@code direction} (end-of-stream too) are read and
     * dropped while the other direction flows. Applies to existing and new connections.
     *
     * @param direction the direction to drop
     * @param on true to drop, false to forward again
     */
    public void blackhole(Direction direction, boolean on) {
        controls.blackholed(Objects.requireNonNull(direction, "direction"), on);
    }

    /**
     * Delays every chunk of bytes, in both directions, by {@code perChunk} before forwarding it.
     * Chunks of one direction stay in order, so a stream of small chunks is slowed to one chunk per
     * delay.
     *
     * @param perChunk the delay; {@link Duration#ZERO} for none
     */
    public void latency(Duration perChunk) {
        if (perChunk.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + perChunk);
        }
        controls.latencyNanos(perChunk.toNanos());
    }

    /**
     * Caps each connection's throughput, per direction, at {@code bytesPerSecond}, sending in
     * slices of a twentieth of a second's worth.
     *
     * @param bytesPerSecond the cap, at least 1
     */
    public void capBandwidth(long bytesPerSecond) {
        if (bytesPerSecond < 1) {
            throw new IllegalArgumentException("bandwidth cap must be at least 1 byte per second: " + bytesPerSecond);
        }
        controls.bytesPerSecond(bytesPerSecond);
    }

    /** Removes the bandwidth cap of {@link #capBandwidth}. */
    public void uncapBandwidth() {
        controls.bytesPerSecond(0);
    }

    /**
     * Half-closes every current connection towards one side: that side reads end-of-stream (a FIN)
     * while the other direction keeps flowing; bytes that later come for the closed side are
     * dropped. What a peer does on end-of-stream (a ZooKeeper server or client closes) ends the
     * connection.
     *
     * @param towards the side that reads end-of-stream
     */
    public void halfClose(Direction towards) {
        Objects.requireNonNull(towards, "towards");
        List.copyOf(connections).forEach(connection -> connection.halfClose(towards));
    }

    /**
     * Turns every fault switch off: unstalls, ends black holes (both-way and one-way), removes the
     * latency and the bandwidth cap, and accepts new connections again.
     */
    public void clearFaults() {
        controls.clear();
        refuseNewConnections(false);
    }

    /**
     * Writes raw bytes to every client socket, as if the target had sent them, e.g. a broken frame.
     *
     * @param bytes the bytes to write
     */
    public void injectToClient(byte[] bytes) {
        byte[] copy = bytes.clone();
        List.copyOf(connections).forEach(connection -> connection.injectToClient(copy));
    }

    /**
     * The connections currently open.
     *
     * @return the count
     */
    public int connectionCount() {
        return connections.size();
    }

    /**
     * Every connection accepted since the start, including closed ones.
     *
     * @return the count
     */
    public int totalConnectionsAccepted() {
        return accepted.get();
    }

    /** Closes the listener and every connection and waits (briefly) for the proxy's threads to end. */
    @Override
    public void close() {
        synchronized (listenerLock) {
            if (closed) {
                return;
            }
            closed = true;
            if (listener != null) {
                closeQuietly(listener);
                listener = null;
            }
            listenerLock.notifyAll();
        }
        controls.close();
        List.copyOf(connections).forEach(ProxyConnection::close);
        long deadline = System.nanoTime() + JOIN_TIMEOUT.toNanos();
        for (Thread thread : List.copyOf(threads)) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || thread == Thread.currentThread() || thread.getState() == Thread.State.NEW) {
                continue;
            }
            try {
                thread.join(Duration.ofNanos(left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        FreePorts.release(port);
    }

    /**
     * A thread blocked in accept() keeps the kernel's listening socket alive after close() until it
     * wakes up, and connections arriving meanwhile still complete; so refusing waits for it.
     */
    private void awaitAcceptorParked() {
        long deadline = System.nanoTime() + REBIND_TIMEOUT.toNanos();
        while (!acceptorParked && !closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                LOG.warn("accepting thread of proxy {} did not leave accept() in time", port);
                return;
            }
            try {
                listenerLock.wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void acceptLoop() {
        while (true) {
            ServerSocket current;
            synchronized (listenerLock) {
                while (!closed && listener == null) {
                    acceptorParked = true;
                    listenerLock.notifyAll();
                    try {
                        listenerLock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                acceptorParked = false;
                if (closed) {
                    return;
                }
                current = listener;
            }
            Socket client;
            try {
                client = current.accept();
            } catch (IOException e) {
                if (!current.isClosed()) {
                    LOG.debug("accept on {} failed: {}", port, e.toString());
                    Poll.sleep(Poll.INTERVAL); // e.g. out of file descriptors: do not spin
                }
                continue; // closed by refuseNewConnections or close: the loop decides what next
            }
            accepted.incrementAndGet();
            handle(client);
        }
    }

    private void handle(Socket client) {
        try {
            client.setTcpNoDelay(true);
        } catch (IOException e) {
            LOG.trace("cannot set TCP_NODELAY: {}", e.toString());
        }
        ProxyConnection connection = new ProxyConnection(connectionIds.incrementAndGet(), client, target, controls,
                this::startThread, connections::remove);
        connections.add(connection);
        synchronized (listenerLock) {
            if (closed) {
                connection.close();
                return;
            }
        }
        connection.start(controls.blackholed());
    }

    private Thread startThread(String role, Runnable task) {
        Thread thread = new Thread(() -> {
            try {
                task.run();
            } finally {
                threads.remove(Thread.currentThread());
            }
        }, "fault-proxy-" + port + "-" + role);
        thread.setDaemon(true);
        // Registered before it starts so close() cannot miss it; close() skips threads not yet started.
        threads.add(thread);
        thread.start();
        return thread;
    }

    private ServerSocket rebind() {
        long deadline = System.nanoTime() + REBIND_TIMEOUT.toNanos();
        while (true) {
            try {
                return bind(port);
            } catch (UncheckedIOException e) {
                if (System.nanoTime() - deadline >= 0) {
                    throw e;
                }
                Poll.sleep(Poll.INTERVAL);
            }
        }
    }

    private static ServerSocket bind(int port) {
        ServerSocket socket = null;
        try {
            socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(FreePorts.LOOPBACK, port), 128);
            return socket;
        } catch (IOException e) {
            if (socket != null) {
                closeQuietly(socket);
            }
            throw new UncheckedIOException("cannot bind the proxy to 127.0.0.1:" + port, e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("proxy " + connectString() + " is closed");
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.trace("cannot close listener: {}", e.toString());
        }
    }

    @Override
    public String toString() {
        return "FaultProxy{" + connectString() + " -> " + target.getHostString() + ":" + target.getPort() + "}";
    }
}
