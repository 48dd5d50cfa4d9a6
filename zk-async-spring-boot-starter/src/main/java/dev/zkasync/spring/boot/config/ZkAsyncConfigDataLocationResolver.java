package dev.zkasync.spring.boot.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.zkasync.client.KazooClient;
import dev.zkasync.client.state.KeeperState;
import dev.zkasync.spring.boot.autoconfigure.PropertiesKazooClientBuilder;
import dev.zkasync.spring.boot.autoconfigure.ZkAsyncProperties;
import org.apache.commons.logging.Log;

import org.springframework.boot.bootstrap.BootstrapRegistry.InstanceSupplier;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.context.config.ConfigDataLocation;
import org.springframework.boot.context.config.ConfigDataLocationResolver;
import org.springframework.boot.context.config.ConfigDataLocationResolverContext;
import org.springframework.boot.context.config.Profiles;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;

/**
 * Resolves {@code zk-async:} (the contexts of Spring Cloud Zookeeper's layout for the active
 * profiles) and {@code zk-async:/a;/b} (those nodes, the later one first). It opens the client once
 * per startup and, for an import that is not {@code optional:}, waits for its connection up to
 * {@code zk.async.startup.timeout}. During Spring AOT processing it reads nothing and opens no client.
 */
final class ZkAsyncConfigDataLocationResolver implements ConfigDataLocationResolver<ZkAsyncConfigDataResource> {

    static final String PREFIX = "zk-async:";

    /** Set by Spring's AOT processor while it runs the application at build time. */
    static final String AOT_PROCESSING = "spring.aot.processing";

    /** Read from the bound properties for the client's handler and close timeout. */
    private static final List<String> CLIENT_SETTINGS = List.of("spring.threads.virtual.enabled",
            "spring.lifecycle.timeout-per-shutdown-phase");

    private final Log logger;

    private final ResourceLoader resourceLoader;

    ZkAsyncConfigDataLocationResolver(DeferredLogFactory logFactory, ResourceLoader resourceLoader) {
        this.logger = logFactory.getLog(ZkAsyncConfigDataLocationResolver.class);
        this.resourceLoader = resourceLoader;
    }

    @Override
    public boolean isResolvable(ConfigDataLocationResolverContext context, ConfigDataLocation location) {
        return location.hasPrefix(PREFIX);
    }

    @Override
    public List<ZkAsyncConfigDataResource> resolve(ConfigDataLocationResolverContext context,
            ConfigDataLocation location) {
        // the contexts depend on the profiles: everything is resolved in resolveProfileSpecific
        return List.of();
    }

    @Override
    public List<ZkAsyncConfigDataResource> resolveProfileSpecific(ConfigDataLocationResolverContext context,
            ConfigDataLocation location, Profiles profiles) {
        List<ZkAsyncConfigDataResource> resources = resources(location, context.getBinder(), profiles);
        if (isAotProcessing()) {
            // Values are read again when the processed application starts, and a build should not
            // need ZooKeeper: property sources are never frozen into the generated code.
            this.logger.info("Spring AOT processing: " + location + " is read when the application starts, not now");
            return resources;
        }
        ZkAsyncConfigData data = configData(context);
        List<String> paths = resources.stream().map(ZkAsyncConfigDataResource::getPath).toList();
        KazooClient client = data.getClient();
        if (!location.isOptional()) {
            data.require();
            if (!client.startAsync().await(data.getTimeout())) {
                KeeperState state = client.clientState();
                client.stop();
                throw new ZkAsyncConfigDataException(data.getHosts(), paths, data.getTimeout(), state, null);
            }
        }
        else if (!client.connected()) {
            this.logger.info("Not connected to ZooKeeper at " + data.getHosts() + "; starting without " + paths
                    + " (optional), which load when the client connects");
        }
        return resources;
    }

    static boolean isAotProcessing() {
        return Boolean.getBoolean(AOT_PROCESSING);
    }

