package dev.zkasync.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The proxy's faults that treat the two directions apart or slow bytes down, against an echo target. */
@Timeout(60)
class FaultProxyShapingTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** How long a test waits to conclude that bytes are not coming. */
    private static final int SILENCE_MILLIS = 300;

    private EchoServer echo;
    private FaultProxy proxy;
    private Socket socket;

    @BeforeEach
    void start() throws IOException {
        echo = new EchoServer();
        proxy = FaultProxy.start("127.0.0.1", echo.port());
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", proxy.port()), 5000);
        socket.setSoTimeout(5000);
        assertThat(roundTrip("hello")).isEqualTo("hello"); // through to the target before any fault
    }

    @AfterEach
    void stop() throws IOException {
        socket.close();
        proxy.close();
        echo.close();
    }

    @Test
    void latencyDelaysEveryChunkInBothDirections() throws IOException {
        proxy.latency(Duration.ofMillis(200));

        long start = System.nanoTime();
        assertThat(roundTrip("slow")).isEqualTo("slow");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).as("one delay up, one down").isGreaterThanOrEqualTo(400);

        proxy.latency(Duration.ZERO);
        assertThat(roundTrip("fast")).isEqualTo("fast");
        assertThatThrownBy(() -> proxy.latency(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBandwidthCapPacesTheStream() throws IOException {
        proxy.capBandwidth(20_000);
        byte[] payload = new byte[10_000];
        Arrays.fill(payload, (byte) 'x');

        long start = System.nanoTime();
        socket.getOutputStream().write(payload);
        assertThat(socket.getInputStream().readNBytes(payload.length)).isEqualTo(payload);
        long millis = (System.nanoTime() - start) / 1_000_000;
        // 10 kB at 20 kB/s in slices of 1 kB: the first slice goes at once, nine more follow 50 ms apart.
        assertThat(millis).isGreaterThanOrEqualTo(450);

        proxy.uncapBandwidth();
        start = System.nanoTime();
        socket.getOutputStream().write(payload);
        assertThat(socket.getInputStream().readNBytes(payload.length)).isEqualTo(payload);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(millis);
        assertThatThrownBy(() -> proxy.capBandwidth(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void blackholingTowardsTheServerDropsOnlyTheClientsBytes() throws IOException {
        proxy.blackhole(FaultProxy.Direction.TO_SERVER, true);
        send("lost");
        assertSilent();
        assertThat(echo.bytesReceived()).as("only the first round trip").isEqualTo(5);

        proxy.blackhole(FaultProxy.Direction.TO_SERVER, false);
        assertThat(roundTrip("kept")).isEqualTo("kept");
    }

    @Test
    void blackholingTowardsTheClientDropsOnlyTheServersBytes() throws IOException {
        proxy.blackhole(FaultProxy.Direction.TO_CLIENT, true);
        send("lost");
        Poll.until(WAIT, () -> echo.bytesReceived() == 9, () -> "the target never got the bytes");
        assertSilent();

        proxy.blackhole(FaultProxy.Direction.TO_CLIENT, false);
        assertThat(roundTrip("kept")).isEqualTo("kept");
    }

    @Test
    void halfClosingTowardsTheClientEndsItsStreamWhileItsBytesStillReachTheServer() throws IOException {
        proxy.halfClose(FaultProxy.Direction.TO_CLIENT);

        assertThat(socket.getInputStream().read()).as("end-of-stream").isEqualTo(-1);
        send("still");
        Poll.until(WAIT, () -> echo.bytesReceived() == 10, () -> "the client's bytes stopped at the proxy");
    }

    @Test
    void halfClosingTowardsTheServerEndsItsStreamWhileItsBytesStillReachTheClient() throws IOException {
        proxy.halfClose(FaultProxy.Direction.TO_SERVER);

        Poll.until(WAIT, () -> echo.endsOfStream() == 1, () -> "the target never read end-of-stream");
        InputStream in = socket.getInputStream();
        assertThat(in.readNBytes(EchoServer.BYE.length)).isEqualTo(EchoServer.BYE);
        assertThat(in.read()).as("the target closed in turn").isEqualTo(-1);
    }

    @Test
    void turningLatencyOffReleasesAChunkAlreadyWaiting() throws IOException {
        proxy.latency(Duration.ofSeconds(30));
        send("held");
        assertSilent();

        proxy.latency(Duration.ZERO);

        assertThat(new String(socket.getInputStream().readNBytes(4), StandardCharsets.US_ASCII)).isEqualTo("held");
    }

    @Test
    void clearFaultsTurnsEverySwitchOff() throws IOException {
        proxy.stall();
        proxy.blackhole(FaultProxy.Direction.TO_CLIENT, true);
        proxy.latency(Duration.ofSeconds(30));
        proxy.capBandwidth(1);
        proxy.refuseNewConnections(true);

        proxy.clearFaults();

        assertThat(proxy.isStalled()).isFalse();
        assertThat(roundTrip("clear")).isEqualTo("clear");
        try (Socket another = new Socket()) {
            another.connect(new InetSocketAddress("127.0.0.1", proxy.port()), 5000);
        }
    }

    private void send(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
    }

    private String roundTrip(String text) throws IOException {
        send(text);
        return new String(socket.getInputStream().readNBytes(text.length()), StandardCharsets.US_ASCII);
    }

    private void assertSilent() throws IOException {
        socket.setSoTimeout(SILENCE_MILLIS);
        assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
        socket.setSoTimeout(5000);
    }
}
