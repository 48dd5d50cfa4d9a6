package dev.zkasync.client;

import dev.zkasync.client.metrics.RequestObserver;
import dev.zkasync.client.retry.KazooRetry;
import dev.zkasync.client.sasl.SaslConfig;
import dev.zkasync.client.tls.TlsConfig;

import java.time.Duration;
import java.util.List;

/**
 * What a {@link KazooClient} was built with, as {@link KazooClient#settings()} reports it: for health
 * and metrics integrations, diagnostics and tests. Each component is the value the matching
 * {@link KazooClientBuilder} method set, or that method's default. Credentials are not part of it:
 * authentication shows only its schemes, and TLS and SASL the configuration objects the builder got.
 *
 * @param sessionTimeout    the session timeout the client asks for; the server may grant another, see
 *                          {@link KazooClient#negotiatedSessionTimeout()}
 * @param connectionTimeout the connect and handshake timeout per host, or {@code null} when each host
 *                          gets the session timeout divided by the number of hosts
 * @param requestTimeout    the default deadline of a request
 * @param closeTimeout      how long {@link KazooClient#stop()} waits for the server to close the session
 * @param readOnlyAllowed   whether read-only servers are accepted
 * @param randomizeHosts    whether the hosts are shuffled
 * @param connectionRetry   the pacing of reconnects after a whole cycle of hosts failed
 * @param commandRetry      the policy of {@link KazooClient#retry}
 * @param maxInFlight       requests sent and not yet answered, at most
 * @param maxQueuedRequests requests waiting to be sent, at most
 * @param maxFrameSize      the largest reply frame accepted, in bytes
 * @param maxRequestSize    the largest request sent, in bytes
 * @param replyBatchWindow  the longest read pause while many requests are outstanding; zero for none
 * @param authSchemes       the schemes of the credentials sent on every connection, in the order given
 * @param requestObserver   what sees every request, or {@code null}
 * @param tls               the TLS configuration, or {@code null} for plain TCP
 * @param sasl              the SASL configuration, or {@code null} for none
 */
public record ClientSettings(Duration sessionTimeout, Duration connectionTimeout, Duration requestTimeout,
                             Duration closeTimeout, boolean readOnlyAllowed, boolean randomizeHosts,
                             KazooRetry connectionRetry, KazooRetry commandRetry, int maxInFlight,
                             int maxQueuedRequests, int maxFrameSize, int maxRequestSize, Duration replyBatchWindow,
                             List<String> authSchemes, RequestObserver requestObserver, TlsConfig tls,
                             SaslConfig sasl) {

    /** Copies {@code authSchemes}, so the settings stay as they were built. */
    public ClientSettings {
        authSchemes = List.copyOf(authSchemes);
    }
}
