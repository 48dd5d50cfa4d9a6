package dev.zkasync.spring.boot.autoconfigure;

import java.time.Duration;

import dev.zkasync.client.KazooClientBuilder;
import dev.zkasync.client.retry.KazooRetry;
import dev.zkasync.client.handler.DirectHandler;
import dev.zkasync.client.handler.Handler;
import dev.zkasync.client.handler.SequentialThreadingHandler;
import dev.zkasync.client.handler.SequentialVirtualThreadHandler;
import dev.zkasync.client.sasl.SaslConfig;
import dev.zkasync.client.tls.TlsConfig;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandler;
import io.netty.channel.nio.NioIoHandler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.thread.Threading;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;

/**
 * Applies the {@code zk.async.*} properties and the {@link ZkAsyncConnectionDetails} to the
 * client's builder, at order 0.
 */
class StandardKazooClientBuilderCustomizer implements KazooClientBuilderCustomizer, Ordered {

    private static final Log logger = LogFactory.getLog(StandardKazooClientBuilderCustomizer.class);

    static final String SHUTDOWN_PHASE_TIMEOUT = "spring.lifecycle.timeout-per-shutdown-phase";

    private static final Duration DEFAULT_SHUTDOWN_PHASE_TIMEOUT = Duration.ofSeconds(30);

    private final ZkAsyncProperties properties;

    private final ZkAsyncConnectionDetails connectionDetails;

    private final Environment environment;

    private final ResourceLoader resourceLoader;

    private final @Nullable EventLoopGroup eventLoopGroup;

    StandardKazooClientBuilderCustomizer(ZkAsyncProperties properties, ZkAsyncConnectionDetails connectionDetails,
            Environment environment, ResourceLoader resourceLoader, @Nullable EventLoopGroup eventLoopGroup) {
        this.properties = properties;
        this.connectionDetails = connectionDetails;
        this.environment = environment;
        this.resourceLoader = resourceLoader;
        this.eventLoopGroup = eventLoopGroup;
    }

    @Override
    public int getOrder() {
        return 0;
    }

    @Override
    public void customize(KazooClientBuilder builder) {
        ZkAsyncProperties p = this.properties;
        builder.hosts(this.connectionDetails.getConnectString());
        this.connectionDetails.getAuth().forEach((auth) -> builder.authData(auth.scheme(), auth.credential()));
        builder.sessionTimeout(p.getSessionTimeout());
        if (p.getConnectionTimeout() != null) {
            builder.connectionTimeout(p.getConnectionTimeout());
        }
        builder.requestTimeout(p.getRequestTimeout());
        builder.closeTimeout(closeTimeout());
        builder.maxInFlight(p.getMaxInFlight());
        builder.maxQueuedRequests(p.getMaxQueuedRequests());
        builder.replyBatchWindow(p.getReplyBatchWindow());
        builder.readOnly(p.isReadOnly());
        builder.randomizeHosts(p.isRandomizeHosts());
        builder.handler(handler());
        builder.defaultAcl(AclEntries.parse(p.getDefaultAcl()));
        TlsConfig tls = SecuritySettings.tls(p.getTls(), this.connectionDetails.getSslBundle(), this.resourceLoader);
        if (tls != null) {
            builder.tls(tls);
        }
        SaslConfig sasl = SecuritySettings.sasl(p.getSasl());
        if (sasl != null) {
            builder.sasl(sasl);
        }
        ZkAsyncProperties.ConnectionRetry connection = p.getConnectionRetry();
        builder.connectionRetry(retry("zk.async.connection-retry", connection.getMaxTries(), connection.getDelay(),
                connection.getBackoff(), connection.getMaxDelay(), connection.getJitter()));
        ZkAsyncProperties.CommandRetry command = p.getCommandRetry();
        builder.commandRetry(retry("zk.async.command-retry", command.getMaxTries(), command.getDelay(),
                command.getBackoff(), command.getMaxDelay(), command.getJitter()));
        if (this.eventLoopGroup != null) {
            if (canShare(this.eventLoopGroup)) {
                builder.eventLoopGroup(this.eventLoopGroup);
            }
            else {
                logger.debug("Not sharing the EventLoopGroup bean " + this.eventLoopGroup
                        + ": it runs neither NIO nor epoll channels");
            }
        }
    }

    private Duration closeTimeout() {
        Duration shutdownPhase = Binder.get(this.environment)
            .bind(SHUTDOWN_PHASE_TIMEOUT, Duration.class)
            .orElse(DEFAULT_SHUTDOWN_PHASE_TIMEOUT);
        Duration configured = this.properties.getCloseTimeout();
        return (shutdownPhase.isPositive() && shutdownPhase.compareTo(configured) < 0) ? shutdownPhase : configured;
    }

    private Handler handler() {
        return switch (this.properties.getHandler()) {
            case THREADING -> new SequentialThreadingHandler();
            case VIRTUAL -> new SequentialVirtualThreadHandler();
            case DIRECT -> directHandler(this.properties.getSlowCallbackThreshold());
            case AUTO -> Threading.VIRTUAL.isActive(this.environment) ? new SequentialVirtualThreadHandler()
                    : new SequentialThreadingHandler();
        };
    }

    private static DirectHandler directHandler(Duration slowCallbackThreshold) {
        try {
            return new DirectHandler(slowCallbackThreshold);
        }
        catch (IllegalArgumentException | NullPointerException ex) {
            throw new IllegalArgumentException("Invalid zk.async.slow-callback-threshold: " + ex.getMessage(), ex);
        }
    }

    private static KazooRetry retry(String prefix, int maxTries, Duration delay, double backoff, Duration maxDelay,
            double jitter) {
        try {
            return KazooRetry.forever()
                .withMaxTries(maxTries)
                .withDelay(delay)
                .withBackoff(backoff)
                .withMaxDelay(maxDelay)
                .withMaxJitter(jitter);
        }
        catch (IllegalArgumentException | NullPointerException ex) {
            throw new ZkAsyncPropertyException(prefix + ".*", null, String.valueOf(ex.getMessage()),
                    "Correct " + prefix + ".*: max-tries -1 (no limit) or at least 1, delay and max-delay "
                            + "not negative, backoff at least 1.",
                    ex);
        }
    }

    /** The client opens NIO channels, or epoll ones on an epoll group; nothing else fits. */
    static boolean canShare(EventLoopGroup group) {
        if (!(group instanceof IoEventLoopGroup io)) {
            return false;
        }
        if (io.isIoType(NioIoHandler.class)) {
            return true;
        }
        ClassLoader classLoader = StandardKazooClientBuilderCustomizer.class.getClassLoader();
        String epoll = "io.netty.channel.epoll.EpollIoHandler";
        if (ClassUtils.isPresent(epoll, classLoader)) {
            return io.isIoType(ClassUtils.resolveClassName(epoll, classLoader).asSubclass(IoHandler.class));
        }
        return false;
    }

}
