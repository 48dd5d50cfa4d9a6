package dev.zkasync.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A target for the fault proxy's tests that sees each direction apart: it echoes what it reads,
 * counts the bytes and the end-of-streams, and answers an end-of-stream with {@code "bye"} before
 * closing, so a test can tell that its side of the connection still delivers.
 */
final class EchoServer implements AutoCloseable {

    static final byte[] BYE = "bye".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket listener;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final AtomicInteger endsOfStream = new AtomicInteger();

    EchoServer() throws IOException {
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(FreePorts.LOOPBACK, 0));
        Thread acceptor = new Thread(this::acceptLoop, "echo-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    long bytesReceived() {
        return bytesReceived.get();
    }

    int endsOfStream() {
        return endsOfStream.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                sockets.add(socket);
                Thread echo = new Thread(() -> echo(socket), "echo-" + socket.getPort());
                echo.setDaemon(true);
                echo.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void echo(Socket socket) {
        byte[] buffer = new byte[8192];
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                bytesReceived.addAndGet(n);
                out.write(buffer, 0, n);
                out.flush();
            }
            endsOfStream.incrementAndGet();
            out.write(BYE);
            out.flush();
        } catch (IOException e) {
            // the peer reset: nothing to echo any more
        } finally {
            sockets.remove(socket);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
