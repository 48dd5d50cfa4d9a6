package dev.zkasync.spring.boot.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.zkasync.client.KazooClient;
import dev.zkasync.client.state.KeeperState;
import dev.zkasync.test.ZooKeeperExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.context.config.annotation.RefreshScope;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code spring.config.import=zk-async:} on a real server: the node-to-key mapping, the precedence
 * of the contexts for both placements of the import, explicit lists, one session for import and
 * application, and live changes (the event, {@code @RefreshScope} and
 * {@code @ConfigurationProperties}).
 */
@ExtendWith(OutputCaptureExtension.class)
class ZkAsyncConfigDataTests {

    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.shared();

    @TempDir
    Path directory;

    private ConfigTree tree;

    @BeforeEach
    void tree() {
        this.tree = new ConfigTree(zk.serverConnectString(), zk.chroot());
    }

    @AfterEach
    void close() {
        this.tree.close();
    }

    private String[] app1Dev() {
        return new String[] { "--zk.async.hosts=" + zk.connectString(), "--spring.application.name=app1",
                "--spring.profiles.active=dev" };
    }

    @Test
    void importDeclaredInAFileRanksTheProfileContextsFirst() throws Exception {
        this.tree.contexts();
        Environment environment = this.tree.run(App.class, true, "zk-async:", this.directory, app1Dev())
            .getEnvironment();
        assertThat(environment.getProperty("p")).isEqualTo("app1-dev");
        assertThat(environment.getProperty("r")).isEqualTo("application-dev");
        assertThat(environment.getProperty("s")).isEqualTo("application");
        assertThat(environment.containsProperty("only-prod")).isFalse();
    }

    @Test
    void importOnTheCommandLineRanksTheApplicationAboveTheDefaultContextsProfile() throws Exception {
        this.tree.contexts();
        Environment environment = this.tree.run(App.class, false, "zk-async:", this.directory, app1Dev())
            .getEnvironment();
        assertThat(environment.getProperty("p")).isEqualTo("app1-dev");
        assertThat(environment.getProperty("r")).isEqualTo("app1");
        assertThat(environment.getProperty("s")).isEqualTo("application");
        assertThat(environment.containsProperty("only-prod")).isFalse();
    }

    @Test
    void importedValuesWinOverTheFileThatDeclaresTheImport() throws Exception {
        this.tree.put("/config/app1/db/url", "from-zookeeper");
        Environment environment = this.tree.run(App.class, true, "zk-async:", this.directory, app1Dev())
            .getEnvironment();
        assertThat(environment.getProperty("db.url")).isEqualTo("from-zookeeper");
    }

    @Test
    void nodesMapToKeysAsInSpringCloudZookeeper(CapturedOutput output) throws Exception {
        this.tree.put("/config/app1/server", "s")
            .put("/config/app1/server/port", "8080")
            .put("/config/app1/group", new byte[0])
            .put("/config/app1/group/name", "g")
            .put("/config/app1/blank", new byte[0])
            .put("/config/app1/unicode", "h\u00e9llo \u2713")
            .put("/config/app1/bad", new byte[] { (byte) 0xc3, (byte) 0x28 });
        Environment environment = this.tree.run(App.class, true, "zk-async:", this.directory, app1Dev())
            .getEnvironment();
        assertThat(environment.getProperty("server")).isEqualTo("s");
        assertThat(environment.getProperty("server.port")).isEqualTo("8080");
        assertThat(environment.containsProperty("group")).isFalse();
        assertThat(environment.getProperty("group.name")).isEqualTo("g");
        assertThat(environment.getProperty("blank")).isEmpty();
        assertThat(environment.getProperty("unicode")).isEqualTo("h\u00e9llo \u2713");
        assertThat(environment.containsProperty("bad")).isFalse();
        // the path as the application sees it, below its chroot; the data is never logged
        assertThat(output).contains("Skipping ZooKeeper node /config/app1/bad")
            .contains("not valid UTF-8");
    }

    @Test
    void anExplicitListHasNoProfileVariantsAndItsLaterPathWins() throws Exception {
        this.tree.put("/config/app/k", "app")
            .put("/config/app/only-app", "a")
            .put("/config/shared/k", "shared")
            .put("/config/app,dev/k", "app-dev")
            .put("/config/app,dev/only-dev", "d");
        Environment environment = this.tree
            .run(App.class, true, "zk-async:/config/app;/config/shared", this.directory, app1Dev())
            .getEnvironment();
        assertThat(environment.getProperty("k")).isEqualTo("shared");
        assertThat(environment.getProperty("only-app")).isEqualTo("a");
        assertThat(environment.containsProperty("only-dev")).isFalse();
    }