    private static List<ZkAsyncConfigDataResource> resources(ConfigDataLocation location, Binder binder,
            Profiles profiles) {
        boolean optional = location.isOptional();
        String value = location.getNonPrefixedValue(PREFIX).strip();
        List<ZkAsyncConfigDataResource> resources = new ArrayList<>();
        if (StringUtils.hasText(value)) {
            for (String path : value.split(";")) {
                resources.add(new ZkAsyncConfigDataResource(checkPath(path.strip(), location), optional, null));
            }
            return resources;
        }
        ZkAsyncConfigProperties properties = binder.bind(ZkAsyncConfigProperties.PREFIX, ZkAsyncConfigProperties.class)
            .orElseGet(ZkAsyncConfigProperties::new);
        String root = StringUtils.trimTrailingCharacter(
                StringUtils.trimLeadingCharacter(properties.getRoot().strip(), '/'), '/');
        String prefix = root.isEmpty() ? "" : "/" + root;
        String name = (properties.getName() != null) ? properties.getName()
                : binder.bind("spring.application.name", String.class).orElse("application");
        // later resources win: default context, its profiles, the application, its profiles
        for (String context : List.of(properties.getDefaultContext(), name)) {
            String path = prefix + "/" + context;
            resources.add(new ZkAsyncConfigDataResource(checkPath(path, location), optional, null));
            for (String profile : profiles.getAccepted()) {
                resources.add(new ZkAsyncConfigDataResource(
                        checkPath(path + properties.getProfileSeparator() + profile, location), optional, profile));
            }
        }
        return resources;
    }

    private static String checkPath(String path, ConfigDataLocation location) {
        if (!path.startsWith("/") || (path.length() > 1 && path.endsWith("/")) || path.contains("//")) {
            throw new IllegalArgumentException("'" + path + "' in spring.config.import=" + location
                    + " is not a ZooKeeper path: write absolute paths separated by ';', as zk-async:/config/app;/x");
        }
        return path;
    }

    private ZkAsyncConfigData configData(ConfigDataLocationResolverContext context) {
        ConfigurableBootstrapContext bootstrap = context.getBootstrapContext();
        if (!bootstrap.isRegistered(ZkAsyncConfigData.class)) {
            bootstrap.register(ZkAsyncConfigData.class, InstanceSupplier.of(open(context.getBinder())));
            bootstrap.addCloseListener((event) -> event.getBootstrapContext()
                .get(ZkAsyncConfigData.class)
                .attach(event.getApplicationContext()));
        }
        return bootstrap.get(ZkAsyncConfigData.class);
    }

    private ZkAsyncConfigData open(Binder binder) {
        ZkAsyncProperties properties = binder.bind("zk.async", ZkAsyncProperties.class)
            .orElseGet(ZkAsyncProperties::new);
        Map<String, Object> settings = new HashMap<>();
        CLIENT_SETTINGS.forEach((name) -> binder.bind(name, String.class).ifBound((v) -> settings.put(name, v)));
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("zkAsyncConfigDataClient", settings));
        // the context's meters and observations exist only later: the context binds them to this observer
        DeferredRequestObserver requestObserver = new DeferredRequestObserver();
        KazooClient client = PropertiesKazooClientBuilder.create(properties, environment, this.resourceLoader)
            .requestObserver(requestObserver)
            .build();
        String hosts = hosts(client);
        this.logger.info("Connecting to ZooKeeper at " + hosts + " for spring.config.import");
        client.startAsync();
        return new ZkAsyncConfigData(client, requestObserver, hosts, properties.getStartup().getTimeout(),
                this.logger);
    }

    private static String hosts(KazooClient client) {
        StringBuilder hosts = new StringBuilder();
        client.hosts().forEach((host) -> hosts.append((hosts.length() > 0) ? "," : "").append(host));
        return hosts.append(client.chroot()).toString();
    }

}
