package dev.zkasync.client.session;

import dev.zkasync.client.connect.HostAndPort;
import dev.zkasync.client.exception.AuthFailedException;
import dev.zkasync.client.exception.ConnectionLossException;
import dev.zkasync.client.exception.ErrorCode;
import dev.zkasync.client.handler.Handler;
import dev.zkasync.client.protocol.SetAuth;
import dev.zkasync.client.protocol.ConnectRequest;
import dev.zkasync.client.protocol.ConnectResponse;
import dev.zkasync.client.protocol.MalformedFrameException;
import dev.zkasync.client.protocol.SaslToken;
import dev.zkasync.client.protocol.SetWatches2;
import dev.zkasync.client.state.ClientId;
import dev.zkasync.client.state.KeeperState;
import dev.zkasync.client.watch.EventType;
import dev.zkasync.client.watch.WatchedEvent;
import dev.zkasync.client.watch.Watcher;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything between a new connection and the session's use of it: the ConnectRequest and its
 * answer (which session to resume, and what the answer means), SASL, the replay of the session's
 * credentials, and the re-registration of its watches with SetWatches2. It keeps the session's
 * identity (id, password, the read-write session kept while a read-only server gives a local one).
 *
 * <p>Event loop only, like the {@link Session} whose state machine it reports to.
 */
final class Handshake {
    /** The session's logger: the messages are the session's, wherever its code sits. */
    private static final Logger log = LoggerFactory.getLogger(Session.class);
    private static final byte[] NO_PASSWORD = new byte[16];
    /** No read-only server refused: the usual case, and an empty set costs 64 B. */
    private static final Set<HostAndPort> NO_HOSTS = Collections.emptySet();
    /**
     * A server drops a connection whose frame passes its jute.maxbuffer (1 MiB by default), so a
     * session with many watches re-arms them in several frames of at most this length, well below
     * that (the official client's batch size).
     */
    static final int SET_WATCHES_MAX_BYTES = 128 * 1024;

    private final Session session;
    private final SessionConfig config;
    private final EventLoop loop;
    private final Handler handler;
    private final ByteBufAllocator alloc;
    private final RequestPipeline pipeline;
    private final WatchRegistry watches;
    private final List<AuthInfo> authInfo = new ArrayList<>();
    private volatile ClientId clientIdView;
    private volatile int negotiatedTimeoutView;

    // Event loop only.
    private long sessionId;
    private byte[] password = NO_PASSWORD;
    private int negotiatedTimeout;
    private boolean seenRwServer;
    /** The session from a read-write server, kept while a read-only server gives us a local one. */
    private long rwSessionId;
    private byte[] rwPassword = NO_PASSWORD;
    /**
     * The servers that refused our global session because they are read-only: only these are asked
     * for a local session; every other server is offered the live session first.
     */
    private Set<HostAndPort> readOnlyRefusers = NO_HOSTS;
    private long askedSessionId;
    private boolean readOnly;
    private int authReplaysOutstanding;
    private SaslExchange saslExchange;
    private int watchBatchesPending;
    /** The session expired with persistent watches: they are told (NONE) once they are re-added. */
    private boolean persistentRenewed;

    Handshake(Session session, SessionConfig config, EventLoop loop, ByteBufAllocator alloc, RequestPipeline pipeline,
              WatchRegistry watches) {
        this.session = session;
        this.config = config;
        this.loop = loop;
        this.handler = config.handler();
        this.alloc = alloc;
        this.pipeline = pipeline;
        this.watches = watches;
        this.authInfo.addAll(config.authData());
        if (config.clientId() != null) {
            this.sessionId = config.clientId().sessionId();
            this.password = config.clientId().password();
            this.seenRwServer = true;
        }
    }

    long sessionId() {
        return sessionId;
    }

    int negotiatedTimeout() {
        return negotiatedTimeout;
    }

    int negotiatedTimeoutView() {
        return negotiatedTimeoutView;
    }

    ClientId clientIdView() {
        return clientIdView;
    }

    /** Whether the server of the connection is a read-only one. */
    boolean readOnly() {
        return readOnly;
    }

    /** Whether SetWatches2 batches are still unanswered. */
    boolean watchesPending() {
        return watchBatchesPending > 0;
    }

