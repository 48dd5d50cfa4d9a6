package dev.zkasync.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's machine has none of the server's jars: they are fetched from a "remote" repository (an
 * HTTP server in this JVM serving the real local repository) into an empty local one, and a server
 * starts from them.
 */
class ServerJarFetchTest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path localRepo;

    @TempDir
    Path serverDir;

    private final Path realRepo = ServerClasspath.localRepository(System.getProperties(), System.getenv(),
            ServerClasspath.readResource());
    private final Set<String> served = ConcurrentHashMap.newKeySet();
    private final Set<String> corrupted = ConcurrentHashMap.newKeySet();
    private HttpServer http;
    private RemoteMavenRepository remote;

    @BeforeEach
    void startRepository() throws IOException {
        http = HttpServer.create(new InetSocketAddress(FreePorts.LOOPBACK, 0), 0);
        http.createContext("/maven2/", this::serve);
        http.start();
        remote = new RemoteMavenRepository(URI.create("http://" + FreePorts.LOOPBACK.getHostAddress() + ":"
                + http.getAddress().getPort() + "/maven2"));
    }

    @AfterEach
    void stopRepository() {
        http.stop(0);
    }

    @Test
    void aServerStartsFromJarsFetchedIntoAnEmptyLocalRepository() throws Exception {
        String line = ServerClasspath.readResource();

        int fetched = ServerClasspath.fetchMissing(line, localRepo, remote);

        List<Path> jars = ServerClasspath.resolve(line, localRepo);
        assertThat(fetched).isEqualTo(jars.size()).isGreaterThan(10);
        assertThat(served).hasSize(jars.size());
        for (Path jar : jars) {
            assertThat(jar).startsWith(localRepo).hasSameBinaryContentAs(realRepo.resolve(localRepo.relativize(jar)));
        }
        assertThat(ServerClasspath.fetchMissing(line, localRepo, remote)).as("a second run finds them all").isZero();
        assertThat(served).hasSize(jars.size());
        try (Stream<Path> files = Files.walk(localRepo)) {
            assertThat(files.filter(file -> file.toString().endsWith(".part"))).as("no partial downloads left").isEmpty();
        }

        assertServerStarts(jars);
    }

    @Test
    void aJarTheRepositoryDoesNotHaveIsNamedWithItsUrlAndTheOverride() {
        String relative = "org/apache/zookeeper/zookeeper/0.0.1/zookeeper-0.0.1.jar";

        assertThatThrownBy(() -> ServerClasspath.fetchMissing("M2_REPO/" + relative, localRepo, remote))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot fetch the ZooKeeper server jar " + relative)
                .hasMessageContaining(remote.base().resolve(relative).toString())
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("-Dzk.async.server.repository")
                .hasMessageContaining("ZK_ASYNC_SERVER_REPOSITORY")
                .hasMessageContaining("mvn dependency:get -Dartifact=org.apache.zookeeper:zookeeper:0.0.1");
        assertThat(localRepo.resolve(relative)).doesNotExist();
    }

    @Test
    void aJarWhoseChecksumDoesNotMatchIsNotKept() throws IOException {
        String relative = "org/apache/zookeeper/zookeeper-jute/" + ServerClasspath.version() + "/zookeeper-jute-"
                + ServerClasspath.version() + ".jar";
        corrupted.add(relative + ".sha1");

        assertThatThrownBy(() -> remote.download(relative, localRepo.resolve(relative)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("its SHA-1 is ")
                .hasMessageContaining("but the repository's .sha1 says 0000000000");
        try (Stream<Path> files = Files.walk(localRepo)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void anUnreachableRepositoryIsNamed() {
        int closedPort = FreePorts.allocate();
        RemoteMavenRepository nowhere = new RemoteMavenRepository(URI.create("http://127.0.0.1:" + closedPort + "/"));

        try {
            assertThatThrownBy(() -> nowhere.download("a/b/1/b-1.jar", localRepo.resolve("a/b/1/b-1.jar")))
                    .hasMessageContaining("http://127.0.0.1:" + closedPort + "/a/b/1/b-1.jar")
                    .hasMessageContaining("ConnectException");
        } finally {
            FreePorts.release(closedPort);
        }
    }

    @Test
    void theRepositoryIsMavenCentralUnlessOverridden() {
        Properties sys = new Properties();

        assertThat(RemoteMavenRepository.configured(sys, Map.of()).base())
                .isEqualTo(URI.create("https://repo.maven.apache.org/maven2/"));
        assertThat(RemoteMavenRepository.configured(sys, Map.of("ZK_ASYNC_SERVER_REPOSITORY", "https://env/m2")).base())
                .isEqualTo(URI.create("https://env/m2/"));
        sys.setProperty("zk.async.server.repository", "https://mirror.example/maven2/");
        assertThat(RemoteMavenRepository.configured(sys, Map.of("ZK_ASYNC_SERVER_REPOSITORY", "https://env/m2")).base())
                .isEqualTo(URI.create("https://mirror.example/maven2/"));
    }

    @Test
    void coordinatesForTheHintIncludeTheClassifier() {
        assertThat(RemoteMavenRepository.coordinates(
                "io/netty/netty-transport-native-epoll/4.1.119.Final/netty-transport-native-epoll-4.1.119.Final-linux-x86_64.jar"))
                .isEqualTo("io.netty:netty-transport-native-epoll:4.1.119.Final:jar:linux-x86_64");
        assertThat(RemoteMavenRepository.coordinates("commons-io/commons-io/2.17.0/commons-io-2.17.0.jar"))
                .isEqualTo("commons-io:commons-io:2.17.0");
    }

    @Test
    void theLocalRepositoryOfTheUsersSettingsIsHonoured() throws IOException {
        Path home = serverDir;
        Files.createDirectories(home.resolve(".m2"));
        Files.writeString(home.resolve(".m2/settings.xml"), """
                <settings>
                  <!-- <localRepository>/path/to/local/repo</localRepository> -->
                  <localRepository>${user.home}/maven-repo</localRepository>
                </settings>
                """);
        Properties sys = new Properties();
        sys.setProperty("user.home", home.toString());

        assertThat(ServerClasspath.localRepository(sys, Map.of(), "M2_REPO/x.jar")).isEqualTo(home.resolve("maven-repo"));
        sys.setProperty("maven.repo.local", "/explicit");
        assertThat(ServerClasspath.localRepository(sys, Map.of(), "M2_REPO/x.jar")).isEqualTo(Path.of("/explicit"));
    }

    /** Serves the real local repository; a {@code .sha1} is computed from the jar, as a repository has it. */
    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String relative = exchange.getRequestURI().getPath().substring("/maven2/".length());
            boolean checksum = relative.endsWith(".sha1");
            Path file = realRepo.resolve(checksum ? relative.substring(0, relative.length() - ".sha1".length()) : relative);
            if (!Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = checksum
                    ? (corrupted.contains(relative) ? "0".repeat(40) : sha1(file)).getBytes(StandardCharsets.US_ASCII)
                    : Files.readAllBytes(file);
            if (!checksum) {
                served.add(relative);
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String sha1(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
    }

    /** Runs ZooKeeperServerMain on the fetched jars and waits until it reports itself standalone. */
    private void assertServerStarts(List<Path> jars) throws Exception {
        int port = FreePorts.allocate();
        Path log = serverDir.resolve("server.log");
        String classpath = String.join(File.pathSeparator, jars.stream().map(Path::toString).toList());
        Process server = new ProcessBuilder(JvmCommand.javaExecutable(), "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-Dzookeeper.admin.enableServer=false", "-cp", classpath, JvmCommand.STANDALONE_MAIN,
                String.valueOf(port), serverDir.resolve("data").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Poll.until(START_TIMEOUT,
                    () -> FourLetterWord.probe(port, "srvr").flatMap(FourLetterWord::mode).filter("standalone"::equals)
                            .isPresent(),
                    () -> "the server on the fetched jars did not serve within " + START_TIMEOUT + "; its log:\n"
                            + LogFile.tail(log, 40));
        } finally {
            server.destroyForcibly();
            server.waitFor(30, TimeUnit.SECONDS);
            FreePorts.release(port);
        }
    }
}
