package dev.zkasync.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ZooKeeper server's classpath, read from the list zk-async-zookeeper-runtime ships and
 * resolved against the local Maven repository; jars it lacks are fetched first
 * ({@link RemoteMavenRepository}).
 *
 * <p>{@code -Dzk.async.server.version=3.6.4} (or env {@code ZK_ASYNC_SERVER_VERSION}) runs another
 * server release: its own {@code zookeeper} and {@code zookeeper-jute} jars with the default release's
 * third-party jars. That is sound for 3.6 to 3.9: the run-time dependencies of every such release
 * (Netty 4.1, SLF4J, audience-annotations, commons-io, and metrics-core, which each server needs
 * although its POM marks it provided) are a subset of the default's, and all are backward compatible.
 */
final class ServerClasspath {

    static final String RESOURCE = "META-INF/zk-async/zookeeper-server.classpath";
    static final String PLACEHOLDER = "M2_REPO";
    static final String VERSION_PROPERTY = "zk.async.server.version";
    private static final Pattern SERVER_JAR =
            Pattern.compile("/org/apache/zookeeper/(zookeeper(?:-jute)?)/([^/]+)/\\1-\\2\\.jar$");

    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    private static final Pattern LOCAL_REPOSITORY = Pattern.compile("<localRepository>([^<]*)</localRepository>");
    private static final Logger LOG = LoggerFactory.getLogger(ServerClasspath.class);

    private static volatile String cached;

    private ServerClasspath() {
    }

    /** The resolved classpath string, computed once per JVM. */
    static String get() {
        String value = cached;
        if (value == null) {
            synchronized (ServerClasspath.class) {
                value = cached;
                if (value == null) {
                    String line = withVersion(readResource(), requestedVersion(System.getProperties(), System.getenv()));
                    Path repo = localRepository(System.getProperties(), System.getenv(), line);
                    fetchMissing(line, repo, RemoteMavenRepository.configured(System.getProperties(), System.getenv()));
                    value = join(resolve(line, repo));
                    cached = value;
                }
            }
        }
        return value;
    }

    /** The server release the tests run: the requested one, else the one the runtime list names. */
    static String version() {
        return requestedVersion(System.getProperties(), System.getenv()).orElseGet(() -> defaultVersion(readResource()));
    }

    static Optional<String> requestedVersion(Properties sys, Map<String, String> env) {
        String value = sys.getProperty(VERSION_PROPERTY, env.get("ZK_ASYNC_SERVER_VERSION"));
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String version = value.strip();
        if (!version.matches("\\d+\\.\\d+\\.\\d+")) {
            throw new IllegalArgumentException(VERSION_PROPERTY + " must be a release such as 3.6.4, not '" + value + "'");
        }
        return Optional.of(version);
    }

    /** The version of the server jar in the list. */
    static String defaultVersion(String line) {
        for (String entry : line.split(":")) {
            Matcher m = SERVER_JAR.matcher(entry.strip());
            if (m.find() && m.group(1).equals("zookeeper")) {
                return m.group(2);
            }
        }
        throw new IllegalStateException(RESOURCE + " names no org.apache.zookeeper:zookeeper jar");
    }

    /** The list with the server's own two jars ({@code zookeeper}, {@code zookeeper-jute}) at {@code version}. */
    static String withVersion(String line, Optional<String> version) {
        if (version.isEmpty()) {
            return line;
        }
        List<String> entries = new ArrayList<>();
        for (String entry : line.split(":")) {
            Matcher m = SERVER_JAR.matcher(entry.strip());
            entries.add(m.find()
                    ? entry.strip().substring(0, m.start()) + "/org/apache/zookeeper/" + m.group(1) + "/" + version.get()
                            + "/" + m.group(1) + "-" + version.get() + ".jar"
                    : entry);
        }
        return String.join(":", entries);
    }

