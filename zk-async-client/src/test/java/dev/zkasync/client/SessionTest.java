package dev.zkasync.client;

import org.junit.jupiter.api.Tag;
import dev.zkasync.client.data.NodeData;
import dev.zkasync.client.data.Stat;
import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.state.ClientId;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.client.state.KeeperState;
import dev.zkasync.client.watch.EventType;
import dev.zkasync.client.watch.WatchedEvent;

import dev.zkasync.client.acl.Acls;
import dev.zkasync.client.exception.AuthFailedException;
import dev.zkasync.client.exception.ConnectionClosedException;
import dev.zkasync.client.exception.ConnectionLossException;
import dev.zkasync.client.exception.KazooTimeoutException;
import dev.zkasync.client.exception.NoAuthException;
import dev.zkasync.client.exception.RequestQueueFullException;
import dev.zkasync.client.exception.RequestDeadlineException;
import dev.zkasync.client.exception.RequestTimeoutException;
import dev.zkasync.test.FaultProxy;
import dev.zkasync.test.ZooKeeperExtension;
import dev.zkasync.test.ZooKeeperServerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Sessions across faults, on a server of this class's own (the tests stop, kill and restart it),
 * under both handlers.
 */
@Tag("server-matrix")
@ParameterizedClass
@EnumSource(HandlerKind.class)
class SessionTest {
    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.perClass(ZooKeeperServerOptions.builder()
            .tickTime(Duration.ofMillis(500))
            .superDigest("super", "secret")
            .build());