    /** Whether the last ConnectRequest asked to resume the session of a read-write server. */
    boolean askedForGlobalSession() {
        return askedSessionId != 0 && askedSessionId == rwSessionId;
    }

    /** {@code server} is read-only and refused the global session: ask it for a local one from now on. */
    void refusedAsReadOnly(HostAndPort server) {
        if (readOnlyRefusers == NO_HOSTS) {
            readOnlyRefusers = new HashSet<>();
        }
        readOnlyRefusers.add(server);
    }

    /** A read-write server is back: every server is offered the live session again. */
    void readWriteFound() {
        readOnlyRefusers = NO_HOSTS;
    }

    /** The session expired: once the next one starts, its re-added persistent watches are told so. */
    void renewPersistentWatches(boolean renewed) {
        persistentRenewed = renewed;
    }

    /** Forgets the session: the next connection asks for a new one. */
    void forget() {
        sessionId = 0;
        password = NO_PASSWORD;
        negotiatedTimeout = 0;
        seenRwServer = false;
        rwSessionId = 0;
        rwPassword = NO_PASSWORD;
        readOnlyRefusers = NO_HOSTS;
        clientIdView = null;
    }

    /** Back to the credentials the client was built with (after a stop). */
    void resetAuth() {
        authInfo.clear();
        authInfo.addAll(config.authData());
    }

    /** The connection is gone: whatever it still owed us will not come. */
    void connectionDropped() {
        authReplaysOutstanding = 0;
        watchBatchesPending = 0;
    }

    // ------------------------------------------------------------------ connect request and response

    /** Opens the conversation on a new connection: asks to resume the right session, or for a new one. */
    void sendConnect() {
        long resumeId;
        byte[] resumePassword;
        if (readOnlyRefusers.contains(session.currentHost())) {
            // A read-only server: resume our local read-only session if we have one, else ask for one.
            boolean haveLocal = sessionId != 0 && sessionId != rwSessionId;
            resumeId = haveLocal ? sessionId : 0;
            resumePassword = haveLocal ? password : NO_PASSWORD;
        } else if (rwSessionId != 0) {
            resumeId = rwSessionId;
            resumePassword = rwPassword;
        } else {
            resumeId = seenRwServer ? sessionId : 0;
            resumePassword = resumeId == 0 ? NO_PASSWORD : password;
        }
        askedSessionId = resumeId;
        // Nothing else goes out until the ConnectResponse: an expired session must not turn into a
        // TCP reset that hides the server's answer.
        pipeline.sendConnect(ConnectRequest.request(alloc, pipeline.lastZxid(),
                (int) config.sessionTimeout().toMillis(), resumeId, resumePassword, config.readOnly()));
    }

    /** The first frame of a connection. Throws {@link MalformedFrameException} when it cannot be decoded. */
    void onFrame(ByteBuf frame) {
        if (ConnectRequest.isRefusal(frame)) {
            ErrorCode code = ErrorCode.of(ConnectRequest.refusalCode(frame));
            session.connectionLost(session.generation(), new ConnectionLossException(null, session.server()
                    + " refused the session with " + code.wireName() + (code == ErrorCode.NOT_READONLY
                    ? " (a read-only server creates sessions only with localSessionsEnabled=true)" : ""), null));
            return;
        }
        String head = ByteBufUtil.hexDump(frame, frame.readerIndex(), Math.min(48, frame.readableBytes()));
        ConnectResponse response;
        try {
            response = ConnectResponse.decode(frame);
        } catch (MalformedFrameException e) {
            throw new MalformedFrameException(e.getMessage() + " (handshake frame starts " + head + ")");
        }
        onConnectResponse(response);
    }

