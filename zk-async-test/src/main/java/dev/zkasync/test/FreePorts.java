package dev.zkasync.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loopback ports for servers and proxies. The OS picks a free port; a JVM-wide set keeps two
 * servers in this JVM from being handed the same one while either lives.
 */
final class FreePorts {

    /** 127.0.0.1 itself, not getLoopbackAddress(), which is ::1 when the JVM prefers IPv6. */
    static final InetAddress LOOPBACK = ipv4Loopback();

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    private static InetAddress ipv4Loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e); // cannot happen for a 4-byte address
        }
    }

    /** A port that was free a moment ago and that no other caller in this JVM holds. */
    static int allocate() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(LOOPBACK, 0));
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot find a free loopback port", e);
            }
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port after 100 attempts");
    }

    /** Marks a port bound by this JVM itself (e.g. a proxy) so it is never handed out. */
    static void reserve(int port) {
        HANDED_OUT.add(port);
    }

    static void release(int port) {
        HANDED_OUT.remove(port);
    }

    /** Whether a listener could bind the port on 127.0.0.1 right now (with SO_REUSEADDR, as ZooKeeper does). */
    static boolean isBindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(LOOPBACK, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits until every port is bindable, failing after {@code timeout}. */
    static void awaitBindable(Collection<Integer> ports, Duration timeout) {
        Poll.until(timeout, () -> ports.stream().allMatch(FreePorts::isBindable),
                () -> "ports " + ports + " still in use after " + timeout);
    }
}
