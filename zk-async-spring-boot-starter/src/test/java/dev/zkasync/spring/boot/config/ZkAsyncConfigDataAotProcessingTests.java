package dev.zkasync.spring.boot.config;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.config.ConfigDataLocation;
import org.springframework.boot.context.config.ConfigDataLocationResolverContext;
import org.springframework.boot.context.config.ConfigDataResource;
import org.springframework.boot.context.config.Profiles;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * While Spring's AOT processor runs the application at build time, a required import needs no
 * ZooKeeper: its contexts load as empty and no client is opened (the processed application reads it when
 * it starts, as {@code SampleApplicationAotIT} shows).
 */
class ZkAsyncConfigDataAotProcessingTests {

    @AfterEach
    void clear() {
        System.clearProperty(ZkAsyncConfigDataLocationResolver.AOT_PROCESSING);
    }

    @Test
    void aRequiredImportLoadsNothingAndOpensNoClientDuringAotProcessing() {
        System.setProperty(ZkAsyncConfigDataLocationResolver.AOT_PROCESSING, "true");
        DefaultBootstrapContext bootstrap = new DefaultBootstrapContext();
        // a port nothing listens on: a client, had one been opened, would wait out the startup timeout
        Binder binder = new Binder(new MapConfigurationPropertySource(
                Map.of("zk.async.hosts", "127.0.0.1:1", "zk.async.startup.timeout", "30s", "spring.application.name", "app1")));
        ZkAsyncConfigDataLocationResolver resolver = new ZkAsyncConfigDataLocationResolver((log) -> log.get(),
                new DefaultResourceLoader());
        ConfigDataLocation location = ConfigDataLocation.of("zk-async:");

        long started = System.nanoTime();
        List<? extends ConfigDataResource> resources = resolver.resolveProfileSpecific(context(binder, bootstrap),
                location, noProfiles());

        assertThat(resources).hasSize(2);
        assertThat(bootstrap.isRegistered(ZkAsyncConfigData.class)).isFalse();
        for (ConfigDataResource resource : resources) {
            assertThat(new ZkAsyncConfigDataLoader().load(null, (ZkAsyncConfigDataResource) resource).getPropertySources())
                .isEmpty();
        }
        assertThat(System.nanoTime() - started).isLessThan(java.time.Duration.ofSeconds(10).toNanos());
    }

    private static Profiles noProfiles() {
        Profiles profiles = mock(Profiles.class);
        when(profiles.getAccepted()).thenReturn(List.of());
        return profiles;
    }

    private static ConfigDataLocationResolverContext context(Binder binder, DefaultBootstrapContext bootstrap) {
        return new ConfigDataLocationResolverContext() {
            @Override
            public Binder getBinder() {
                return binder;
            }

            @Override
            public ConfigDataResource getParent() {
                return null;
            }

            @Override
            public DefaultBootstrapContext getBootstrapContext() {
                return bootstrap;
            }
        };
    }

}