    private void onConnectResponse(ConnectResponse response) {
        if (response.expired() && rwSessionId != 0 && askedSessionId != rwSessionId) {
            // Only the local read-only session ended (its server left read-only mode): the global
            // session may well be alive, so try it before declaring anything lost.
            log.info("Local read-only session 0x{} ended; resuming session 0x{}", Long.toHexString(askedSessionId),
                    Long.toHexString(rwSessionId));
            offerLiveSessionAgain();
            return;
        }
        if (!response.readOnly() && rwSessionId != 0 && askedSessionId != rwSessionId) {
            // We asked a server we knew as read-only for a local session, and it is read-write
            // again: it would replace the live session. Not adopted (a session changes only
            // through expiry or a restart); the unused one holds nothing and expires on its own.
            log.info("{} serves writes again; offering it session 0x{} instead of the new session 0x{}",
                    session.server(), Long.toHexString(rwSessionId), Long.toHexString(response.sessionId()));
            offerLiveSessionAgain();
            return;
        }
        if (response.expired()) {
            if (askedSessionId == rwSessionId) {
                rwSessionId = 0;
                rwPassword = NO_PASSWORD;
            }
            sessionId = askedSessionId;
            log.warn("Session 0x{} has expired", Long.toHexString(sessionId));
            session.expiredOnConnect();
            return;
        }
        boolean resumed = response.sessionId() == sessionId;
        sessionId = response.sessionId();
        password = response.password() == null ? NO_PASSWORD : response.password();
        negotiatedTimeout = response.timeOut();
        negotiatedTimeoutView = negotiatedTimeout;
        if (!response.readOnly()) {
            seenRwServer = true;
            rwSessionId = sessionId;
            rwPassword = password;
            readOnlyRefusers = NO_HOSTS;
        }
        clientIdView = new ClientId(sessionId, password);
        session.established();
        log.info("{} session 0x{} on {} (timeout {} ms{})", resumed ? "Resumed" : "Established",
                Long.toHexString(sessionId), session.server(), negotiatedTimeout,
                response.readOnly() ? ", read-only" : "");
        readOnly = response.readOnly();
        if (config.sasl() != null) {
            startSasl(session.generation());
            return;
        }
        authenticate();
    }

    /** Back to the global session, on a new connection to the same server. */
    private void offerLiveSessionAgain() {
        HostAndPort server = session.currentHost();
        readOnlyRefusers.remove(server);
        sessionId = rwSessionId;
        password = rwPassword;
        session.reconnectTo(server);
    }

    // ------------------------------------------------------------------ auth replay

    /** Replays the auth data, then lets the session announce the connection once the server accepted it all. */
    private void authenticate() {
        if (authInfo.isEmpty()) {
            session.finishConnect();
            return;
        }
        session.enter(Phase.AUTHENTICATING);
        for (AuthInfo auth : authInfo) {
            pipeline.writeUnqueued(SetAuth.replay(alloc, auth.scheme(), auth.credential()));
            authReplaysOutstanding++;
        }
        pipeline.flushNow();
    }

    /** An auth reply: to the session's replay, or else to the application's oldest auth request. */
    void onAuthReply(int err) {
        if (authReplaysOutstanding > 0) {
            authReplaysOutstanding--;
            if (err != 0) {
                authFailed(err, null);
            } else if (authReplaysOutstanding == 0 && session.phase() == Phase.AUTHENTICATING) {
                session.finishConnect();
            }
            return;
        }
        Operation<?> op = pipeline.nextAuthRequest();
        if (op == null) {
            log.debug("Auth reply with no auth request waiting");
            return;
        }
        if (err != 0) {
            authFailed(err, op);
        } else {
            rememberAuth(op);
            @SuppressWarnings("unchecked")
            Operation<Boolean> auth = (Operation<Boolean>) op;
            auth.succeed(Boolean.TRUE);
        }
    }

    /** Registers the credential for replay once the server accepted it. */
    private void rememberAuth(Operation<?> op) {
        if (op.attachment instanceof AuthInfo auth && !authInfo.contains(auth)) {
            authInfo.add(auth);
        }
    }

    private void authFailed(int err, Operation<?> op) {
        AuthFailedException failure = new AuthFailedException(null, "the server refused the credentials"
                + (op != null && op.attachment instanceof AuthInfo a ? " for scheme " + a.scheme() : "")
                + " (" + ErrorCode.of(err) + ")", null);
        if (op != null) {
            op.fail(failure);
        }
        session.giveUp(failure, KeeperState.AUTH_FAILED);
    }

    // ------------------------------------------------------------------ SASL

