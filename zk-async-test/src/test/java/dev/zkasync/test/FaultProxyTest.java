package dev.zkasync.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(60)
class FaultProxyTest {

    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.perClass();

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void forwardsAFourLetterWordRoundTrip() {
        try (FaultProxy proxy = proxy()) {
            assertThat(proxy.connectString()).isEqualTo("127.0.0.1:" + proxy.port());
            assertThat(proxy.connectString("/x")).isEqualTo(proxy.connectString() + "/x");
            assertThat(proxy.port()).isNotEqualTo(zk.server().port());

            assertThat(ruok(proxy, Duration.ofSeconds(5))).isEqualTo("imok");

            assertThat(proxy.totalConnectionsAccepted()).isEqualTo(1);
            Poll.until(WAIT, () -> proxy.connectionCount() == 0, () -> "connection still open");
            assertThat(ruok(proxy, Duration.ofSeconds(5))).isEqualTo("imok");
            assertThat(proxy.totalConnectionsAccepted()).isEqualTo(2);
        }
    }

    @Test
    void stallHoldsBytesUntilUnstall() throws IOException {
        try (FaultProxy proxy = proxy(); Socket socket = connect(proxy)) {
            proxy.stall();
            assertThat(proxy.isStalled()).isTrue();
            socket.getOutputStream().write("ruok".getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(300);
            assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            assertThat(proxy.connectionCount()).isEqualTo(1);

            proxy.unstall();

            socket.setSoTimeout(5000);
            assertThat(readToEnd(socket.getInputStream())).isEqualTo("imok");
        }
    }

    @Test
    void dropConnectionsResetsClients() throws IOException {
        try (FaultProxy proxy = proxy(); Socket socket = connect(proxy)) {
            Poll.until(WAIT, () -> proxy.connectionCount() == 1, () -> "connection not accepted");

            proxy.dropConnections();

            socket.setSoTimeout(5000);
            assertThat(readOutcome(socket)).isIn("EOF", "reset");
            Poll.until(WAIT, () -> proxy.connectionCount() == 0, () -> "connection still counted");
            assertThat(ruok(proxy, Duration.ofSeconds(5))).isEqualTo("imok");
        }
    }

    @Test
    void refusedConnectionsFailUntilAcceptedAgain() throws IOException {
        try (FaultProxy proxy = proxy(); Socket existing = connect(proxy)) {
            Poll.until(WAIT, () -> proxy.connectionCount() == 1, () -> "connection not accepted");

            proxy.refuseNewConnections(true);

            assertThatThrownBy(() -> connect(proxy).close()).isInstanceOf(ConnectException.class);
            existing.getOutputStream().write("ruok".getBytes(StandardCharsets.US_ASCII));
            existing.setSoTimeout(5000);
            assertThat(readToEnd(existing.getInputStream())).isEqualTo("imok");

            proxy.refuseNewConnections(false);

            assertThat(ruok(proxy, Duration.ofSeconds(5))).isEqualTo("imok");
        }
    }

    @Test
    void blackholeForwardsNothing() {
        try (FaultProxy proxy = proxy()) {
            proxy.blackhole(true);

            assertThatThrownBy(() -> ruok(proxy, Duration.ofMillis(500)))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasCauseInstanceOf(SocketTimeoutException.class);

            proxy.blackhole(false);

            assertThat(ruok(proxy, Duration.ofSeconds(5))).isEqualTo("imok");
        }
    }

    @Test
    void injectedBytesReachTheClient() throws IOException {
        try (FaultProxy proxy = proxy(); Socket socket = connect(proxy)) {
            Poll.until(WAIT, () -> proxy.connectionCount() == 1, () -> "connection not accepted");

            proxy.injectToClient(new byte[] {0, 0, 0, 7, 42});

            socket.setSoTimeout(5000);
            assertThat(socket.getInputStream().readNBytes(5)).containsExactly(0, 0, 0, 7, 42);
        }
    }

    @Test
    void aDeadTargetResetsTheClient() throws IOException {
        int deadPort = FreePorts.allocate();
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", deadPort)) {
            assertThat(connectAndRead(proxy)).isIn("EOF", "reset");
            Poll.until(WAIT, () -> proxy.connectionCount() == 0, () -> "connection still counted");
            assertThat(proxy.totalConnectionsAccepted()).isEqualTo(1);
        } finally {
            FreePorts.release(deadPort);
        }
    }

    @Test
    void closeEndsEveryThreadAndConnection() throws IOException {
        FaultProxy proxy = proxy();
        String prefix = "fault-proxy-" + proxy.port() + "-";
        try (Socket socket = connect(proxy)) {
            Poll.until(WAIT, () -> proxy.connectionCount() == 1, () -> "connection not accepted");
            // The connection is counted before its pump threads start.
            Poll.until(WAIT, () -> proxyThreads(prefix) >= 2, () -> "the connection's threads never started");
            assertThat(Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith(prefix))).allMatch(Thread::isDaemon);

            proxy.close();
            proxy.close();

            socket.setSoTimeout(5000);
            assertThat(readOutcome(socket)).isIn("EOF", "reset");
            Poll.until(WAIT, () -> proxyThreads(prefix) == 0, () -> "proxy threads still alive");
            assertThat(proxy.connectionCount()).isZero();
            assertThatThrownBy(() -> proxy.refuseNewConnections(true)).isInstanceOf(IllegalStateException.class);
        } finally {
            proxy.close();
        }
    }

    private static FaultProxy proxy() {
        return FaultProxy.start("127.0.0.1", zk.server().port());
    }

    private static String ruok(FaultProxy proxy, Duration timeout) {
        return FourLetterWord.send("127.0.0.1", proxy.port(), "ruok", timeout);
    }

    private static Socket connect(FaultProxy proxy) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", proxy.port()), 5000);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static String readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.US_ASCII);
    }

    /** Like {@link #readOutcome}; the reset may come so soon that connecting already fails. */
    private static String connectAndRead(FaultProxy proxy) throws IOException {
        Socket socket;
        try {
            socket = connect(proxy);
        } catch (SocketException e) {
            return "reset";
        }
        try (socket) {
            socket.setSoTimeout(5000);
            return readOutcome(socket);
        }
    }

    /** "EOF" or "reset"; a timeout fails the test. */
    private static String readOutcome(Socket socket) throws IOException {
        try {
            int b = socket.getInputStream().read();
            return b < 0 ? "EOF" : "byte " + b;
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (SocketException e) {
            return "reset";
        }
    }

    private static long proxyThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix)).count();
    }
}
