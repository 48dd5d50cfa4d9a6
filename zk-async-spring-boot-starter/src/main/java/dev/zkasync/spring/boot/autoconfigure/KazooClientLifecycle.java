package dev.zkasync.spring.boot.autoconfigure;

import java.time.Duration;

import dev.zkasync.client.state.ClientId;
import dev.zkasync.client.KazooClient;
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

    @Override
    public void start() {
        String hosts = hosts();
        logger.info("Connecting to ZooKeeper at " + hosts);
        StartEvent started = this.client.startAsync();
        this.running = true;
        if (!this.waitForConnection) {
            return;
        }
        if (started.await(this.timeout)) {
            ClientId id = this.client.clientId();
            boolean readOnly = this.client.clientState() == KeeperState.CONNECTED_RO;
            logger.info("Connected to ZooKeeper at " + this.client.connectedServer()
                    + ((id != null) ? ", session " + id.sessionIdHex() : "") + ", timeout "
                    + this.client.negotiatedSessionTimeout() + " ms" + (readOnly ? " (read-only server)" : ""));
            return;
        }
        KeeperState state = this.client.clientState();
        if (this.failFast) {
            this.running = false;
            this.client.stop();
            throw new ZkAsyncStartupException(hosts, this.timeout, state);
        }
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

    private String hosts() {
        StringBuilder hosts = new StringBuilder();
        this.client.hosts().forEach((host) -> hosts.append((hosts.length() > 0) ? "," : "").append(host));
        return hosts.append(this.client.chroot()).toString();
    }

}
