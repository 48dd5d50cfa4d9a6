package dev.zkasync.client;

import dev.zkasync.client.state.KazooState;
import dev.zkasync.client.state.KeeperState;

import dev.zkasync.client.exception.ProtocolException;
import dev.zkasync.test.FaultProxy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Faults a real server cannot produce, from a scripted fake server, plus garbage injected into a
 * real connection. Each drops the connection, never the client.
 */
class ProtocolFaultTest extends RealServerTest {
    private static final long SESSION = 0x4242L;

    private KazooClient fakeClient(FakeServer fake) {
        return track(builder(fake.connectString()).sessionTimeout(Duration.ofSeconds(6)).build());
    }

    private static BlockingQueue<KazooState> states(KazooClient c) {
        BlockingQueue<KazooState> q = new LinkedBlockingQueue<>();
        c.addListener(q::add);
        return q;
    }

    /**
     * A server that answers the first request with a wrong xid, then, on the next connection, serves
     * normally; {@code resumedWith} gets the session id the client asked to resume there.
     */
    private static FakeServer xidOutOfOrderOnce(BlockingQueue<Long> resumedWith) throws java.io.IOException {
        return new FakeServer(
                conn -> {
                    conn.readConnectRequest();
                    conn.writeConnectResponse(6000, SESSION, false, true);
                    int[] request = conn.readRequestHeader();
                    conn.writeReply(request[0] + 7, 5, 0, FakeServer.getDataBody(new byte[0]));
                    conn.waitForClose();
                },
                conn -> {
                    resumedWith.add(conn.readConnectRequest()[2]);
                    conn.writeConnectResponse(6000, SESSION, false, true);
                    conn.serve();
                });
    }

    @Test
    void anOutOfOrderXidDropsTheConnectionNotTheClient() throws Exception {
        BlockingQueue<Long> resumedWith = new LinkedBlockingQueue<>();
        try (FakeServer fake = xidOutOfOrderOnce(resumedWith)) {
            KazooClient c = fakeClient(fake);
            BlockingQueue<KazooState> states = states(c);
            c.start(Duration.ofSeconds(10));
            assertThat(states.poll(10, TimeUnit.SECONDS)).isEqualTo(KazooState.CONNECTED);

            assertThatThrownBy(() -> c.get("/x")).isInstanceOf(ProtocolException.class)
                    .hasMessageContaining("xid out of order");
            assertThat(states.poll(10, TimeUnit.SECONDS)).isEqualTo(KazooState.SUSPENDED);
            assertThat(states.poll(10, TimeUnit.SECONDS)).isEqualTo(KazooState.CONNECTED);
            assertThat(resumedWith.poll(10, TimeUnit.SECONDS)).as("same session resumed").isEqualTo(SESSION);
            assertThat(c.get("/x").data()).containsExactly(1, 2, 3);
            assertThat(fake.failures).isEmpty();
        }
    }

    @Test
    void aServerThatBreaksTheProtocolIsLoggedAtWarnWithItsAddress() throws Exception {
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        try (FakeServer fake = xidOutOfOrderOnce(new LinkedBlockingQueue<>())) {
            KazooClient c = fakeClient(fake);
            c.start(Duration.ofSeconds(10));
            // slf4j-simple writes to whatever System.err is at the time of the call.
            System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
            try {
                assertThatThrownBy(() -> c.get("/x")).isInstanceOf(ProtocolException.class);
                assertThat(c.get("/x").data()).containsExactly(1, 2, 3);
            } finally {
                System.setErr(original);
            }
            String log = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
            original.print(log);
            assertThat(log.lines().filter(l -> l.contains("broke the protocol")))
                    .singleElement().asString()
                    .contains("WARN").contains(fake.connectString()).contains("xid out of order");
            assertThat(log.lines().filter(l -> l.contains(" INFO ") && l.contains("Connection to"))).isEmpty();
        }
    }

