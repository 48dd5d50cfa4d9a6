package dev.zkasync.client.recipe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy that can swallow the server's replies while still forwarding the client's requests:
 * the "the create succeeded but its reply was lost" fault, which FaultProxy (both directions at
 * once) cannot make. {@link #dropConnections()} then resets the client's connection.
 */
final class ReplyMutingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean muted;
    /** When set, replies are muted from the moment a request with this opcode goes to the server. */
    private volatile int muteAfterOpcode = Integer.MIN_VALUE;

    ReplyMutingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("muting-proxy-accept").start(this::acceptLoop);
    }

    String connectString(String chroot) {
        return "127.0.0.1:" + listener.getLocalPort() + chroot;
    }

    /** While muted, everything the server sends is read and dropped. */
    void mute(boolean on) {
        muted = on;
    }

    /**
     * Mutes the server's replies as soon as the client sends a request with {@code opcode} (e.g. 5,
     * setData): that request reaches the server, its reply does not reach the client.
     */
    void muteRepliesFrom(int opcode) {
        muteAfterOpcode = opcode;
    }

    /** Resets every proxied connection. */
    void dropConnections() {
        for (Socket s : sockets) {
            try {
                s.setSoLinger(true, 0);
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        sockets.clear();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(server);
                pumpRequests(client, server);
                pump(server, client, true);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean replies) {
        Thread.ofPlatform().daemon().name("muting-proxy-pump").start(() -> {
            byte[] buf = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (!(replies && muted)) {
                        out.write(buf, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // connection gone
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        });
    }

    /** Client to server: forwards everything, reading the frames to spot the opcode to mute after. */
    private void pumpRequests(Socket from, Socket to) {
        Thread.ofPlatform().daemon().name("muting-proxy-requests").start(() -> {
            java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();
            boolean[] first = {true}; // the ConnectRequest has no xid and opcode
            byte[] buf = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    pending.write(buf, 0, n);
                    byte[] all = pending.toByteArray();
                    int pos = 0;
                    while (all.length - pos >= 4) {
                        int len = java.nio.ByteBuffer.wrap(all, pos, 4).getInt();
                        if (all.length - pos - 4 < len) {
                            break;
                        }
                        if (!first[0] && len >= 8
                                && java.nio.ByteBuffer.wrap(all, pos + 8, 4).getInt() == muteAfterOpcode) {
                            muted = true;
                        }
                        first[0] = false;
                        pos += 4 + len;
                    }
                    pending.reset();
                    pending.write(all, pos, all.length - pos);
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // connection gone
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        });
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // ignore
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        dropConnections();
    }
}
