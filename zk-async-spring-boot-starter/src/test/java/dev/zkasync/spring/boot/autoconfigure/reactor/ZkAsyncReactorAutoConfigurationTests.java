package dev.zkasync.spring.boot.autoconfigure.reactor;

import dev.zkasync.client.KazooClient;
import dev.zkasync.reactor.ReactiveKazooClient;
import dev.zkasync.spring.boot.autoconfigure.ZkAsyncAutoConfiguration;
import dev.zkasync.test.ZooKeeperExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ZkAsyncReactorAutoConfiguration}.
 */
class ZkAsyncReactorAutoConfigurationTests {

    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.shared();

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ZkAsyncAutoConfiguration.class, ZkAsyncReactorAutoConfiguration.class));

    private ApplicationContextRunner connected() {
        return this.contextRunner.withPropertyValues("zk.async.hosts=" + zk.connectString());
    }

    @Test
    void aReactiveClientOverTheApplicationsClientSendsThroughIt() {
        connected().run((context) -> {
            ReactiveKazooClient reactive = context.getBean(ReactiveKazooClient.class);
            assertThat(reactive.client()).isSameAs(context.getBean(KazooClient.class));
            assertThat(reactive.eventBufferSize()).isEqualTo(ReactiveKazooClient.DEFAULT_EVENT_BUFFER_SIZE);
            StepVerifier.create(reactive.ensurePath("/reactive").then(reactive.exists("/reactive")))
                .expectNextCount(1)
                .verifyComplete();
        });
    }

    @Test
    void theEventBufferSizeIsAProperty() {
        connected().withPropertyValues("zk.async.reactor.event-buffer-size=16")
            .run((context) -> assertThat(context.getBean(ReactiveKazooClient.class).eventBufferSize()).isEqualTo(16));
    }

    @Test
    void anEventBufferBelowOneStopsTheStartWithThePropertyNamed() {
        connected().withPropertyValues("zk.async.reactor.event-buffer-size=0").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("zk.async.reactor.event-buffer-size")
                .hasMessageContaining("at least 1");
        });
    }

    @Test
    void backsOffWithoutTheReactorModuleOrReactorCore() {
        connected().withClassLoader(new FilteredClassLoader(ReactiveKazooClient.class))
            .run((context) -> assertThat(context).hasSingleBean(KazooClient.class)
                .doesNotHaveBean(ReactiveKazooClient.class));
        connected().withClassLoader(new FilteredClassLoader(Mono.class))
            .run((context) -> assertThat(context).hasSingleBean(KazooClient.class)
                .doesNotHaveBean(ReactiveKazooClient.class));
    }

    @Test
    void backsOffWhenDisabledOrWhenTheApplicationHasItsOwn() {
        connected().withPropertyValues("zk.async.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(ReactiveKazooClient.class));
        connected().withUserConfiguration(OwnReactiveClient.class).run((context) -> {
            assertThat(context).hasSingleBean(ReactiveKazooClient.class);
            assertThat(context.getBean(ReactiveKazooClient.class).eventBufferSize()).isEqualTo(7);
        });
    }

    @Test
    void twoClientsWithoutAPrimaryOneGetNoReactiveClient() {
        this.contextRunner.withUserConfiguration(TwoClients.class).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(ReactiveKazooClient.class);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnReactiveClient {

        @Bean
        ReactiveKazooClient ownReactiveClient(KazooClient client) {
            return ReactiveKazooClient.of(client, 7);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class TwoClients {

        @Bean(destroyMethod = "close")
        KazooClient first() {
            return KazooClient.builder().hosts(zk.serverConnectString()).build();
        }

        @Bean(destroyMethod = "close")
        KazooClient second() {
            return KazooClient.builder().hosts(zk.serverConnectString()).build();
        }

    }

}
