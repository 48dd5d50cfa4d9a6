package dev.zkasync.spring.cloud.discovery;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.cloud.client.serviceregistry.AbstractAutoServiceRegistration;
import org.springframework.cloud.client.serviceregistry.AutoServiceRegistrationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Registers this application's {@link ZkAsyncRegistration} once its web server is up (Spring Cloud
 * Commons' {@link AbstractAutoServiceRegistration}: the registration takes the server's port unless
 * one was configured) and deregisters it on shutdown.
 *
 * <p>Deregistration runs as the first step of shutdown ({@link #PHASE}, above the web server's
 * graceful shutdown and the client's phase), so the node is gone before requests are drained and
 * while the session is still open.
 */
public class ZkAsyncAutoServiceRegistration extends AbstractAutoServiceRegistration<ZkAsyncRegistration>
        implements SmartLifecycle {

    /** Stops before the web server's graceful shutdown ({@code DEFAULT_PHASE - 1024}) and the client (0). */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

    private final ZkAsyncRegistration registration;

    private final boolean enabled;

    /**
     * Creates the auto-registration.
     * @param context the application context
     * @param registry the registry
     * @param properties Spring Cloud Commons' auto-registration settings
     * @param registration this application's instance
     * @param enabled whether to register at all
     */
    public ZkAsyncAutoServiceRegistration(ApplicationContext context, ZkAsyncServiceRegistry registry,
            AutoServiceRegistrationProperties properties, ZkAsyncRegistration registration, boolean enabled) {
        super(context, registry, properties);
        this.registration = registration;
        this.enabled = enabled;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        boolean management = "management".equals(event.getApplicationContext().getServerNamespace());
        if (!management && this.registration.getPlainPort() == 0) {
            this.registration.setPort(event.getWebServer().getPort());
        }
        super.onApplicationEvent(event);
    }

    @Override
    public void start() {
        // The context starts its lifecycles before an embedded web server knows its port: wait for its event.
        if (this.registration.getPlainPort() == 0) {
            return;
        }
        super.start();
    }

    @Override
    public boolean isAutoStartup() {
        return true;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    protected ZkAsyncRegistration getRegistration() {
        return this.registration;
    }

    @Override
    protected ZkAsyncRegistration getManagementRegistration() {
        return null;
    }

    @Override
    @SuppressWarnings("deprecation") // still abstract in Spring Cloud Commons 5.0
    protected Object getConfiguration() {
        return this.registration;
    }

    @Override
    protected boolean isEnabled() {
        return this.enabled;
    }

}
