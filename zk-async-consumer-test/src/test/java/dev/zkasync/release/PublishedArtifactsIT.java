package dev.zkasync.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * What Maven Central needs of each published module, read from what the build made: the modules
 * listed in zk-async-bom, their POMs as invoker:install put them in target/local-repo (the
 * flattened ones, which consumers read), and their sources and Javadoc jars.
 */
class PublishedArtifactsIT {

    private static final Path ROOT = Path.of(System.getProperty("zk.async.root"));
    private static final Path REPO = Path.of(System.getProperty("zk.async.it.repo"));
    private static final String VERSION = System.getProperty("zk.async.version");
    private static final Pattern ARTIFACT_ID = Pattern.compile("<artifactId>([^<]+)</artifactId>");

    @Test
    void theBomListsThePublishedModulesWithTheirVersionsWrittenOut() throws IOException {
        String bom = installedPom("zk-async-bom");

        assertThat(publishedModules()).contains("zk-async-client", "zk-async-spring-boot-starter",
                "zk-async-test", "zk-async-zookeeper-runtime");
        assertThat(bom).contains("<version>" + VERSION + "</version>").doesNotContain("<properties>");
        assertSelfContained("zk-async-bom", bom);
    }

    @Test
    void everyPublishedModuleHasASelfContainedPomWithTheMetadataCentralRequires() throws IOException {
        for (String module : publishedModules()) {
            assertSelfContained(module, installedPom(module));
        }
    }

    @Test
    void everyPublishedModuleHasItsSourcesAndJavadocJars() throws IOException {
        for (String module : publishedModules()) {
            for (String classifier : List.of("sources", "javadoc")) {
                Path jar = ROOT.resolve(module).resolve("target").resolve(module + "-" + VERSION + "-" + classifier + ".jar");
                assertThat(jar).as("%s's %s jar", module, classifier).isRegularFile();
                try (JarFile file = new JarFile(jar.toFile())) {
                    assertThat(file.stream().filter(entry -> !entry.isDirectory() && !entry.getName().startsWith("META-INF/")))
                            .as("the content of %s", jar).isNotEmpty();
                }
            }
        }
    }

    @Test
    void everyModuleOfTheBuildIsEitherPublishedOrMarkedAsNotPublished() throws IOException {
        List<String> published = publishedModules();
        for (String module : modulesOf(Files.readString(ROOT.resolve("pom.xml")))) {
            if (module.equals("zk-async-bom") || published.contains(module)) {
                continue;
            }
            assertThat(Files.readString(ROOT.resolve(module).resolve("pom.xml")))
                    .as("%s is not in zk-async-bom, so it must not be deployed", module)
                    .contains("<maven.deploy.skip>true</maven.deploy.skip>");
        }
    }

    @Test
    void theConsumersTestsRanZooKeeperFromServerJarsFetchedIntoItsOwnRepository() throws IOException {
        String line = serverClasspath();
        String log = Files.readString(Path.of(System.getProperty("zk.async.it.log")));

        for (String entry : line.split(":")) {
            String relative = entry.strip().substring("M2_REPO/".length());
            assertThat(REPO.resolve(relative)).as("a server jar in the consumer's repository").isRegularFile();
            assertThat(log).as("the consumer build's log").contains("fetched " + relative + " into " + REPO);
        }
    }

    /** The server's classpath list, as zk-async-zookeeper-runtime's jar holds it. */
    private static String serverClasspath() throws IOException {
        Path jar = REPO.resolve("dev/zkasync/zk-async-zookeeper-runtime").resolve(VERSION)
                .resolve("zk-async-zookeeper-runtime-" + VERSION + ".jar");
        try (JarFile file = new JarFile(jar.toFile())) {
            return new String(file.getInputStream(file.getEntry("META-INF/zk-async/zookeeper-server.classpath"))
                    .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        }
    }

    private static void assertSelfContained(String module, String pom) {
        assertThat(pom).as("the installed POM of %s", module)
                .doesNotContain("${")
                .doesNotContain("<parent>")
                .contains("<name>", "<description>", "<url>https://", "<licenses>", "<name>Apache-2.0</name>",
                        "<developers>", "<scm", "<connection>");
    }

    /** The artifactIds of zk-async-bom's dependencyManagement, as installed. */
    private static List<String> publishedModules() throws IOException {
        String bom = installedPom("zk-async-bom");
        String managed = bom.substring(bom.indexOf("<dependencyManagement>"), bom.indexOf("</dependencyManagement>"));
        return artifactIds(managed);
    }

    private static List<String> modulesOf(String pom) {
        List<String> modules = new ArrayList<>();
        Matcher matcher = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
        while (matcher.find()) {
            modules.add(matcher.group(1));
        }
        return modules;
    }

    private static List<String> artifactIds(String xml) {
        List<String> ids = new ArrayList<>();
        Matcher matcher = ARTIFACT_ID.matcher(xml);
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }

    private static String installedPom(String artifactId) throws IOException {
        Path pom = REPO.resolve("dev/zkasync").resolve(artifactId).resolve(VERSION).resolve(artifactId + "-" + VERSION + ".pom");
        assertThat(pom).as("the POM invoker:install put in %s", REPO).isRegularFile();
        return Files.readString(pom);
    }
}
