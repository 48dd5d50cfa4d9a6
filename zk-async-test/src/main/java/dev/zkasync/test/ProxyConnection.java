package dev.zkasync.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proxied connection: the accepted client socket, a socket to the target, and a pump thread
 * per direction. Pumps read, wait while the proxy is stalled, drop bytes while their direction is
 * blackholed or half-closed, delay and pace the rest ({@link ChunkPacer}), and pass end-of-stream
 * on as a half close.
 */
final class ProxyConnection {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyConnection.class);
    private static final int CONNECT_TIMEOUT_MILLIS = 5000;
    private static final int BUFFER_SIZE = 16 * 1024;

    private final int id;
    private final Socket client;
    private final InetSocketAddress target;
    private final ProxyControls controls;
    private final BiFunction<String, Runnable, Thread> threads;
    private final Consumer<ProxyConnection> onClose;
    /** Pump writes and injected bytes must not interleave mid-chunk on the client socket. */
    private final Object clientWriteLock = new Object();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger openDirections = new AtomicInteger(2);
    /** Set by {@link #halfClose}: that side's output is shut, so its pump drops what it reads. */
    private volatile boolean shutToServer;
    private volatile boolean shutToClient;
    private volatile Socket server;

    /**
     * @param threads starts a named daemon thread for a task
     * @param onClose called once when the connection closes
     */
    ProxyConnection(int id, Socket client, InetSocketAddress target, ProxyControls controls,
            BiFunction<String, Runnable, Thread> threads, Consumer<ProxyConnection> onClose) {
        this.id = id;
        this.client = client;
        this.target = target;
        this.controls = controls;
        this.threads = threads;
        this.onClose = onClose;
    }

    /**
     * Connects to the target and starts pumping; a connection accepted while blackholed never
     * reaches the target, its bytes are read and dropped.
     */
    void start(boolean blackholed) {
        threads.apply("c" + id + "-up", blackholed ? this::drainClient : this::connectAndPump);
    }

    private void drainClient() {
        byte[] buffer = new byte[BUFFER_SIZE];
        try {
            InputStream in = client.getInputStream();
            while (in.read(buffer) >= 0) {
                // dropped: a black hole forwards nothing
            }
        } catch (IOException e) {
            LOG.trace("connection {} ended: {}", id, e.toString());
        }
        close();
    }

    private void connectAndPump() {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(target, CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            LOG.debug("connection {}: cannot reach {}: {}", id, target, e.toString());
            closeQuietly(socket);
            abort(); // the client sees a reset, as if the target had refused it
            return;
        }
        server = socket;
        if (closed.get()) {
            closeQuietly(socket); // dropped while connecting
            return;
        }
        threads.apply("c" + id + "-down", () -> pump(socket, client, FaultProxy.Direction.TO_CLIENT));
        pump(client, socket, FaultProxy.Direction.TO_SERVER);
    }

    private void pump(Socket from, Socket to, FaultProxy.Direction direction) {
        byte[] buffer = new byte[BUFFER_SIZE];
        ChunkPacer pacer = new ChunkPacer(controls, closed::get);
        boolean toClient = direction == FaultProxy.Direction.TO_CLIENT;
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            while (true) {
                int n = in.read(buffer);
                if (!controls.awaitFlowing(closed::get)) {
                    return;
                }
                boolean drop = controls.drops(direction) || isShut(direction);
                if (n < 0) {
                    if (!drop) {
                        to.shutdownOutput();
                    }
                    break;
                }
                if (drop) {
                    continue;
                }
                boolean written;
                if (toClient) {
                    synchronized (clientWriteLock) {
                        written = pacer.write(buffer, n, out);
                    }
                } else {
                    written = pacer.write(buffer, n, out);
                }
                if (!written) {
                    return;
                }
            }
        } catch (IOException e) {
            LOG.trace("connection {} failed: {}", id, e.toString());
            abort(); // pass a reset on rather than a clean close
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            return;
        }
        if (openDirections.decrementAndGet() == 0) {
            close();
        }
    }

    /**
     * Shuts the output towards one side, which reads end-of-stream while the other direction keeps
     * flowing; what later comes for the shut side is dropped. A connection not yet through to the
     * target has no server side to shut.
     */
    void halfClose(FaultProxy.Direction direction) {
        Socket socket = direction == FaultProxy.Direction.TO_CLIENT ? client : server;
        if (socket == null || isShut(direction)) {
            return;
        }
        if (direction == FaultProxy.Direction.TO_CLIENT) {
            shutToClient = true;
        } else {
            shutToServer = true;
        }
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            LOG.trace("connection {}: cannot half-close towards {}: {}", id, direction, e.toString());
        }
    }

    private boolean isShut(FaultProxy.Direction direction) {
        return direction == FaultProxy.Direction.TO_CLIENT ? shutToClient : shutToServer;
    }

    /** Writes raw bytes to the client, as if the target had sent them. */
    void injectToClient(byte[] bytes) {
        synchronized (clientWriteLock) {
            try {
                OutputStream out = client.getOutputStream();
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                LOG.debug("connection {}: cannot inject bytes: {}", id, e.toString());
            }
        }
    }

    /** Closes both sockets with SO_LINGER 0, so each peer gets a reset (RST) instead of a FIN. */
    void abort() {
        setLingerZero(client);
        Socket target = server;
        if (target != null) {
            setLingerZero(target);
        }
        close();
    }

    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeQuietly(client);
        Socket target = server;
        if (target != null) {
            closeQuietly(target);
        }
        controls.wakeAll();
        onClose.accept(this);
    }

    private static void setLingerZero(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            LOG.trace("cannot set SO_LINGER: {}", e.toString());
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.trace("cannot close socket: {}", e.toString());
        }
    }
}
