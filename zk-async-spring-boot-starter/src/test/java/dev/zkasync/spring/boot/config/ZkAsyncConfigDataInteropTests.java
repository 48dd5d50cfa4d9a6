package dev.zkasync.spring.boot.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

import dev.zkasync.test.ZooKeeperExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same tree read by Spring Cloud Zookeeper's config client ({@code spring.config.import=zookeeper:},
 * on Curator) and by {@code zk-async:} gives the same keys and the same values, profiles included,
 * with the import declared in a file and on the command line.
 */
class ZkAsyncConfigDataInteropTests {

    @RegisterExtension
    static final ZooKeeperExtension zk = ZooKeeperExtension.shared();

    @TempDir
    Path directory;

    private ConfigTree tree;

    @BeforeEach
    void tree() {
        this.tree = new ConfigTree(zk.serverConnectString(), zk.chroot());
        this.tree.contexts()
            .put("/config/application/shared/flag", "true")
            .put("/config/application,dev/shared/flag", "false")
            .put("/config/app1/server", "s")
            .put("/config/app1/server/port", "8080")
            .put("/config/app1/group", new byte[0])
            .put("/config/app1/group/name", "g")
            .put("/config/app1/blank", new byte[0])
            .put("/config/app1/unicode", "h\u00e9llo \u2713")
            .put("/config/app1/db/url", "from-zookeeper")
            .put("/config/app1,dev/db/pool", "5");
    }

    @AfterEach
    void close() {
        this.tree.close();
    }

    @ParameterizedTest(name = "import declared in a file: {0}")
    @ValueSource(booleans = { true, false })
    void springCloudZookeeperAndZkAsyncReadTheSameProperties(boolean importInFile) throws Exception {
        String[] common = { "--spring.application.name=app1", "--spring.profiles.active=dev" };
        ConfigurableApplicationContext ours = this.tree.run(ZkAsyncConfigDataTests.App.class, importInFile,
                "zk-async:", this.directory, with(common, "--zk.async.hosts=" + zk.connectString()));
        ConfigurableApplicationContext theirs = this.tree.run(ZkAsyncConfigDataTests.App.class, importInFile,
                "zookeeper:", this.directory,
                with(common, "--spring.cloud.zookeeper.enabled=true", "--zk.async.enabled=false",
                        "--spring.cloud.zookeeper.connect-string=" + zk.connectString()));
        Map<String, Object> ourValues = imported(ours.getEnvironment(), ZkAsyncPropertySource.class::isInstance);
        Map<String, Object> theirValues = imported(theirs.getEnvironment(),
                (source) -> source.getClass().getName().startsWith("org.springframework.cloud.zookeeper"));
        assertThat(theirValues).containsKeys("p", "r", "s", "server.port", "db.pool");
        assertThat(ourValues).isEqualTo(theirValues);
        assertThat(ourValues).containsEntry("p", "app1-dev")
            .containsEntry("r", importInFile ? "application-dev" : "app1")
            .containsEntry("db.url", "from-zookeeper")
            .containsEntry("blank", "");
    }

    /** Every key of the imported sources, with the value the environment resolves for it. */
    private static Map<String, Object> imported(ConfigurableEnvironment environment,
            Predicate<PropertySource<?>> imported) {
        Map<String, Object> values = new TreeMap<>();
        environment.getPropertySources()
            .stream()
            .filter(imported)
            .map(EnumerablePropertySource.class::cast)
            .flatMap((source) -> Arrays.stream(source.getPropertyNames()))
            .forEach((key) -> values.put(key, environment.getProperty(key)));
        return values;
    }

    private static String[] with(String[] args, String... more) {
        return Stream.concat(Arrays.stream(args), Arrays.stream(more))
            .toArray(String[]::new);
    }

}
