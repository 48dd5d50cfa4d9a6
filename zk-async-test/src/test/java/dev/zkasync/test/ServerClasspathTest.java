package dev.zkasync.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerClasspathTest {

    @TempDir
    Path repo;

    @Test
    void theShippedListResolvesToExistingJars() {
        String classpath = ServerClasspath.get();

        assertThat(classpath).contains("zookeeper-3.9.4.jar", "logback-classic", "metrics-core", "snappy-java")
                .doesNotContain(ServerClasspath.PLACEHOLDER);
        for (String jar : classpath.split(java.io.File.pathSeparator)) {
            assertThat(Path.of(jar)).isRegularFile();
        }
    }

    @Test
    void anotherReleaseSwapsOnlyTheServersOwnJars() {
        String line = "M2_REPO/org/apache/zookeeper/zookeeper/3.9.4/zookeeper-3.9.4.jar:"
                + "M2_REPO/org/apache/zookeeper/zookeeper-jute/3.9.4/zookeeper-jute-3.9.4.jar:"
                + "M2_REPO/io/dropwizard/metrics/metrics-core/4.1.12.1/metrics-core-4.1.12.1.jar";

        assertThat(ServerClasspath.defaultVersion(line)).isEqualTo("3.9.4");
        assertThat(ServerClasspath.withVersion(line, java.util.Optional.of("3.6.4"))).isEqualTo(
                "M2_REPO/org/apache/zookeeper/zookeeper/3.6.4/zookeeper-3.6.4.jar:"
                        + "M2_REPO/org/apache/zookeeper/zookeeper-jute/3.6.4/zookeeper-jute-3.6.4.jar:"
                        + "M2_REPO/io/dropwizard/metrics/metrics-core/4.1.12.1/metrics-core-4.1.12.1.jar");
        assertThat(ServerClasspath.withVersion(line, java.util.Optional.empty())).isEqualTo(line);
    }

    @Test
    void theRequestedReleaseIsCheckedForShape() {
        Properties sys = new Properties();
        assertThat(ServerClasspath.requestedVersion(sys, Map.of())).isEmpty();
        assertThat(ServerClasspath.requestedVersion(sys, Map.of("ZK_ASYNC_SERVER_VERSION", "3.7.2"))).contains("3.7.2");
        sys.setProperty(ServerClasspath.VERSION_PROPERTY, " 3.8.4 ");
        assertThat(ServerClasspath.requestedVersion(sys, Map.of("ZK_ASYNC_SERVER_VERSION", "3.7.2"))).contains("3.8.4");
        sys.setProperty(ServerClasspath.VERSION_PROPERTY, "latest");
        assertThatThrownBy(() -> ServerClasspath.requestedVersion(sys, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("zk.async.server.version must be a release such as 3.6.4, not 'latest'");
    }

    @Test
    void placeholderIsReplacedByTheRepository() throws IOException {
        Path jar = jar("org/example/a/1.0/a-1.0.jar");

        assertThat(ServerClasspath.resolve("M2_REPO/org/example/a/1.0/a-1.0.jar", repo)).containsExactly(jar);
    }

    @Test
    void aMissingJarIsNamedWithTheCommandThatResolvesIt() throws IOException {
        jar("org/example/a/1.0/a-1.0.jar");

        assertThatThrownBy(() -> ServerClasspath.resolve(
                "M2_REPO/org/example/a/1.0/a-1.0.jar:M2_REPO/org/example/b/2.0/b-2.0.jar", repo))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(repo.resolve("org/example/b/2.0/b-2.0.jar").toString())
                .hasMessageContaining("./mvnw -pl zk-async-zookeeper-runtime package");
    }

    @Test
    void explicitRepositorySettingsWinInOrder() {
        Properties sys = new Properties();
        sys.setProperty("user.home", "/home/nobody");
        String line = "M2_REPO/x.jar";

        assertThat(ServerClasspath.localRepository(sys, Map.of(), line))
                .isEqualTo(Path.of("/home/nobody/.m2/repository"));
        assertThat(ServerClasspath.localRepository(sys, Map.of("M2_REPO", "/env"), line)).isEqualTo(Path.of("/env"));
        sys.setProperty("maven.repo.local", "/maven");
        assertThat(ServerClasspath.localRepository(sys, Map.of("M2_REPO", "/env"), line)).isEqualTo(Path.of("/maven"));
        sys.setProperty("zk.async.m2", "/override");
        assertThat(ServerClasspath.localRepository(sys, Map.of("M2_REPO", "/env"), line))
                .isEqualTo(Path.of("/override"));
    }

    private Path jar(String relative) throws IOException {
        Path jar = repo.resolve(relative);
        Files.createDirectories(jar.getParent());
        Files.write(jar, new byte[] {'P', 'K'});
        return jar;
    }
}
