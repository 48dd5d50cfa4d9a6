package dev.zkasync.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * A Maven repository the server's jars are fetched from when the local repository lacks them:
 * Maven Central unless {@code -Dzk.async.server.repository} (env {@code ZK_ASYNC_SERVER_REPOSITORY})
 * names another, such as a mirror. Every jar is checked against the repository's {@code .sha1}
 * before it is moved, whole, into the local repository's layout.
 */
final class RemoteMavenRepository {

    static final String PROPERTY = "zk.async.server.repository";
    static final String ENV = "ZK_ASYNC_SERVER_REPOSITORY";
    static final URI MAVEN_CENTRAL = URI.create("https://repo.maven.apache.org/maven2/");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final URI base;

    RemoteMavenRepository(URI base) {
        String text = base.toString();
        this.base = text.endsWith("/") ? base : URI.create(text + "/");
    }

    static RemoteMavenRepository configured(Properties sys, Map<String, String> env) {
        String value = sys.getProperty(PROPERTY, env.get(ENV));
        return new RemoteMavenRepository(value == null || value.isBlank() ? MAVEN_CENTRAL : URI.create(value.strip()));
    }

    URI base() {
        return base;
    }

    /**
     * Downloads {@code relative} (a path in the repository layout, such as
     * {@code org/apache/zookeeper/zookeeper/3.9.4/zookeeper-3.9.4.jar}) to {@code target}.
     *
     * @throws IllegalStateException naming the jar, its URL and the override when it cannot be
     *         fetched or its checksum does not match; {@code target} is then left as it was
     */
    void download(String relative, Path target) {
        URI jarUri = base.resolve(relative);
        try {
            String expected = expectedSha1(base.resolve(relative + ".sha1"));
            Files.createDirectories(target.getParent());
            // A temporary file beside the target, so that the move is a rename and no one reads half a jar.
            Path part = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
            try {
                String actual = copy(jarUri, part);
                if (!actual.equals(expected)) {
                    throw new IOException("its SHA-1 is " + actual + " but the repository's .sha1 says " + expected);
                }
                moveIntoPlace(part, target);
            } finally {
                Files.deleteIfExists(part);
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot fetch the ZooKeeper server jar " + relative + " from " + jarUri
                    + " into " + target + ": " + reason(e) + ". Set -D" + PROPERTY + " (or env " + ENV
                    + ") to a Maven repository or mirror that has it, or put it into the local repository yourself: "
                    + "mvn dependency:get -Dartifact=" + coordinates(relative), e);
        }
    }

    /** Our own messages as they are; a JDK exception with its type, which often is the whole story. */
    private static String reason(Exception e) {
        return e.getClass() == IOException.class && e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /** {@code group:artifact:version[:jar:classifier]} of a jar path in the repository layout. */
    static String coordinates(String relative) {
        String[] parts = relative.split("/");
        if (parts.length < 4) {
            return relative;
        }
        String version = parts[parts.length - 2];
        String artifact = parts[parts.length - 3];
        String group = String.join(".", java.util.Arrays.copyOf(parts, parts.length - 3));
        String file = parts[parts.length - 1];
        String stem = artifact + "-" + version;
        String classifier = file.startsWith(stem + "-") && file.endsWith(".jar")
                ? file.substring(stem.length() + 1, file.length() - ".jar".length())
                : "";
        return group + ":" + artifact + ":" + version + (classifier.isEmpty() ? "" : ":jar:" + classifier);
    }

    private static String expectedSha1(URI uri) throws IOException {
        try (InputStream in = open(uri)) {
            // A .sha1 file holds the hex digest, sometimes followed by the file's name.
            String text = new String(in.readNBytes(1024), StandardCharsets.US_ASCII).strip();
            String digest = text.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            if (!digest.matches("[0-9a-f]{40}")) {
                throw new IOException(uri + " holds no SHA-1 digest");
            }
            return digest;
        }
    }

    /** Copies {@code uri} to {@code file} and returns the SHA-1 of what was copied. */
    private static String copy(URI uri, Path file) throws IOException {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("this JVM has no SHA-1", e);
        }
        try (InputStream in = new DigestInputStream(open(uri), sha1); OutputStream out = Files.newOutputStream(file)) {
            in.transferTo(out);
        }
        return HexFormat.of().formatHex(sha1.digest());
    }

    private static InputStream open(URI uri) throws IOException {
        URLConnection connection = uri.toURL().openConnection();
        connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
        connection.setReadTimeout((int) READ_TIMEOUT.toMillis());
        if (connection instanceof HttpURLConnection http) {
            int status = http.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                http.disconnect();
                throw new IOException(uri + " answered HTTP " + status);
            }
        }
        return connection.getInputStream();
    }

    private static void moveIntoPlace(Path part, Path target) throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
