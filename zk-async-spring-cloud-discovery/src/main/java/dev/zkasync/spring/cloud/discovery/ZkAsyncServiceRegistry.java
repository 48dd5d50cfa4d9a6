package dev.zkasync.spring.cloud.discovery;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.zkasync.client.CreateOptions;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.exception.NoNodeException;
import dev.zkasync.client.exception.NodeExistsException;
import dev.zkasync.client.path.ZkPaths;
import dev.zkasync.client.retry.KazooRetry;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.client.state.KazooStateListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.client.serviceregistry.ServiceRegistry;

/**
 * Spring Cloud Commons' {@link ServiceRegistry} on a {@link KazooClient}, in the layout of Curator's
 * service discovery: each instance is an ephemeral node {@code {root}/{serviceId}/{instanceId}}
 * holding Curator's instance JSON, its parents container nodes (the server removes them once
 * empty), exactly as Spring Cloud Zookeeper registers. Spring Cloud Zookeeper applications and
 * Curator's {@code ServiceDiscovery} read these instances.
 *
 * <ul>
 *   <li>{@link #register} waits for the node (at most the client's request timeout); a node left by
 *       an earlier session under the same id is replaced, as Curator does.</li>
 *   <li>After a session expiry every registered instance is written again, once the new session is
 *       connected, retrying transient errors until it is written or deregistered.</li>
 *   <li>{@link #deregister} deletes the node at once; while disconnected it does not wait (the
 *       delete goes on reconnect, and the ephemeral node with the session).</li>
 *   <li>{@link #setStatus} writes the status into the metadata as {@code instance_status}.</li>
 * </ul>
 */
public class ZkAsyncServiceRegistry implements ServiceRegistry<ZkAsyncRegistration> {

    private static final Log logger = LogFactory.getLog(ZkAsyncServiceRegistry.class);

    private static final Duration RETRY_DELAY = Duration.ofMillis(500);

    private final KazooClient client;

    private final String root;

    /** One registered instance and its registration time, kept across status changes and re-registrations. */
    private record Registered(ZkAsyncRegistration registration, long registrationTimeUtc) {
    }

    private final Map<String, Registered> registered = new ConcurrentHashMap<>();

    private final KazooStateListener stateListener = this::onState;

    private volatile boolean sessionLost;

    /**
     * Creates a registry.
     * @param client the client
     * @param root the discovery root, for example {@code /services}
     */
    public ZkAsyncServiceRegistry(KazooClient client, String root) {
        this.client = client;
        this.root = root;
        client.addListener(this.stateListener);
    }

    /**
     * The node of a registration.
     * @param registration the registration
     * @return {@code {root}/{serviceId}/{instanceId}}
     */
    public String pathOf(ZkAsyncRegistration registration) {
        return servicePath(registration) + "/" + registration.getInstanceId();
    }

    private String servicePath(ZkAsyncRegistration registration) {
        return (this.root.equals("/") ? "" : this.root) + "/" + registration.getServiceId();
    }

    @Override
    public void register(ZkAsyncRegistration registration) {
        String path = pathOf(registration);
        Registered entry = new Registered(registration, System.currentTimeMillis());
        this.registered.put(path, entry);
        try {
            await(write(entry), "register " + registration.getServiceId() + " instance "
                    + registration.getInstanceId() + " at " + path);
        }
        catch (ZkAsyncRegistrationException ex) {
            this.registered.remove(path, entry);
            throw ex;
        }
        if (logger.isInfoEnabled()) {
            logger.info("Registered " + registration + " at " + pathOf(registration));
        }
    }

    @Override
    public void deregister(ZkAsyncRegistration registration) {
        String path = pathOf(registration);
        if (this.registered.remove(path) == null) {
            return;
        }
        CompletionStage<Void> delete = this.client.deleteAsync(path).exceptionallyCompose((ex) -> {
            Throwable cause = unwrap(ex);
            return (cause instanceof NoNodeException) ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.failedFuture(cause);
        });
        if (!this.client.connected()) {
            // Waiting would hold shutdown for the request deadline: the delete is sent on reconnect,
            // and the ephemeral node goes with the session when the client closes or it expires.
            logger.info("Not connected to ZooKeeper: " + path + " is deleted on reconnect or goes with the session");
            return;
        }
        await(delete, "deregister " + registration.getServiceId() + " instance " + registration.getInstanceId());
        if (logger.isInfoEnabled()) {
            logger.info("Deregistered " + registration + " from " + path);
        }
    }

