package dev.zkasync.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.zkasync.client.state.ClientId;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.state.KazooState;
import dev.zkasync.client.state.KazooStateListener;
import dev.zkasync.client.state.KeeperState;
import dev.zkasync.client.state.StartEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Starts and stops a {@link KazooClient} with the application context. It runs in
 * {@linkplain #DEFAULT_PHASE phase 0}, below the web server's phases, so the client connects before
 * the web server takes traffic and closes its session only after the web server has drained its
 * requests (graceful shutdown).
 *
 * <p>On start it begins connecting; when it is told to wait, it waits up to the startup timeout
 * and then either fails the startup with a {@link ZkAsyncStartupException} (fail-fast) or logs a
 * warning and lets the application start while the client keeps reconnecting. On stop it closes
 * the session on a thread of its own and reports back when the server confirmed the close (or the
 * client's close timeout passed), so the context's shutdown phase timeout bounds it.
 *
 * <p>With a chroot, the first connection checks that the chroot exists (one {@code exists}): a
 * missing chroot makes every request fail with {@code NoNodeException}, so it is created when
 * {@code zk.async.create-chroot} is on and reported with a warning otherwise.
 */
public class KazooClientLifecycle implements SmartLifecycle {

    /**
     * The default phase: Spring Data's connection factories use 0 as well.
     */
    public static final int DEFAULT_PHASE = 0;

    private static final Log logger = LogFactory.getLog(KazooClientLifecycle.class);

    private final KazooClient client;

    private final boolean waitForConnection;

    private final Duration timeout;

    private final boolean failFast;

    private final int phase;

    private volatile boolean createChroot;

    private volatile boolean running;

    /**
     * Creates a lifecycle with the startup settings of {@code zk.async.startup.*}.
     * @param client the client
     * @param startup the startup settings
     */
    public KazooClientLifecycle(KazooClient client, ZkAsyncProperties.Startup startup) {
        this(client, startup.isWait(), startup.getTimeout(), startup.isFailFast(), DEFAULT_PHASE);
    }

    /**
     * Creates a lifecycle.
     * @param client the client
     * @param waitForConnection whether {@link #start()} waits for the first connection
     * @param timeout how long it waits
     * @param failFast whether it throws when no connection came in time
     * @param phase the lifecycle phase
     */
    public KazooClientLifecycle(KazooClient client, boolean waitForConnection, Duration timeout, boolean failFast,
            int phase) {
        Assert.notNull(client, "'client' must not be null");
        Assert.notNull(timeout, "'timeout' must not be null");
        this.client = client;
        this.waitForConnection = waitForConnection;
        this.timeout = timeout;
        this.failFast = failFast;
        this.phase = phase;
    }

    /**
     * Whether a missing chroot is created on the first connection rather than only reported.
     * @param createChroot true to create it
     */
    public void setCreateChroot(boolean createChroot) {
        this.createChroot = createChroot;
    }

    @Override
    public void start() {
        String hosts = hosts();
        logger.info("Connecting to ZooKeeper at " + hosts);
        StartEvent started = this.client.startAsync();
        this.running = true;
        if (!this.waitForConnection) {
            checkChrootOnFirstConnection();
            return;
        }
        if (started.await(this.timeout)) {
            ClientId id = this.client.clientId();
            boolean readOnly = this.client.clientState() == KeeperState.CONNECTED_RO;
            logger.info("Connected to ZooKeeper at " + this.client.connectedServer()
                    + ((id != null) ? ", session " + id.sessionIdHex() : "") + ", timeout "
                    + this.client.negotiatedSessionTimeout() + " ms" + (readOnly ? " (read-only server)" : ""));
            // Waited on so that a created chroot exists before the application takes traffic.
            checkChroot().toCompletableFuture().completeOnTimeout(null, this.timeout.toMillis(),
                    TimeUnit.MILLISECONDS).join();
            return;
        }
        KeeperState state = this.client.clientState();
        if (this.failFast) {
            this.running = false;
            this.client.stop();
            throw new ZkAsyncStartupException(hosts, this.timeout, state, this.client.lastConnectionFailure());
        }
        checkChrootOnFirstConnection();
        logger.warn("Not connected to ZooKeeper at " + hosts + " after " + this.timeout + " (client state " + state
                + "); starting anyway because zk.async.startup.fail-fast is false. "
                + ((state == KeeperState.AUTH_FAILED) ? "The server refused the credentials; the client will not retry."
                        : "The client keeps reconnecting; the zkAsync health indicator reports DOWN until it connects."));
    }

    @Override
    public void stop() {
        this.running = false;
        this.client.stop();
    }

    @Override
    public void stop(Runnable callback) {
        if (!this.running) {
            callback.run();
            return;
        }
        this.running = false;
        Thread.ofPlatform().name("zk-async-shutdown").daemon().start(() -> {
            try {
                this.client.stop();
            }
            catch (RuntimeException ex) {
                logger.warn("Closing the ZooKeeper session failed", ex);
            }
            finally {
                callback.run();
            }
        });
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return this.phase;
    }

    /**
     * The client this lifecycle starts and stops.
     * @return the client
     */
    public KazooClient getClient() {
        return this.client;
    }

    private void checkChrootOnFirstConnection() {
        if (this.client.chroot().isEmpty()) {
            return;
        }
        AtomicBoolean checked = new AtomicBoolean();
        KazooStateListener listener = new KazooStateListener() {
            @Override
            public void stateChanged(KazooState state) {
                if (state == KazooState.CONNECTED && checked.compareAndSet(false, true)) {
                    KazooClientLifecycle.this.client.removeListener(this);
                    checkChroot();
                }
            }
        };
        this.client.addListener(listener);
        // The connection may have come before the listener.
        if (this.client.connected() && checked.compareAndSet(false, true)) {
            this.client.removeListener(listener);
            checkChroot();
        }
    }

    /** One exists on the chroot; then a create, or a warning, when it is missing. Never fails. */
    private CompletionStage<?> checkChroot() {
        String chroot = this.client.chroot();
        if (chroot.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return this.client.existsAsync("/").thenCompose((stat) -> {
            if (stat != null) {
                return CompletableFuture.completedFuture(null);
            }
            if (!this.createChroot) {
                logger.warn("The chroot " + chroot + " does not exist on ZooKeeper: every request of the client "
                        + "will fail with NoNodeException. Create it, or set zk.async.create-chroot=true.");
                return CompletableFuture.completedFuture(null);
            }
            return this.client.ensurePathAsync("/")
                .thenRun(() -> logger.info("Created the chroot " + chroot + " (zk.async.create-chroot)"));
        }).exceptionally((ex) -> {
            Throwable cause = (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
            logger.warn("Could not check or create the chroot " + chroot + ": " + cause);
            return null;
        });
    }

    private String hosts() {
        StringBuilder hosts = new StringBuilder();
        this.client.hosts().forEach((host) -> hosts.append((hosts.length() > 0) ? "," : "").append(host));
        return hosts.append(this.client.chroot()).toString();
    }

}
