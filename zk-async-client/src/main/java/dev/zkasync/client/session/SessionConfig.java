package dev.zkasync.client.session;

import dev.zkasync.client.state.ClientId;
import dev.zkasync.client.connect.HostAndPort;
import dev.zkasync.client.handler.Handler;
import dev.zkasync.client.metrics.RequestObserver;
import dev.zkasync.client.sasl.SaslConfig;
import dev.zkasync.client.tls.TlsConfig;

import java.time.Duration;
import java.util.List;

/**
 * Everything a session needs to know, fixed when the client is built.
 *
 * @param hosts             servers to connect to
 * @param chroot            "" or the chroot path
 * @param randomizeHosts    shuffle hosts per cycle
 * @param sessionTimeout    requested session timeout (the server may negotiate another)
 * @param connectTimeout    per-host connect timeout, or null for sessionTimeout / hosts
 * @param requestTimeout    default deadline of a request
 * @param readOnly          accept read-only servers
 * @param maxInFlight       requests sent and not yet answered, at most
 * @param maxQueued         requests waiting to be sent, at most; past it requests fail fast
 * @param maxFrameSize      largest reply frame accepted, in bytes
 * @param maxRequestSize    largest request frame sent, in bytes (the server's jute.maxbuffer)
 * @param authData          auth replayed on every connection
 * @param clientId          a session to resume, or null
 * @param handler           where callbacks run
 * @param reconnect         reconnect pacing
 * @param closeTimeout      how long stop() waits for the server to close the session
 * @param observer          sees every request, or null
 * @param tls               TLS for connections, or null for plain TCP
 * @param sasl              SASL authentication after every connect, or null
 * @param replyBatchWindow  the longest read pause while many requests are outstanding; zero for none
 */
public record SessionConfig(List<HostAndPort> hosts, String chroot, boolean randomizeHosts, Duration sessionTimeout,
                            Duration connectTimeout, Duration requestTimeout, boolean readOnly, int maxInFlight,
                            int maxQueued, int maxFrameSize, int maxRequestSize, List<AuthInfo> authData,
                            ClientId clientId, Handler handler, ReconnectPolicy reconnect, Duration closeTimeout,
                            RequestObserver observer, TlsConfig tls, SaslConfig sasl, Duration replyBatchWindow) {

    public SessionConfig {
        hosts = List.copyOf(hosts);
        authData = List.copyOf(authData);
    }
}