    @Override
    public void setStatus(ZkAsyncRegistration registration, String status) {
        registration.getMetadata().put(ZkAsyncRegistration.INSTANCE_STATUS_KEY, status);
        String path = pathOf(registration);
        Registered entry = this.registered.get(path);
        if (entry != null) {
            await(this.client.setAsync(path, InstanceJson.write(registration, entry.registrationTimeUtc())),
                    "set the status of " + path);
        }
    }

    /**
     * The status in the registration's metadata ({@code instance_status}).
     * @return the status, or {@code null} if none was set
     */
    @Override
    @SuppressWarnings("unchecked")
    public <T> T getStatus(ZkAsyncRegistration registration) {
        return (T) registration.getMetadata().get(ZkAsyncRegistration.INSTANCE_STATUS_KEY);
    }

    /**
     * Whether the registration is registered here (its node is kept, and re-created after an expiry).
     * @param registration the registration
     * @return {@code true} between {@link #register} and {@link #deregister}
     */
    public boolean isRegistered(ZkAsyncRegistration registration) {
        return this.registered.containsKey(pathOf(registration));
    }

    /** Stops re-registering; the client (and with it the session and its nodes) belongs to its owner. */
    @Override
    public void close() {
        this.client.removeListener(this.stateListener);
    }

    private CompletionStage<String> write(Registered entry) {
        ZkAsyncRegistration registration = entry.registration();
        String path = pathOf(registration);
        byte[] data = InstanceJson.write(registration, entry.registrationTimeUtc());
        return ensureContainer(this.root)
            .thenCompose((ignored) -> ensureContainer(servicePath(registration)))
            .thenCompose((ignored) -> createEphemeral(path, data, 3));
    }

    private CompletionStage<String> createEphemeral(String path, byte[] data, int attempts) {
        return this.client.createAsync(path, data, CreateOptions.DEFAULT.ephemeral()).exceptionallyCompose((ex) -> {
            Throwable cause = unwrap(ex);
            if (attempts > 1 && cause instanceof NodeExistsException) {
                // Left by an earlier session: replace it, so that its watchers see the change (as Curator).
                return this.client.deleteAsync(path)
                    .exceptionally((deleteFailure) -> null)
                    .thenCompose((ignored) -> createEphemeral(path, data, attempts - 1));
            }
            if (attempts > 1 && cause instanceof NoNodeException) {
                // The server removed an empty container between our create calls.
                return ensureContainer(ZkPaths.parent(path)).thenCompose(
                        (ignored) -> createEphemeral(path, data, attempts - 1));
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    private CompletionStage<String> ensureContainer(String path) {
        if (path.equals("/")) {
            return CompletableFuture.completedFuture(path);
        }
        return this.client.createAsync(path, new byte[0], CreateOptions.DEFAULT.container().makepath())
            .exceptionallyCompose((ex) -> {
                Throwable cause = unwrap(ex);
                return (cause instanceof NodeExistsException) ? CompletableFuture.completedFuture(path)
                        : CompletableFuture.failedFuture(cause);
            });
    }

    // On the client's handler thread.
    private void onState(KazooState state) {
        if (state == KazooState.LOST) {
            this.sessionLost = true;
        }
        else if (state == KazooState.CONNECTED && this.sessionLost) {
            this.sessionLost = false;
            this.registered.values().forEach(this::reRegister);
        }
    }

    private void reRegister(Registered entry) {
        ZkAsyncRegistration registration = entry.registration();
        String path = pathOf(registration);
        if (this.registered.get(path) != entry) {
            return; // deregistered, or registered anew, meanwhile
        }
        write(entry).whenComplete((created, ex) -> {
            if (ex == null) {
                logger.info("Registered " + registration + " again at " + path + " after the session expired");
            }
            else if (KazooRetry.transientError(unwrap(ex))) {
                this.client.schedule(RETRY_DELAY, () -> reRegister(entry));
            }
            else {
                logger.error("Could not register " + registration + " again at " + path, unwrap(ex));
            }
        });
    }

    private <T> T await(CompletionStage<T> stage, String what) {
        try {
            return stage.toCompletableFuture().get(this.client.requestTimeout().toMillis() * 2,
                    TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new ZkAsyncRegistrationException("Interrupted while trying to " + what, ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            Throwable cause = unwrap(ex);
            throw new ZkAsyncRegistrationException("Could not " + what + ": " + cause, cause);
        }
    }

    private static Throwable unwrap(Throwable ex) {
        Throwable cause = ex;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

}