    @Parameter
    HandlerKind handlerKind;

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        Collections.reverse(closeables);
        for (AutoCloseable c : closeables) {
            c.close();
        }
        zk.server().startAgain(); // a test that stopped the server must not break the next one
    }

    private KazooClientBuilder builder(String hosts) {
        return KazooClient.builder().hosts(hosts).sessionTimeout(Duration.ofSeconds(10))
                .requestTimeout(Duration.ofSeconds(30)).handler(handlerKind.create());
    }

    private KazooClient client() {
        return started(builder(zk.connectString()));
    }

    private KazooClient started(KazooClientBuilder builder) {
        KazooClient c = builder.build();
        closeables.add(c);
        c.start(Duration.ofSeconds(30));
        c.ensurePath("/");
        return c;
    }

    private FaultProxy proxy() {
        FaultProxy p = FaultProxy.start("127.0.0.1", zk.server().port());
        closeables.add(p);
        return p;
    }

    private static BlockingQueue<KazooState> states(KazooClient c) {
        BlockingQueue<KazooState> states = new LinkedBlockingQueue<>();
        c.addListener(states::add);
        return states;
    }

    private static KazooState next(BlockingQueue<KazooState> states) throws InterruptedException {
        KazooState s = states.poll(30, TimeUnit.SECONDS);
        assertThat(s).as("a state change within 30 s").isNotNull();
        return s;
    }

    @Test
    void serverRestartKeepsTheSession() throws Exception {
        KazooClient c = client();
        BlockingQueue<KazooState> states = states(c);
        long session = c.clientId().sessionId();
        c.create("/eph", null, CreateOptions.DEFAULT.ephemeral());

        zk.server().restart();

        assertThat(next(states)).isEqualTo(KazooState.SUSPENDED);
        assertThat(next(states)).isEqualTo(KazooState.CONNECTED);
        assertThat(c.clientId().sessionId()).isEqualTo(session);
        assertThat(c.exists("/eph")).isNotNull();
        assertThat(c.stats().reconnects()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void serverKilledUnderAStreamOfWritesLosesNoAcknowledgedWrite() throws Exception {
        KazooClient c = client();
        c.create("/w");
        long session = c.clientId().sessionId();
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        Semaphore window = new Semaphore(32);
        Thread writer = Thread.ofPlatform().start(() -> {
            int i = 0;
            while (writing.get()) {
                window.acquireUninterruptibly();
                String path = "/w/n-" + i++;
                c.createAsync(path, bytes(path)).rawlink(r -> {
                    if (r.successful()) {
                        acknowledged.add(r.value());
                    }
                    window.release();
                });
            }
        });
        await("writes before the kill", () -> acknowledged.size() > 200);
        zk.server().kill();
        zk.server().startAgain();
        int before = acknowledged.size();
        await("writes after the restart", () -> acknowledged.size() > before + 200);
        writing.set(false);
        writer.join(10_000);
        window.acquire(32); // every outstanding write has completed

        assertThat(c.clientId().sessionId()).isEqualTo(session);
        List<String> children = c.getChildren("/w");
        for (String path : acknowledged) {
            assertThat(children).as("acknowledged %s", path).contains(path.substring(3));
        }
    }

    @Test
    void expiredSessionGivesLostThenANewSession() throws Exception {
        FaultProxy proxy = proxy();
        KazooClient c = started(builder(proxy.connectString(zk.chroot())));
        BlockingQueue<KazooState> states = states(c);
        ClientId first = c.clientId();
        c.create("/eph", null, CreateOptions.DEFAULT.ephemeral());
        BlockingQueue<WatchedEvent> events = new LinkedBlockingQueue<>();
        c.exists("/never", events::add);

        // Cut the client off, then let another connection with the same id and password close the session.
        proxy.refuseNewConnections(true);
        proxy.dropConnections();
        assertThat(next(states)).isEqualTo(KazooState.SUSPENDED);
        KazooClient thief = builder(zk.connectString()).clientId(first).build();
        thief.start(Duration.ofSeconds(30));
        assertThat(thief.clientId().sessionId()).isEqualTo(first.sessionId());
        thief.close();
        proxy.refuseNewConnections(false);

        assertThat(next(states)).isEqualTo(KazooState.LOST);
        assertThat(next(states)).isEqualTo(KazooState.CONNECTED);
        assertThat(c.clientId().sessionId()).isNotEqualTo(first.sessionId());
        assertThat(c.exists("/eph")).isNull();
        WatchedEvent none = events.poll(10, TimeUnit.SECONDS);
        assertThat(none).isNotNull();
        assertThat(none.type()).isEqualTo(EventType.NONE);
        assertThat(none.state()).isEqualTo(KeeperState.EXPIRED_SESSION);
    }

    @Test
    void requestsIssuedWhileSuspendedWaitForTheReconnect() throws Exception {
        KazooClient c = client();
        c.create("/kept", bytes("v"));
        BlockingQueue<KazooState> states = states(c);
        zk.server().stop();
        assertThat(next(states)).isEqualTo(KazooState.SUSPENDED);

        AsyncResult<NodeData> waiting = c.getAsync("/kept");
        assertThat(waiting.await(Duration.ofMillis(300))).isFalse();
        zk.server().startAgain();

        assertThat(string(waiting.get(Duration.ofSeconds(30)).data())).isEqualTo("v");
        assertThat(c.state()).isEqualTo(KazooState.CONNECTED);
    }

    @Test
    void aRequestDeadlinePassesWhileDisconnected() throws Exception {
        KazooClient c = client();
        BlockingQueue<KazooState> states = states(c);
        zk.server().stop();
        assertThat(next(states)).isEqualTo(KazooState.SUSPENDED);
        KazooClient impatient = c.withRequestTimeout(Duration.ofMillis(300));
        assertThat(impatient.requestTimeout()).isEqualTo(Duration.ofMillis(300));
        assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        AsyncResult<Stat> late = impatient.existsAsync("/");
        assertThatThrownBy(() -> late.get(Duration.ofSeconds(10))).isInstanceOf(RequestDeadlineException.class)
                .isInstanceOf(RequestTimeoutException.class).hasMessageContaining("deadline");
    }

    @Test
    void inFlightRequestsFailWithConnectionLossWhenTheConnectionDrops() throws Exception {
        FaultProxy proxy = proxy();
        KazooClient c = started(builder(proxy.connectString(zk.chroot())));
        BlockingQueue<KazooState> states = states(c);
        long session = c.clientId().sessionId();
        proxy.stall();
        List<AsyncResult<Stat>> inFlight = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            inFlight.add(c.existsAsync("/"));
        }
        await("10 requests on the wire", () -> c.stats().inFlightRequests() == 10);
        proxy.dropConnections();
        for (AsyncResult<Stat> r : inFlight) {
            assertThatThrownBy(() -> r.get(Duration.ofSeconds(10))).isInstanceOf(ConnectionLossException.class);
        }
        assertThat(next(states)).isEqualTo(KazooState.SUSPENDED);
        proxy.unstall();
        assertThat(next(states)).isEqualTo(KazooState.CONNECTED);
        assertThat(c.clientId().sessionId()).isEqualTo(session);
        assertThat(c.exists("/")).isNotNull();
    }

    @Test
    void aConnectionLostWhileRepliesAreBatchedFailsWhatWasInFlightAndTheNextConnectionReadsAgain() throws Exception {
        FaultProxy proxy = proxy();
        KazooClient c = started(builder(proxy.connectString(zk.chroot())));
        c.create("/n", bytes("v"));
        BlockingQueue<KazooState> states = states(c);
        long session = c.clientId().sessionId();
        ClosedLoop loop = ClosedLoop.ofGets(c, "/n", 256, Integer.MAX_VALUE);
        try {
            await("reads pausing under load", () -> c.stats().readPauses() > 10);
            proxy.dropConnections();
            assertThat(next(states)).isEqualTo(KazooState.SUSPENDED);
            assertThat(next(states)).isEqualTo(KazooState.CONNECTED);
            // Reads must not stay paused on the new connection: the loop goes on, and pauses again.
            int completedAtReconnect = loop.completed();
            long pausesAtReconnect = c.stats().readPauses();
            await("the loop going on over the new connection, with pauses",
                    () -> loop.completed() > completedAtReconnect + 5_000 && c.stats().readPauses() > pausesAtReconnect);
        } finally {
            loop.stop();
        }
        loop.awaitDone(Duration.ofSeconds(60));
        assertThat(loop.failures()).as("what was in flight when the connection dropped").isNotEmpty()
                .allSatisfy(f -> assertThat(f).isInstanceOf(ConnectionLossException.class));
        assertThat(loop.wrongValues()).isZero();
        assertThat(c.clientId().sessionId()).isEqualTo(session);
        assertThat(c.stats().inFlightRequests()).isZero();
    }

    /** A client connected through a proxy of its own, its state changes, and its first session. */
    private record Proxied(FaultProxy proxy, KazooClient client, BlockingQueue<KazooState> states, long session) {
    }

    private Proxied proxied(Duration sessionTimeout) {
        FaultProxy proxy = proxy();
        KazooClient c = started(builder(proxy.connectString(zk.chroot())).sessionTimeout(sessionTimeout));
        return new Proxied(proxy, c, states(c), c.clientId().sessionId());
    }

    @Test
    void aSilentServerIsDetectedAndTheSessionSurvives() throws Exception {
        Proxied p = proxied(Duration.ofSeconds(3));
        p.proxy().stall(); // bytes stop flowing; the socket stays open
        assertThat(next(p.states())).isEqualTo(KazooState.SUSPENDED);
        p.proxy().unstall();
        assertThat(next(p.states())).isEqualTo(KazooState.CONNECTED);
        assertThat(p.client().clientId().sessionId()).isEqualTo(p.session());
    }

    @Test
    void aReconnectLeftUnansweredDuringARestartIsRetriedBeforeTheHandshakeDeadline() throws Exception {
        // The server caps the session at 10 s: the full handshake deadline is 10 s, the quick one 1.5 s.
        Proxied p = proxied(Duration.ofSeconds(30));
        FaultProxy proxy = p.proxy();
        zk.server().stop();
        assertThat(next(p.states())).isEqualTo(KazooState.SUSPENDED);
        // A server still starting can take a ConnectRequest and never answer it; the black hole does the same.
        proxy.blackhole(true);
        int before = proxy.totalConnectionsAccepted();
        await("a reconnect into the black hole", () -> proxy.totalConnectionsAccepted() > before);
        long silentSince = System.nanoTime();
        int silent = proxy.totalConnectionsAccepted();
        proxy.blackhole(false);
        await("the next reconnect", () -> proxy.totalConnectionsAccepted() > silent);
        // Left after the quick deadline plus at most one backoff (2.8 s), not the full 10 s.
        assertThat(Duration.ofNanos(System.nanoTime() - silentSince)).isLessThan(Duration.ofSeconds(10));
        zk.server().startAgain();
        await("connected again", () -> p.client().state() == KazooState.CONNECTED);
        assertThat(p.client().clientId().sessionId()).isEqualTo(p.session());
    }

    @Test
    void pingsKeepAnIdleSessionAlive() throws Exception {
        KazooClient c = started(builder(zk.connectString()).sessionTimeout(Duration.ofSeconds(2)));
        BlockingQueue<KazooState> states = states(c);
        long session = c.clientId().sessionId();
        // Idle for twice the session timeout: only pings keep the session.
        assertThat(states.poll(4, TimeUnit.SECONDS)).isNull();
        assertThat(c.clientId().sessionId()).isEqualTo(session);
        assertThat(c.exists("/")).isNotNull();
    }

    @Test
    void stopClosesTheSessionSoEphemeralsVanishAtOnce() {
        KazooClient owner = client();
        KazooClient observer = client();
        owner.create("/eph", null, CreateOptions.DEFAULT.ephemeral());
        long firstSession = owner.clientId().sessionId();
        owner.stop();
        assertThat(owner.state()).isEqualTo(KazooState.LOST);
        assertThat(owner.clientState()).isEqualTo(KeeperState.CLOSED);
        assertThat(observer.exists("/eph")).isNull();

        owner.start(Duration.ofSeconds(30));
        assertThat(owner.clientId().sessionId()).isNotEqualTo(firstSession);
        assertThat(owner.create("/again", null, CreateOptions.DEFAULT.ephemeral())).isEqualTo("/again");
    }

    @Test
    void callsOnAStoppedOrUnstartedClientFailFast() {
        KazooClient never = builder(zk.connectString()).build();
        closeables.add(never);
        assertThatThrownBy(() -> never.exists("/")).isInstanceOf(ConnectionClosedException.class)
                .hasMessageContaining("not started");
        KazooClient c = client();
        c.stop();
        assertThatThrownBy(() -> c.get("/")).isInstanceOf(ConnectionClosedException.class)
                .hasMessageContaining("stopped");
        AsyncResult<Stat> async = c.existsAsync("/");
        assertThat(async.ready()).isTrue();
        assertThat(async.exception()).isInstanceOf(ConnectionClosedException.class);
        c.close();
        assertThatThrownBy(c::startAsync).isInstanceOf(ConnectionClosedException.class);
    }

    @Test
    void pendingRequestsFailWhenTheClientStops() throws Exception {
        KazooClient c = client();
        BlockingQueue<KazooState> states = states(c);
        zk.server().stop();
        assertThat(next(states)).isEqualTo(KazooState.SUSPENDED);
        AsyncResult<Stat> queued = c.existsAsync("/");
        c.stop();
        assertThatThrownBy(() -> queued.get(Duration.ofSeconds(5))).isInstanceOf(ConnectionClosedException.class);
    }

    @Test
    void aListenerMayCallTheClientSynchronously() throws Exception {
        assumeTrue(handlerKind != HandlerKind.DIRECT,
                "callbacks must not block under DirectHandler: the listener waits for a reply");
        KazooClient c = client();
        c.create("/data", bytes("x"));
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        c.addListener(state -> {
            if (state == KazooState.CONNECTED) {
                seen.add(string(c.get("/data").data()) + " on " + Thread.currentThread().getName());
            }
        });
        zk.server().restart();
        String got = seen.poll(30, TimeUnit.SECONDS);
        assertThat(got).startsWith("x on " + handlerKind.threadPrefix());
    }

    @Test
    void startTimesOutWhenNoServerAnswers() throws Exception {
        int unused;
        try (ServerSocket s = new ServerSocket(0)) {
            unused = s.getLocalPort();
        }
        KazooClient c = builder("127.0.0.1:" + unused).build();
        closeables.add(c);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> c.start(Duration.ofMillis(500))).isInstanceOf(KazooTimeoutException.class)
                .hasMessageContaining("127.0.0.1:" + unused);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        assertThat(c.clientState()).isEqualTo(KeeperState.CLOSED);
    }

    @Test
    void aDeadHostInTheListIsSkipped() throws Exception {
        int unused;
        try (ServerSocket s = new ServerSocket(0)) {
            unused = s.getLocalPort();
        }
        KazooClient c = started(builder("127.0.0.1:" + unused + "," + zk.connectString()).randomizeHosts(false));
        assertThat(c.connectedServer()).isEqualTo(zk.server().connectString());
    }

    @Test
    void hostnamesAreResolvedOnEveryAttempt() {
        KazooClient c = started(builder("localhost:" + zk.server().port() + zk.chroot()));
        assertThat(c.exists("/")).isNotNull();
    }

    @Test
    void pastTheQueueBoundRequestsFailFast() throws Exception {
        KazooClient c = started(builder(zk.connectString()).maxQueuedRequests(10));
        BlockingQueue<KazooState> states = states(c);
        zk.server().stop();
        assertThat(next(states)).isEqualTo(KazooState.SUSPENDED);
        List<AsyncResult<Stat>> queued = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            queued.add(c.existsAsync("/"));
        }
        AsyncResult<Stat> rejected = c.existsAsync("/");
        assertThat(rejected.ready()).isTrue();
        assertThat(rejected.exception()).isInstanceOf(RequestQueueFullException.class)
                .hasMessageContaining("maxQueuedRequests");
        zk.server().startAgain();
        for (AsyncResult<Stat> r : queued) {
            assertThat(r.get(Duration.ofSeconds(30))).isNotNull();
        }
    }

    @Test
    void digestAuthIsEnforcedAndReplayedAfterReconnect() throws Exception {
        KazooClient alice = started(builder(zk.connectString()).authData("digest", "alice:pw"));
        alice.create("/private", bytes("s3cret"), CreateOptions.DEFAULT.acl(Acls.CREATOR_ALL_ACL));
        KazooClient anonymous = client();
        assertThatThrownBy(() -> anonymous.get("/private")).isInstanceOf(NoAuthException.class);
        anonymous.addAuth("digest", "alice:pw");
        assertThat(string(anonymous.get("/private").data())).isEqualTo("s3cret");

        BlockingQueue<KazooState> states = states(alice);
        zk.server().restart();
        assertThat(next(states)).isEqualTo(KazooState.SUSPENDED);
        assertThat(next(states)).isEqualTo(KazooState.CONNECTED);
        assertThat(string(alice.get("/private").data())).isEqualTo("s3cret");
    }

    @Test
    void anUnknownAuthSchemeFailsTheSessionWithoutHanging() throws Exception {
        KazooClient c = client();
        BlockingQueue<KazooState> states = states(c);
        AsyncResult<Boolean> auth = c.addAuthAsync("no-such-scheme", "whatever");
        assertThatThrownBy(() -> auth.get(Duration.ofSeconds(10))).isInstanceOf(AuthFailedException.class);
        assertThat(next(states)).isEqualTo(KazooState.LOST);
        assertThat(c.clientState()).isEqualTo(KeeperState.AUTH_FAILED);
        assertThatThrownBy(() -> c.exists("/")).isInstanceOf(AuthFailedException.class);

        KazooClient failsAtStart = builder(zk.connectString()).authData("no-such-scheme", "x").build();
        closeables.add(failsAtStart);
        assertThatThrownBy(() -> failsAtStart.start(Duration.ofSeconds(20))).isInstanceOf(AuthFailedException.class);
    }

    @Test
    void theSessionCanBeResumedByClientId() throws Exception {
        FaultProxy proxy = proxy();
        KazooClient first = started(builder(proxy.connectString(zk.chroot())));
        first.create("/eph", null, CreateOptions.DEFAULT.ephemeral());
        ClientId id = first.clientId();
        // The first process goes away without closing its session (two live clients would fight over it).
        BlockingQueue<KazooState> states = states(first);
        proxy.refuseNewConnections(true);
        proxy.dropConnections();
        assertThat(next(states)).isEqualTo(KazooState.SUSPENDED);

        KazooClient second = started(builder(zk.connectString()).clientId(id));
        assertThat(second.clientId().sessionId()).isEqualTo(id.sessionId());
        assertThat(second.exists("/eph").ownerSessionId()).isEqualTo(id.sessionId());
        assertThat(id.toString()).doesNotContain(java.util.Arrays.toString(id.password()));
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) {
        RealServerTest.await(Duration.ofSeconds(60), what, condition);
    }

    private static byte[] bytes(String s) {
        return RealServerTest.bytes(s);
    }

    private static String string(byte[] b) {
        return RealServerTest.string(b);
    }
}
