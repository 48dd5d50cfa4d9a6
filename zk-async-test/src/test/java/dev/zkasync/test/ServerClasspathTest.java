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
