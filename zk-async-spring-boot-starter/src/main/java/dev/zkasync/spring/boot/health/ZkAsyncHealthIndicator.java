package dev.zkasync.spring.boot.health;

import java.time.Duration;

import dev.zkasync.client.state.ClientId;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.client.state.KeeperState;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.util.Assert;

/**
 * {@link HealthIndicator} for a {@link KazooClient}, from the state the client keeps: no request is
 * sent, so a health check never waits on ZooKeeper.
 *
 * <p>{@code UP} while connected (with {@code readOnly: true} on a read-only server); {@code DOWN}
 * while connecting, reconnecting (SUSPENDED), after the session was lost, after authentication
 * failed and when the client is not running, each with a {@code reason}. Details: {@code state},
 * {@code keeperState}, {@code sessionId} (hex), {@code negotiatedSessionTimeout},
 * {@code connectedServer}, {@code readOnly}, {@code lastZxid} (hex) and {@code timeInState}. The
 * session password is never shown. While there is no session (before the first, or after an
 * expiry until the next), the details are only
 * {@code reason} ({@code connecting, no session yet}), {@code state} ({@code CONNECTING}) and
 * {@code timeInState}.
 */
public class ZkAsyncHealthIndicator extends AbstractHealthIndicator {

    private final KazooClient client;

    /**
     * Creates an indicator.
     * @param client the client
     */
    public ZkAsyncHealthIndicator(KazooClient client) {
        super("ZooKeeper health check failed");
        Assert.notNull(client, "'client' must not be null");
        this.client = client;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        describe(this.client, builder);
    }

    /** The status and details of {@code client}, for this indicator and the reactive one. */
    static void describe(KazooClient client, Health.Builder builder) {
        KeeperState keeperState = client.clientState();
        KazooState state = client.state();
        if (keeperState == KeeperState.CONNECTING && state != KazooState.SUSPENDED) {
            // Kazoo's LOST while no session exists reads as a loss; nothing is lost yet.
            builder.down()
                .withDetail("reason", "connecting, no session yet")
                .withDetail("state", "CONNECTING")
                .withDetail("timeInState", client.timeInState().toString());
            return;
        }
        switch (keeperState) {
            case CONNECTED, CONNECTED_RO -> builder.up();
            case CONNECTING -> builder.down().withDetail("reason", "connection lost, reconnecting");
            case EXPIRED_SESSION -> builder.down().withDetail("reason", "session expired, a new session follows");
            case AUTH_FAILED ->
                builder.down().withDetail("reason", "the server refused the client's credentials; not retrying");
            case CLOSED -> builder.down()
                .withDetail("reason", client.isClosed() ? "client closed"
                        : "client not started, or stopped");
        }
        builder.withDetail("state", state.name());
        builder.withDetail("keeperState", keeperState.name());
        ClientId id = client.clientId();
        if (id != null) {
            builder.withDetail("sessionId", id.sessionIdHex());
        }
        int negotiated = client.negotiatedSessionTimeout();
        if (negotiated > 0) {
            builder.withDetail("negotiatedSessionTimeout", Duration.ofMillis(negotiated).toString());
        }
        String server = client.connectedServer();
        if (server != null) {
            builder.withDetail("connectedServer", server);
        }
        builder.withDetail("readOnly", keeperState == KeeperState.CONNECTED_RO);
        builder.withDetail("lastZxid", "0x" + Long.toHexString(client.lastZxid()));
        builder.withDetail("timeInState", client.timeInState().toString());
    }

}
