package dev.zkasync.spring.boot.actuate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.zkasync.client.ClientSettings;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.data.ServerVersion;
import dev.zkasync.client.metrics.ClientStats;
import dev.zkasync.client.sasl.SaslConfig;
import dev.zkasync.client.state.ClientId;
import dev.zkasync.client.state.KeeperState;
import dev.zkasync.client.watch.WatchCounts;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.util.Assert;

/**
 * The {@code zookeeper} endpoint ({@code /actuator/zookeeper}): for every {@link KazooClient} bean,
 * its session (id, requested and negotiated timeout), the server it is connected to and that
 * server's version, its state and how long it has been in it, the requests outstanding, the
 * watchers it holds by kind, its reconnects and last connection failure, and how it
 * authenticates. Credentials and passwords are never shown: authentication shows its schemes, SASL
 * its mechanism and user name with the password masked.
 *
 * <p>Everything comes from the client's own state except the server version, which is asked of
 * the server with the {@code srvr} four-letter word (null when the server does not answer within
 * two seconds or does not allow it), and the watcher counts, which are taken on the client's event
 * loop.
 */
@Endpoint(id = "zookeeper")
public class ZkAsyncEndpoint {

    static final String MASK = "******";

    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(2);

    private final Map<String, KazooClient> clients;

    /**
     * Creates an endpoint.
     * @param clients the clients, by bean name
     */
    public ZkAsyncEndpoint(Map<String, KazooClient> clients) {
        Assert.notNull(clients, "'clients' must not be null");
        this.clients = Map.copyOf(clients);
    }

    /**
     * Describes every client.
     * @return the clients, by bean name
     */
    @ReadOperation
    public ClientsDescriptor clients() {
        Map<String, ClientDescriptor> described = new LinkedHashMap<>();
        this.clients.entrySet()
            .stream()
            .sorted(Map.Entry.comparingByKey())
            .forEach((entry) -> described.put(entry.getKey(), describe(entry.getValue())));
        return new ClientsDescriptor(described);
    }

    /**
     * Describes one client.
     * @param name the client's bean name
     * @return the client, or null (404) when there is no client of that name
     */
    @ReadOperation
    public @Nullable ClientDescriptor client(@Selector String name) {
        KazooClient client = this.clients.get(name);
        return (client != null) ? describe(client) : null;
    }

    private static ClientDescriptor describe(KazooClient client) {
        ClientSettings settings = client.settings();
        ClientStats stats = client.stats();
        ClientId id = client.clientId();
        int negotiated = client.negotiatedSessionTimeout();
        KeeperState keeperState = client.clientState();
        return new ClientDescriptor(client.state().name(), keeperState.name(), client.timeInState().toString(),
                (id != null) ? id.sessionIdHex() : null, settings.sessionTimeout().toString(),
                (negotiated > 0) ? Duration.ofMillis(negotiated).toString() : null, client.connectedServer(),
                serverVersion(client), client.hosts().stream().map(Object::toString).toList(), client.chroot(),
                keeperState == KeeperState.CONNECTED_RO,
                new Requests(stats.inFlightRequests(), stats.queuedRequests(), settings.requestTimeout().toString()),
                client.watchCounts(), new Connections(stats.reconnects(), stats.disconnects(),
                        stats.sessionExpirations(), client.lastConnectionFailure()),
                new Security(settings.authSchemes(), settings.tls() != null, sasl(settings.sasl())));
    }

    private static @Nullable String serverVersion(KazooClient client) {
        if (client.connectedServer() == null) {
            return null;
        }
        try {
            return ServerVersion.parse(client.commandAsync("srvr").get(VERSION_TIMEOUT)).full();
        }
        catch (RuntimeException ex) {
            return null;
        }
    }

    private static @Nullable Sasl sasl(@Nullable SaslConfig sasl) {
        if (sasl == null) {
            return null;
        }
        return new Sasl(sasl.mechanism(), sasl.username(), (sasl.password() != null) ? MASK : null);
    }

    /**
     * Every client, by bean name.
     * @param clients the clients
     */
    public record ClientsDescriptor(Map<String, ClientDescriptor> clients) implements OperationResponseBody {
    }

    /**
     * One client.
     * @param state Kazoo's state: CONNECTED, SUSPENDED or LOST
     * @param keeperState the session's state: CONNECTING, CONNECTED, CONNECTED_RO, EXPIRED_SESSION,
     * AUTH_FAILED or CLOSED
     * @param timeInState how long the client has been in its keeper state (ISO-8601)
     * @param sessionId the session id in hex while connected, else null
     * @param requestedSessionTimeout the session timeout the client asks for
     * @param negotiatedSessionTimeout the session timeout the server granted, null before a session
     * @param connectedServer the server as host:port, null while not connected
     * @param serverVersion the server's version, null when unknown
     * @param hosts the configured servers
     * @param chroot the chroot, or an empty string
     * @param readOnly whether the server is a read-only one
     * @param requests the requests outstanding
     * @param watches the watchers held, by kind
     * @param connections reconnects, disconnects, expirations and the last failure
     * @param security how the client authenticates, without its secrets
     */
    public record ClientDescriptor(String state, String keeperState, String timeInState, @Nullable String sessionId,
            String requestedSessionTimeout, @Nullable String negotiatedSessionTimeout, @Nullable String connectedServer,
            @Nullable String serverVersion, List<String> hosts, String chroot, boolean readOnly, Requests requests,
            WatchCounts watches, Connections connections, Security security) implements OperationResponseBody {
    }

    /**
     * The requests of a client that are not answered yet.
     * @param inFlight written and not yet answered
     * @param queued waiting to be written
     * @param requestTimeout the default deadline of a request
     */
    public record Requests(int inFlight, int queued, String requestTimeout) {
    }

    /**
     * A client's connection history.
     * @param reconnects connections established after the first
     * @param disconnects connections lost after a session was established on them
     * @param sessionExpirations sessions the server reported expired
     * @param lastFailure why the last connection or attempt failed, or null
     */
    public record Connections(long reconnects, long disconnects, long sessionExpirations,
            @Nullable String lastFailure) {
    }

    /**
     * How a client authenticates; never its secrets.
     * @param authSchemes the schemes of the credentials it sends (never the credentials)
     * @param tls whether it connects with TLS
     * @param sasl its SASL settings, or null
     */
    public record Security(List<String> authSchemes, boolean tls, @Nullable Sasl sasl) {
    }

    /**
     * SASL settings with the password masked.
     * @param mechanism the mechanism
     * @param username the user name, or null (GSSAPI)
     * @param password {@value ZkAsyncEndpoint#MASK} when a password is set, else null
     */
    public record Sasl(@Nullable String mechanism, @Nullable String username, @Nullable String password) {
    }

}
