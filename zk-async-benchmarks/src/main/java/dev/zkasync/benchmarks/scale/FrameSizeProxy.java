package dev.zkasync.benchmarks.scale;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy in front of the server that reads the client's frames (4-byte length, then
 * the body) as it forwards them and keeps the largest length seen: the figure to hold against the
 * server's {@code jute.maxbuffer}. Replies are copied unread. A connection whose server side fails
 * (the server is down) is closed, as the server itself would.
 */
final class FrameSizeProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicInteger largestFrame = new AtomicInteger();
    private final AtomicInteger frames = new AtomicInteger();
    private final AtomicLong lastFrameNanos = new AtomicLong();
    private final AtomicLong lastConnectedNanos = new AtomicLong();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

    private FrameSizeProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon("frame-proxy-accept", this::acceptLoop);
    }

    static FrameSizeProxy start(int targetPort) throws IOException {
        return new FrameSizeProxy(targetPort);
    }

    String connectString() {
        return "127.0.0.1:" + listener.getLocalPort();
    }

    /** The largest frame length a client sent since the last {@link #resetLargestFrame()}. */
    int largestFrame() {
        return largestFrame.get();
    }

    /** Starts counting frames anew: largest frame, frame count, last frame time. */
    void resetLargestFrame() {
        largestFrame.set(0);
        frames.set(0);
        lastFrameNanos.set(0);
    }

    /** Client frames forwarded since the last {@link #resetLargestFrame()}. */
    int frames() {
        return frames.get();
    }

    /**
     * When the last client frame since the last {@link #resetLargestFrame()} was handed on whole to the
     * server's socket ({@link System#nanoTime()}, 0 if none): the client cannot have sent later.
     */
    long lastFrameNanos() {
        return lastFrameNanos.get();
    }

    /**
     * When the server last answered a new connection ({@link System#nanoTime()}; its first bytes, the
     * reply to the ConnectRequest), 0 if never: the moment of a reconnection as the wire sees it, the
     * same for every client.
     */
    long lastConnectedNanos() {
        return lastConnectedNanos.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                Socket server = new Socket();
                try {
                    server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5_000);
                } catch (IOException e) {
                    closeQuietly(client);
                    continue;
                }
                sockets.add(server);
                daemon("frame-proxy-up", () -> pumpFrames(client, server));
                daemon("frame-proxy-down", () -> pumpBytes(server, client));
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    ScaleHarness.log("frame proxy: accept failed: %s", e);
                }
            }
        }
    }

    private void pumpFrames(Socket from, Socket to) {
        try (DataInputStream in = new DataInputStream(from.getInputStream());
             DataOutputStream out = new DataOutputStream(to.getOutputStream())) {
            byte[] buffer = new byte[64 * 1024];
            while (true) {
                int length = in.readInt();
                largestFrame.accumulateAndGet(length, Math::max);
                out.writeInt(length);
                int left = length;
                while (left > 0) {
                    int n = in.read(buffer, 0, Math.min(buffer.length, left));
                    if (n < 0) {
                        return;
                    }
                    out.write(buffer, 0, n);
                    left -= n;
                }
                out.flush();
                frames.incrementAndGet();
                lastFrameNanos.set(System.nanoTime());
            }
        } catch (IOException e) {
            // either side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void pumpBytes(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int first = in.read();
            if (first < 0) {
                return;
            }
            lastConnectedNanos.set(System.nanoTime());
            out.write(first);
            in.transferTo(out);
        } catch (IOException e) {
            // either side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeQuietly(Socket s) {
        sockets.remove(s);
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        sockets.forEach(this::closeQuietly);
    }
}
