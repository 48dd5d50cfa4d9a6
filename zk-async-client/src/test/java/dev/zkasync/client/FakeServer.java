package dev.zkasync.client;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A scripted stand-in for a ZooKeeper server, for faults a real one cannot produce: out-of-order
 * xids, oversized or truncated frames, a handshake that never completes. Each accepted connection
 * runs the script on its own daemon thread. Never a replacement for the real server.
 */
final class FakeServer implements AutoCloseable {

    /** What to do with one accepted connection. */
    @FunctionalInterface
    interface Script {
        void run(Conn conn) throws IOException, InterruptedException;
    }

    /** One accepted connection, with helpers for ZooKeeper frames. */
    static final class Conn {
        final int index;
        final DataInputStream in;
        final DataOutputStream out;
        final Socket socket;

        Conn(int index, Socket socket) throws IOException {
            this.index = index;
            this.socket = socket;
            this.in = new DataInputStream(socket.getInputStream());
            this.out = new DataOutputStream(socket.getOutputStream());
        }

        ByteBuffer readFrame() throws IOException {
            int length = in.readInt();
            byte[] body = new byte[length];
            in.readFully(body);
            return ByteBuffer.wrap(body);
        }

        /** Reads the ConnectRequest; returns {lastZxid, timeout, sessionId, readOnly(0/1)}. */
        long[] readConnectRequest() throws IOException {
            ByteBuffer b = readFrame();
            b.getInt(); // protocol version
            long lastZxid = b.getLong();
            int timeout = b.getInt();
            long sessionId = b.getLong();
            int pwLength = b.getInt();
            b.position(b.position() + pwLength);
            long readOnly = b.hasRemaining() ? b.get() : -1;
            return new long[] {lastZxid, timeout, sessionId, readOnly};
        }

        void writeConnectResponse(int timeout, long sessionId, boolean readOnly, boolean withReadOnlyByte)
                throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(bytes);
            d.writeInt(0);
            d.writeInt(timeout);
            d.writeLong(sessionId);
            d.writeInt(16);
            d.write(new byte[16]);
            if (withReadOnlyByte) {
                d.writeBoolean(readOnly);
            }
            writeFrame(bytes.toByteArray());
        }

        /** Reads a request; returns {xid, opcode}. */
        int[] readRequestHeader() throws IOException {
            ByteBuffer b = readFrame();
            return new int[] {b.getInt(), b.getInt()};
        }

        void writeReply(int xid, long zxid, int err, byte[] body) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(bytes);
            d.writeInt(xid);
            d.writeLong(zxid);
            d.writeInt(err);
            d.write(body);
            writeFrame(bytes.toByteArray());
        }

        void writeFrame(byte[] body) throws IOException {
            out.writeInt(body.length);
            out.write(body);
            out.flush();
        }

        void writeRaw(byte[] raw) throws IOException {
            out.write(raw);
            out.flush();
        }

        /** Answers requests correctly until the client goes: pings, and exists/getData with a stat. */
        void serve() throws IOException {
            while (true) {
                int[] header;
                try {
                    header = readRequestHeader();
                } catch (IOException closed) {
                    return;
                }
                if (header[1] == 11) {
                    writeReply(-2, 0, 0, new byte[0]);
                } else if (header[1] == 4) {
                    writeReply(header[0], 5, 0, getDataBody(new byte[] {1, 2, 3}));
                } else if (header[1] == -11) {
                    writeReply(header[0], 5, 0, new byte[0]);
                    return;
                } else {
                    writeReply(header[0], 5, 0, stat());
                }
            }
        }

        void waitForClose() {
            try {
                while (in.read() >= 0) {
                    // drain until the client closes
                }
            } catch (IOException e) {
                // closed
            }
        }
    }

    static byte[] stat() {
        return new byte[68];
    }

    static byte[] getDataBody(byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + data.length + 68);
        b.putInt(data.length).put(data);
        return b.array();
    }

    private final ServerSocket listener;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    final BlockingQueue<Throwable> failures = new LinkedBlockingQueue<>();
    private final Thread acceptor;

    FakeServer(Script... perConnection) throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofPlatform().daemon().name("fake-zk-accept").start(() -> {
            int n = 0;
            while (!listener.isClosed()) {
                Socket s;
                try {
                    s = listener.accept();
                } catch (IOException e) {
                    return;
                }
                sockets.add(s);
                Script script = perConnection[Math.min(n, perConnection.length - 1)];
                int index = n++;
                Thread.ofPlatform().daemon().name("fake-zk-conn-" + index).start(() -> {
                    try {
                        script.run(new Conn(index, s));
                    } catch (IOException ignored) {
                        // the client went away
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                });
            }
        });
    }

    int port() {
        return listener.getLocalPort();
    }

    String connectString() {
        return "127.0.0.1:" + port();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : sockets) {
            s.close();
        }
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