    @Test
    void anOversizedFrameLengthDropsTheConnectionWithoutAllocatingIt() throws Exception {
        try (FakeServer fake = new FakeServer(
                conn -> {
                    conn.readConnectRequest();
                    conn.writeConnectResponse(6000, SESSION, false, true);
                    conn.readRequestHeader();
                    conn.writeRaw(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xf0, 1, 2, 3, 4});
                    conn.waitForClose();
                },
                conn -> {
                    conn.readConnectRequest();
                    conn.writeConnectResponse(6000, SESSION, false, true);
                    conn.serve();
                })) {
            KazooClient c = fakeClient(fake);
            c.start(Duration.ofSeconds(10));
            long heapBefore = usedHeap();
            assertThatThrownBy(() -> c.get("/x")).isInstanceOf(ProtocolException.class)
                    .hasMessageContaining("bad frame");
            assertThat(usedHeap() - heapBefore).as("no 2 GB buffer was allocated").isLessThan(512L << 20);
            assertThat(c.get("/x").data()).containsExactly(1, 2, 3);
        }
    }

    @Test
    void aRecordThatPointsPastItsFrameFailsTheRequestAndTheConnection() throws Exception {
        try (FakeServer fake = new FakeServer(
                conn -> {
                    conn.readConnectRequest();
                    conn.writeConnectResponse(6000, SESSION, false, true);
                    int[] request = conn.readRequestHeader();
                    // getData reply claiming 1,000,000 bytes of data in a 10-byte body
                    conn.writeReply(request[0], 5, 0, new byte[] {0, 0x0f, 0x42, 0x40, 1, 2, 3, 4, 5, 6});
                    conn.waitForClose();
                },
                conn -> {
                    conn.readConnectRequest();
                    conn.writeConnectResponse(6000, SESSION, false, true);
                    conn.serve();
                })) {
            KazooClient c = fakeClient(fake);
            c.start(Duration.ofSeconds(10));
            assertThatThrownBy(() -> c.get("/x")).isInstanceOf(ProtocolException.class)
                    .hasMessageContaining("get_data");
            assertThat(c.get("/x").data()).containsExactly(1, 2, 3);
        }
    }

    @Test
    void aServerThatNeverAnswersTheHandshakeIsLeftForTheNextHost() throws Exception {
        try (FakeServer silent = new FakeServer(conn -> {
            conn.readConnectRequest();
            conn.waitForClose();
        })) {
            KazooClient c = started(builder(silent.connectString() + "," + zk.connectString())
                    .randomizeHosts(false).sessionTimeout(Duration.ofSeconds(3)));
            assertThat(c.connectedServer()).isEqualTo(zk.server().connectString());
        }
    }

    @Test
    void readOnlyServersAreAcceptedOnlyWhenAskedAndOldHandshakesParse() throws Exception {
        BlockingQueue<Long> readOnlyFlag = new LinkedBlockingQueue<>();
        try (FakeServer fake = new FakeServer(conn -> {
            readOnlyFlag.add(conn.readConnectRequest()[3]);
            conn.writeConnectResponse(6000, SESSION, true, true);
            conn.serve();
        })) {
            KazooClient c = track(builder(fake.connectString()).readOnly(true).build());
            c.start(Duration.ofSeconds(10));
            assertThat(readOnlyFlag.poll(5, TimeUnit.SECONDS)).isEqualTo(1L);
            assertThat(c.clientState()).isEqualTo(KeeperState.CONNECTED_RO);
            assertThat(c.state()).isEqualTo(KazooState.CONNECTED);
        }
        try (FakeServer old = new FakeServer(conn -> {
            conn.readConnectRequest();
            conn.writeConnectResponse(6000, SESSION, false, false); // a pre-3.4 server: no read-only byte
            conn.serve();
        })) {
            KazooClient c = fakeClient(old);
            c.start(Duration.ofSeconds(10));
            assertThat(c.clientState()).isEqualTo(KeeperState.CONNECTED);
            assertThat(c.clientId().sessionId()).isEqualTo(SESSION);
        }
    }

    @Test
    void anExpiredHandshakeStartsANewSession() throws Exception {
        BlockingQueue<Long> askedFor = new LinkedBlockingQueue<>();
        try (FakeServer fake = new FakeServer(
                conn -> {
                    conn.readConnectRequest();
                    conn.writeConnectResponse(6000, SESSION, false, true);
                    conn.readRequestHeader();
                    conn.socket.close(); // connection lost mid-request
                },
                conn -> {
                    askedFor.add(conn.readConnectRequest()[2]);
                    conn.writeConnectResponse(0, 0, false, true); // expired
                    conn.waitForClose();
                },
                conn -> {
                    askedFor.add(conn.readConnectRequest()[2]);
                    conn.writeConnectResponse(6000, SESSION + 1, false, true);
                    conn.serve();
                })) {
            KazooClient c = fakeClient(fake);
            BlockingQueue<KazooState> states = states(c);
            c.start(Duration.ofSeconds(10));
            assertThat(c.existsAsync("/x").await(Duration.ofSeconds(10))).isTrue();
            assertThat(states.poll(10, TimeUnit.SECONDS)).isEqualTo(KazooState.CONNECTED);
            assertThat(states.poll(10, TimeUnit.SECONDS)).isEqualTo(KazooState.SUSPENDED);
            assertThat(states.poll(10, TimeUnit.SECONDS)).isEqualTo(KazooState.LOST);
            assertThat(states.poll(10, TimeUnit.SECONDS)).isEqualTo(KazooState.CONNECTED);
            assertThat(askedFor.poll(5, TimeUnit.SECONDS)).isEqualTo(SESSION);
            assertThat(askedFor.poll(5, TimeUnit.SECONDS)).as("a new session after expiry").isZero();
            assertThat(c.clientId().sessionId()).isEqualTo(SESSION + 1);
        }
    }

    @Test
    void garbageInjectedIntoARealConnectionIsSurvived() throws Exception {
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", zk.server().port())) {
            KazooClient c = started(builder(proxy.connectString(zk.chroot())));
            BlockingQueue<KazooState> states = states(c);
            long session = c.clientId().sessionId();
            proxy.injectToClient(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x00, 9, 9, 9, 9});
            assertThat(states.poll(10, TimeUnit.SECONDS)).isEqualTo(KazooState.SUSPENDED);
            assertThat(states.poll(10, TimeUnit.SECONDS)).isEqualTo(KazooState.CONNECTED);
            assertThat(c.clientId().sessionId()).isEqualTo(session);
            assertThat(c.exists("/")).isNotNull();
        }
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