    /**
     * Runs the SASL conversation: nothing else is sent meanwhile. Tokens are evaluated off the event
     * loop (Kerberos may block); the exchange ends when the client is complete and has nothing more
     * to say. A refusal, or the server closing during it, fails the session with AUTH_FAILED.
     */
    private void startSasl(int attempt) {
        session.enter(Phase.SASL);
        String host = session.currentHost() == null ? null : session.currentHost().host();
        Thread.ofVirtual().name("zk-async-sasl").start(() -> {
            try {
                SaslExchange exchange = new SaslExchange(config.sasl(), host);
                byte[] first = exchange.initialToken();
                loop.execute(() -> {
                    if (saslCurrent(attempt)) {
                        saslExchange = exchange;
                        sendSaslToken(first);
                    } else {
                        exchange.dispose();
                    }
                });
            } catch (javax.security.sasl.SaslException e) {
                loop.execute(() -> saslFailed(attempt, "SASL " + config.sasl().mechanism() + " could not start: "
                        + e.getMessage()));
            }
        });
    }

    private boolean saslCurrent(int attempt) {
        return attempt == session.generation() && session.phase() == Phase.SASL;
    }

    private void sendSaslToken(byte[] token) {
        pipeline.sendNow(new Operation<Void>("sasl", SaslToken.OP_CODE, null, null,
                SaslToken.request(alloc, token), (b, c) -> null, null, null, null, Long.MAX_VALUE));
        pipeline.flush();
    }

    /** The server's answer to a SASL token. */
    void onSaslReply(int err, ByteBuf body) {
        SaslExchange exchange = saslExchange;
        if (session.phase() != Phase.SASL || exchange == null) {
            return;
        }
        if (err != 0) {
            saslFailed(session.generation(), "the server refused SASL " + config.sasl().mechanism()
                    + " authentication (" + ErrorCode.of(err).wireName() + ")");
            return;
        }
        byte[] challenge = SaslToken.decodeChallenge(body);
        int attempt = session.generation();
        Thread.ofVirtual().name("zk-async-sasl").start(() -> {
            try {
                byte[] response = exchange.isComplete() ? null : exchange.evaluate(challenge);
                loop.execute(() -> {
                    if (!saslCurrent(attempt)) {
                        return;
                    }
                    if (response != null && response.length > 0) {
                        sendSaslToken(response);
                    } else if (exchange.isComplete()) {
                        exchange.dispose();
                        saslExchange = null;
                        log.debug("SASL {} authentication complete", config.sasl().mechanism());
                        authenticate();
                    } else {
                        sendSaslToken(new byte[0]);
                    }
                });
            } catch (javax.security.sasl.SaslException e) {
                loop.execute(() -> saslFailed(attempt, "SASL " + config.sasl().mechanism() + " failed: "
                        + e.getMessage()));
            }
        });
    }

    /** Ends the session with AUTH_FAILED, unless {@code attempt} is an old connection's. */
    void saslFailed(int attempt, String why) {
        if (attempt != session.generation()) {
            return;
        }
        if (saslExchange != null) {
            saslExchange.dispose();
            saslExchange = null;
        }
        session.giveUp(new AuthFailedException(null, why, null), KeeperState.AUTH_FAILED);
    }

    // ------------------------------------------------------------------ watch re-registration

    /**
     * Re-registers every watch on the new connection with SetWatches2, all frames at once (the
     * server answers them in order, before any request written after them), each under ZooKeeper's
     * frame limit. The server reports one-shot watches' changes missed since {@code lastZxid}.
     */
    void resendWatches() {
        watchBatchesPending = 0;
        if (watches.isEmpty()) {
            return;
        }
        for (ByteBuf frame : SetWatches2.requests(alloc, pipeline.lastZxid(), watches.pathsByKind(),
                SET_WATCHES_MAX_BYTES)) {
            pipeline.sendNow(new Operation<Void>("set_watches", SetWatches2.OP_CODE, null, null, frame,
                    (b, ch) -> null, null, null, null, Long.MAX_VALUE));
            watchBatchesPending++;
        }
        if (persistentRenewed) {
            persistentRenewed = false;
            WatchedEvent event = new WatchedEvent(EventType.NONE, KeeperState.CONNECTED, null, WatchedEvent.NO_ZXID);
            for (Watcher w : watches.persistentWatchers()) {
                handler.dispatch(() -> w.process(event));
            }
        }
    }

    /** A SetWatches2 batch was answered; true when it was the last one outstanding. */
    boolean watchBatchAnswered() {
        return watchBatchesPending > 0 && --watchBatchesPending == 0;
    }
}