    static String readResource() {
        ClassLoader loader = ServerClasspath.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath: add a dependency on "
                        + "dev.zkasync:zk-async-zookeeper-runtime (./mvnw -pl zk-async-zookeeper-runtime package builds it)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * Downloads each jar of the list that {@code repo} lacks from {@code remote}: Maven does not
     * download them for a user, because they are optional dependencies of zk-async-zookeeper-runtime.
     *
     * @return the number of jars downloaded
     */
    static int fetchMissing(String line, Path repo, RemoteMavenRepository remote) {
        int fetched = 0;
        for (String entry : line.split(":")) {
            String trimmed = entry.strip();
            if (!trimmed.startsWith(PLACEHOLDER + "/")) {
                continue;
            }
            String relative = trimmed.substring(PLACEHOLDER.length() + 1);
            Path jar = repo.resolve(relative);
            if (!Files.isRegularFile(jar)) {
                if (fetched == 0) {
                    LOG.info("fetching the ZooKeeper server's jars missing from {} from {}", repo, remote.base());
                }
                long begin = System.nanoTime();
                remote.download(relative, jar);
                fetched++;
                LOG.info("fetched {} into {} in {} ms", relative, repo, (System.nanoTime() - begin) / 1_000_000);
            }
        }
        return fetched;
    }

    /**
     * Replaces the placeholder by {@code repo} in every entry and checks that each jar exists,
     * naming the first missing one.
     */
    static List<Path> resolve(String line, Path repo) {
        List<Path> jars = new ArrayList<>();
        for (String entry : line.split(":")) {
            String trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            Path jar = trimmed.startsWith(PLACEHOLDER)
                    ? Path.of(repo.toString() + trimmed.substring(PLACEHOLDER.length()))
                    : Path.of(trimmed);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("ZooKeeper server jar " + jar + " is missing (listed in " + RESOURCE
                        + ", local Maven repository " + repo + "). Run `./mvnw -pl zk-async-zookeeper-runtime package`"
                        + " to resolve the server's jars, or point -Dzk.async.m2 (or -Dmaven.repo.local)"
                        + " at the repository that holds them.");
            }
            jars.add(jar);
        }
        if (jars.isEmpty()) {
            throw new IllegalStateException(RESOURCE + " lists no jars");
        }
        return jars;
    }

    /**
     * The local repository: an explicit setting wins ({@code -Dzk.async.m2}, {@code -Dmaven.repo.local},
     * env {@code M2_REPO}), then {@code <localRepository>} of {@code ~/.m2/settings.xml}; otherwise
     * {@code ~/.m2/repository}, unless it lacks the jars and the repository this JVM loaded SLF4J from
     * has them (a repository moved by other means, such as a global settings.xml).
     */
    static Path localRepository(Properties sys, Map<String, String> env, String line) {
        for (String explicit : new String[] {sys.getProperty("zk.async.m2"), sys.getProperty("maven.repo.local"),
                env.get("M2_REPO")}) {
            if (explicit != null && !explicit.isBlank()) {
                return Path.of(explicit.strip());
            }
        }
        Path m2 = Path.of(sys.getProperty("user.home"), ".m2");
        Optional<Path> fromSettings = settingsLocalRepository(m2.resolve("settings.xml"), sys);
        if (fromSettings.isPresent()) {
            return fromSettings.get();
        }
        Path home = m2.resolve("repository");
        if (holdsAll(line, home)) {
            return home;
        }
        return slf4jRepository().filter(repo -> holdsAll(line, repo)).orElse(home);
    }

    /** The {@code <localRepository>} of a Maven settings file, with {@code ${user.home}} expanded, if it names one. */
    static Optional<Path> settingsLocalRepository(Path settings, Properties sys) {
        if (!Files.isRegularFile(settings)) {
            return Optional.empty();
        }
        try {
            // The stock settings.xml shows the element inside a comment.
            String xml = COMMENT.matcher(Files.readString(settings)).replaceAll("");
            Matcher m = LOCAL_REPOSITORY.matcher(xml);
            if (!m.find() || m.group(1).isBlank()) {
                return Optional.empty();
            }
            return Optional.of(Path.of(m.group(1).strip().replace("${user.home}", sys.getProperty("user.home"))));
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read the local repository from {}: {}", settings, e.toString());
            return Optional.empty();
        }
    }

    private static boolean holdsAll(String line, Path repo) {
        try {
            resolve(line, repo);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** The repository root, if slf4j-api was loaded from {@code <repo>/org/slf4j/slf4j-api/<version>/}. */
    static Optional<Path> slf4jRepository() {
        try {
            CodeSource source = Logger.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return Optional.empty();
            }
            Path jar = Path.of(source.getLocation().toURI());
            // The jar's directory is four levels below the root: version, artifact, slf4j, org.
            Path root = jar;
            for (int i = 0; i < 5 && root != null; i++) {
                root = root.getParent();
            }
            return Optional.ofNullable(root);
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String join(List<Path> jars) {
        return jars.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
    }
}