    @Test
    void aPathThatIsNotAZooKeeperPathIsRefusedByName() {
        assertThatThrownBy(() -> this.tree.run(App.class, true, "zk-async:/config/app;config/shared", this.directory,
                app1Dev()))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'config/shared'")
            .hasMessageContaining("absolute paths separated by ';'");
    }

    @Test
    void theAutoConfiguredClientIsTheSessionTheImportOpened() throws Exception {
        this.tree.contexts();
        ConfigurableApplicationContext context = this.tree.run(App.class, true, "zk-async:", this.directory,
                app1Dev());
        KazooClient client = context.getBean(KazooClient.class);
        assertThat(client).isSameAs(context.getBean(ZkAsyncConfigData.class).getClient());
        assertThat(context.getBeansOfType(KazooClient.class)).hasSize(1);
        assertThat(client.connected()).isTrue();
        context.close();
        assertThat(client.clientState()).isEqualTo(KeeperState.CLOSED);
    }

    @Test
    void aChangeInZooKeeperReachesTheEnvironmentTheEventRefreshScopeAndConfigurationProperties() throws Exception {
        this.tree.put("/config/app1/greeting", "hello").put("/config/app1/demo/message", "one");
        ConfigurableApplicationContext context = this.tree.run(RefreshApp.class, true, "zk-async:", this.directory,
                app1Dev());
        Greeter greeter = context.getBean(Greeter.class);
        Demo demo = context.getBean(Demo.class);
        Changes changes = context.getBean(Changes.class);
        assertThat(greeter.greeting()).isEqualTo("hello");
        assertThat(demo.getMessage()).isEqualTo("one");

        this.tree.put("/config/app1/greeting", "hi");
        await().atMost(Duration.ofSeconds(1))
            .untilAsserted(() -> assertThat(context.getEnvironment().getProperty("greeting")).isEqualTo("hi"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(changes.keys).contains(Set.of("greeting")));
        assertThat(greeter.greeting()).isEqualTo("hi");

        this.tree.put("/config/app1/demo/message", "two");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(demo.getMessage()).isEqualTo("two"));

        this.tree.put("/config/app1/added", "new").delete("/config/app1/greeting");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(context.getEnvironment().getProperty("added")).isEqualTo("new");
            assertThat(context.getEnvironment().containsProperty("greeting")).isFalse();
            // the event follows the change of the property source
            assertThat(changes.keys.stream().flatMap(Set::stream)).contains("demo.message", "added", "greeting");
        });
    }

    @Test
    void springCloudsOwnRefreshReusesTheSessionAndTheLiveSources() throws Exception {
        this.tree.put("/config/app1/greeting", "hello");
        ConfigurableApplicationContext context = this.tree.run(RefreshApp.class, true, "zk-async:", this.directory,
                app1Dev());
        PropertySource<?> before = context.getEnvironment().getPropertySources().get("zk-async:/config/app1");
        KazooClient client = context.getBean(KazooClient.class);
        context.getBean(ContextRefresher.class).refresh();
        assertThat(context.getEnvironment().getPropertySources().get("zk-async:/config/app1")).isSameAs(before);
        assertThat(context.getBean(ZkAsyncConfigData.class).getClient()).isSameAs(client);
        assertThat(context.getEnvironment().getProperty("greeting")).isEqualTo("hello");
        this.tree.put("/config/app1/greeting", "hi");
        await().atMost(Duration.ofSeconds(5))
            .untilAsserted(() -> assertThat(context.getEnvironment().getProperty("greeting")).isEqualTo("hi"));
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {

    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @EnableConfigurationProperties(Demo.class)
    static class RefreshApp {

        @Bean
        @RefreshScope
        Greeter greeter(@Value("${greeting}") String greeting) {
            return new Greeter(greeting);
        }

        @Bean
        Changes changes() {
            return new Changes();
        }

    }

    static class Greeter {

        private final String greeting;

        Greeter(String greeting) {
            this.greeting = greeting;
        }

        String greeting() {
            return this.greeting;
        }

    }

    static class Changes implements ApplicationListener<ZkAsyncConfigChangedEvent> {

        final List<Set<String>> keys = new CopyOnWriteArrayList<>();

        @Override
        public void onApplicationEvent(ZkAsyncConfigChangedEvent event) {
            this.keys.add(event.getKeys());
        }

    }

    @ConfigurationProperties("demo")
    static class Demo {

        private String message = "";

        String getMessage() {
            return this.message;
        }

        public void setMessage(String message) {
            this.message = message;
        }

    }

}
