package dev.zkasync.client;

import dev.zkasync.client.exception.ConnectionClosedException;
import dev.zkasync.client.exception.KazooTimeoutException;
import dev.zkasync.client.metrics.RequestObserver;
import dev.zkasync.client.retry.KazooRetry;
import dev.zkasync.client.sasl.SaslConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a client reports about itself through its public API: its settings, whether it is closed, why it could not connect. */
class ClientSettingsTest extends RealServerTest {

    @Test
    void settingsAreWhatTheBuilderWasGiven() {
        RequestObserver observer = new RequestObserver() {
            @Override
            public Object started(String operation, String path) {
                return null;
            }

            @Override
            public void completed(Object context, String operation, String resultCode, Throwable error) {
            }
        };
        KazooRetry connectionRetry = KazooRetry.forever().withDelay(Duration.ofMillis(50)).withBackoff(1.5)
                .withMaxDelay(Duration.ofSeconds(1)).withMaxJitter(0.1).withMaxTries(5);
        KazooRetry commandRetry = KazooRetry.DEFAULT.withMaxTries(3);
        KazooClient client = started(builder()
                .sessionTimeout(Duration.ofSeconds(6))
                .connectionTimeout(Duration.ofSeconds(3))
                .requestTimeout(Duration.ofSeconds(7))
                .closeTimeout(Duration.ofSeconds(2))
                .readOnly(true)
                .randomizeHosts(false)
                .connectionRetry(connectionRetry)
                .commandRetry(commandRetry)
                .maxInFlight(100)
                .maxQueuedRequests(200)
                .maxFrameSize(4 << 20)
                .maxRequestSize(1 << 19)
                .replyBatchWindow(Duration.ofNanos(250_000))
                .authData("digest", "app:s3cret")
                .authData("digest", "other:s3cret")
                .requestObserver(observer));

        ClientSettings settings = client.settings();
        assertThat(settings.sessionTimeout()).isEqualTo(Duration.ofSeconds(6));
        assertThat(client.negotiatedSessionTimeout()).as("granted by the server").isEqualTo(6000);
        assertThat(settings.connectionTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(settings.closeTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.readOnlyAllowed()).isTrue();
        assertThat(settings.randomizeHosts()).isFalse();
        assertThat(settings.connectionRetry()).isEqualTo(connectionRetry);
        assertThat(settings.commandRetry()).isEqualTo(commandRetry);
        assertThat(settings.maxInFlight()).isEqualTo(100);
        assertThat(settings.maxQueuedRequests()).isEqualTo(200);
        assertThat(settings.maxFrameSize()).isEqualTo(4 << 20);
        assertThat(settings.maxRequestSize()).isEqualTo(1 << 19);
        assertThat(settings.replyBatchWindow()).isEqualTo(Duration.ofNanos(250_000));
        assertThat(settings.authSchemes()).containsExactly("digest", "digest");
        assertThat(settings.toString()).as("credentials never show").doesNotContain("s3cret");
        assertThat(settings.requestObserver()).isSameAs(observer);
        assertThat(settings.tls()).isNull();
        assertThat(settings.sasl()).isNull();
        assertThat(client.requestTimeout()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void aViewSharesTheSettingsAndOverridesOnlyItsDeadline() {
        KazooClient client = client();
        KazooClient view = client.withRequestTimeout(Duration.ofSeconds(3));
        assertThat(view.settings()).isSameAs(client.settings());
        assertThat(view.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(view.settings().requestTimeout()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void defaultsAreTheBuildersOwn() {
        ClientSettings settings = track(KazooClient.builder().hosts(zk.connectString()).build()).settings();
        assertThat(settings.sessionTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.connectionTimeout()).as("derived from the session timeout per host").isNull();
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.closeTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.readOnlyAllowed()).isFalse();
        assertThat(settings.randomizeHosts()).isTrue();
        assertThat(settings.connectionRetry()).isEqualTo(KazooRetry.forever().withMaxDelay(Duration.ofSeconds(2)));
        assertThat(settings.commandRetry()).isEqualTo(KazooRetry.forever());
        assertThat(settings.maxInFlight()).isEqualTo(512);
        assertThat(settings.maxQueuedRequests()).isEqualTo(16_384);
        assertThat(settings.maxFrameSize()).isEqualTo(0xfffff + (1 << 20));
        assertThat(settings.maxRequestSize()).isEqualTo(0xfffff);
        assertThat(settings.replyBatchWindow()).isEqualTo(Duration.ofMillis(1));
        assertThat(settings.authSchemes()).isEmpty();
        assertThat(settings.requestObserver()).isNull();
        assertThat(settings.tls()).isNull();
        assertThat(settings.sasl()).isNull();
    }

    @Test
    void saslSettingsAreTheConfigurationGiven() {
        SaslConfig sasl = SaslConfig.digestMd5("bob", "bobsecret");
        ClientSettings settings = track(KazooClient.builder().hosts(zk.connectString()).sasl(sasl).build()).settings();
        assertThat(settings.sasl()).isSameAs(sasl);
        assertThat(settings.toString()).doesNotContain("bobsecret");
    }

    @Test
    void onlyCloseMakesAClientClosed() {
        KazooClient client = track(builder().build());
        assertThat(client.isClosed()).as("built").isFalse();
        client.start(Duration.ofSeconds(30));
        assertThat(client.isClosed()).as("started").isFalse();
        client.stop();
        assertThat(client.isClosed()).as("stopped, can start again").isFalse();
        client.close();
        assertThat(client.isClosed()).isTrue();
        assertThatThrownBy(client::startAsync).isInstanceOf(ConnectionClosedException.class);
    }

    @Test
    void aRefusedConnectionIsTheLastConnectionFailure() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        KazooClient refused = track(KazooClient.builder().hosts("127.0.0.1:" + port)
                .connectionRetry(KazooRetry.forever().withDelay(Duration.ofMillis(50))).build());
        assertThat(refused.lastConnectionFailure()).as("before any attempt").isNull();
        assertThatThrownBy(() -> refused.start(Duration.ofSeconds(1))).isInstanceOf(KazooTimeoutException.class);
        assertThat(refused.lastConnectionFailure()).contains("cannot connect to").contains(Integer.toString(port));

        assertThat(client().lastConnectionFailure()).as("a client that connected at once").isNull();
    }
}
